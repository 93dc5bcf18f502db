package eu.sectoralerts.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Callers who should get nothing: every endpoint of alert-service and ingest-service without a key,
 * with a wrong one, with the wrong kind and with another subscriber's; tampered paths and ids;
 * oversized and deeply nested JSON; webhook URLs at metadata, link-local, private and loopback
 * addresses, with CR/LF; and a loopback webhook smuggled straight onto the watchlists topic. Every
 * answer must be a 4xx JSON error (never a 5xx or a stack trace), nothing may change, and no key
 * may reach the log. alert-service runs with {@code webhooks.allow-private-addresses=false} (the
 * default), plain HTTP allowed so the address checks, not the scheme check, are what refuses.
 */
@Tag("fault")
@ExtendWith(FaultSuiteExtension.class)
class IntruderTest {

  private static final String CASE = "security";
  private static final String JSON = "application/json";

  private final Namespace ns = new Namespace("intruder");
  private final PipelineTopics topics = ns.topics();
  private final SecureRandom secure = new SecureRandom();
  private final Http http = new Http();
  private final ObjectMapper mapper = new ObjectMapper();

  /** Any 4xx will do: what matters is that nothing leaks and nothing breaks. */
  private static final int ANY_4XX = 0;

  /** One request tried and its answer. */
  private record Tried(String what, int expected, Http.Answer answer) {
    boolean ok() {
      if (expected == ANY_4XX) {
        // Rejected before the application sees it (the HTTP server's own 400): any 4xx
        // without a stack trace or exception text passes; its format is noted in the report.
        String body = answer.body();
        return answer.status() >= 400
            && answer.status() < 500
            && !body.contains("\tat ")
            && !body.contains("Exception")
            && !body.contains("Caused by");
      }
      return answer.status() == expected && answer.isApiError();
    }
  }

  @Test
  void shouldRefuseEveryIntruderChangeNothingAndNeverLogAKey(FaultRig rig, FaultReport report)
      throws Exception {
    String adminKey = KeyDigests.newKey(secure);
    String analystKey = KeyDigests.newKey(secure);
    Map<String, String> overrides =
        Map.of(
            "webhooks.allow-http", "true",
            "webhooks.retry.initial", "PT0.2S",
            "webhooks.retry.max", "PT0.5S",
            "webhooks.give-up-after", "PT4S");
    List<Tried> tried = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(adminKey, analystKey));
    try (LogCapture logs = new LogCapture();
        WebhookReceiver loopback = WebhookReceiver.start();
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(rig.registryUrl());
        KafkaProducer<byte[], byte[]> producer = Kafka.producer(rig.bootstrapServers());
        InProcessPipeline pipeline =
            InProcessPipeline.start(
                rig, ns, new InProcessPipeline.Services(analystKey, false, adminKey, overrides))) {
      String alert = pipeline.alertUrl();
      String ingest = pipeline.ingestUrl();

      // Two subscribers, made by the operator; A has a watchlist and an alert.
      String keyA = createSubscriber(alert, adminKey, "intr-a");
      String keyB = createSubscriber(alert, adminKey, "intr-b");
      secrets.add(keyA);
      secrets.add(keyB);
      Http.Answer created =
          http.post(
              alert + "/v1/watchlists",
              keyA,
              JSON,
              utf8("{\"name\":\"A's falcons\",\"query\":\"falcon\"}"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String wlA = mapper.readTree(created.body()).get("id").asText();
      NewsItem item = Fixtures.item(ns.prefix(), 0); // names falcon
      producer
          .send(
              new ProducerRecord<>(
                  topics.tagged(),
                  utf8(item.getId()),
                  AvroSerde.forValues(registry, TaggedItem.class)
                      .serialize(topics.tagged(), PoisonInputTest.tagged(item))))
          .get();
      String[] alertA = new String[1];
      await("A's alert")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                JsonNode alerts =
                    mapper.readTree(http.get(alert + "/v1/alerts", keyA).body()).get("alerts");
                if (alerts != null && alerts.size() > 0) {
                  alertA[0] = alerts.get(0).get("id").asText();
                  return true;
                }
                return false;
              });

      String wrongSameShape = "sa_intr-a." + KeyDigests.newKey(secure);
      String garbage = "not-a-key-" + KeyDigests.newKey(secure);
      secrets.add(wrongSameShape);
      secrets.add(garbage);

      // ---- every endpoint, every wrong caller
      List<String[]> subscriberEndpoints =
          List.of(
              new String[] {"GET", "/v1/me"},
              new String[] {"POST", "/v1/watchlists"},
              new String[] {"POST", "/v1/watchlists/validate"},
              new String[] {"GET", "/v1/watchlists"},
              new String[] {"GET", "/v1/watchlists/" + wlA},
              new String[] {"PUT", "/v1/watchlists/" + wlA},
              new String[] {"DELETE", "/v1/watchlists/" + wlA},
              new String[] {"POST", "/v1/watchlists/" + wlA + "/test-delivery"},
              new String[] {"GET", "/v1/alerts"},
              new String[] {"GET", "/v1/alerts/stream"},
              new String[] {"GET", "/v1/alerts/weekly"},
              new String[] {"GET", "/v1/alerts/" + alertA[0]},
              new String[] {"GET", "/v1/deliveries"},
              new String[] {"POST", "/v1/deliveries/" + alertA[0] + "/redeliver"});
      List<String[]> operatorEndpoints =
          List.of(
              new String[] {"POST", "/v1/subscribers"},
              new String[] {"GET", "/v1/subscribers"},
              new String[] {"GET", "/v1/subscribers/intr-a"},
              new String[] {"POST", "/v1/subscribers/intr-a/key"},
              new String[] {"DELETE", "/v1/subscribers/intr-a"});
      String body = "{\"name\":\"changed by an intruder\",\"query\":\"harbor\"}";
      for (String[] e : subscriberEndpoints) {
        tried.add(call("no key", e, alert, null, null, body, 401));
        tried.add(call("wrong key", e, alert, wrongSameShape, null, body, 401));
        tried.add(call("garbage key", e, alert, garbage, null, body, 401));
        tried.add(call("Basic auth", e, alert, null, "Basic " + keyA, body, 401));
        tried.add(call("operator key", e, alert, adminKey, null, body, 403));
        if (e[1].contains(wlA) || e[1].contains(alertA[0])) {
          tried.add(call("B's key on A's id", e, alert, keyB, null, body, 404));
        }
      }
      for (String[] e : operatorEndpoints) {
        tried.add(call("no key", e, alert, null, null, "{\"name\":\"x\"}", 401));
        tried.add(call("wrong key", e, alert, garbage, null, "{\"name\":\"x\"}", 401));
        tried.add(call("subscriber key", e, alert, keyA, null, "{\"name\":\"x\"}", 403));
      }
      for (String path : List.of("/v1/items", "/v1/briefings")) {
        String[] e = {"POST", path};
        String type = path.equals("/v1/items") ? JSON : "text/plain";
        for (Map.Entry<String, String> caller :
            Map.of(
                    "no key",
                    "",
                    "wrong key",
                    garbage,
                    "subscriber key",
                    keyA,
                    "operator key",
                    adminKey)
                .entrySet()) {
          tried.add(
              callIngest(
                  caller.getKey(),
                  e,
                  ingest,
                  caller.getValue().isEmpty() ? null : caller.getValue(),
                  type));
        }
      }
      tried.add(
          new Tried(
              "B: alerts filtered by A's watchlist",
              404,
              http.get(alert + "/v1/alerts?watchlist=" + wlA, keyB)));
      tried.add(
          new Tried(
              "B: deliveries filtered by A's watchlist",
              404,
              http.get(alert + "/v1/deliveries?watchlist=" + wlA, keyB)));

      // ---- paths and ids tampered with
      Map<String, Integer> tamper = new LinkedHashMap<>();
      tamper.put("/v1/watchlists/..%2F..%2Fv1%2Fsubscribers", ANY_4XX);
      tamper.put("/v1/watchlists/%2e%2e", ANY_4XX);
      tamper.put("/v1/watchlists/" + wlA + "%2F..%2F..%2Fsubscribers", ANY_4XX);
      tamper.put("/v1/alerts/" + alertA[0] + "%00", ANY_4XX);
      tamper.put("/v1/alerts/..%5C..%5Cwatchlists", ANY_4XX);
      tamper.put("/v1/alerts?after=..%2F..%2F&limit=5", 400);
      tamper.put("/v1/alerts?limit=-1", 400);
      tamper.put("/v1/alerts?limit=99999999999", 400);
      tamper.put("/v1/alerts?since=1970-13-45", 400);
      for (Map.Entry<String, Integer> t : tamper.entrySet()) {
        tried.add(
            new Tried("B: GET " + t.getKey(), t.getValue(), http.get(alert + t.getKey(), keyB)));
      }
      Http.Answer traversal =
          http.send(
              HttpRequest.newBuilder(URI.create(alert + "/app/..%2F..%2F..%2F..%2Fetc%2Fpasswd"))
                  .GET());
      tried.add(new Tried("GET /app/..%2F..%2Fetc%2Fpasswd (no key)", ANY_4XX, traversal));
      assertThat(traversal.body()).doesNotContain("root:");
      tried.add(
          new Tried(
              "operator: GET /v1/subscribers/intr-a%2F..%2Fintr-b",
              ANY_4XX, http.get(alert + "/v1/subscribers/intr-a%2F..%2Fintr-b", adminKey)));
      tried.add(
          new Tried(
              "operator: create subscriber with id ../admin",
              400,
              http.post(
                  alert + "/v1/subscribers",
                  adminKey,
                  JSON,
                  utf8("{\"name\":\"x\",\"id\":\"../admin\"}"))));
      tried.add(
          new Tried(
              "operator: create subscriber over an existing id",
              409,
              http.post(
                  alert + "/v1/subscribers",
                  adminKey,
                  JSON,
                  utf8("{\"name\":\"x\",\"id\":\"intr-a\"}"))));
      tried.add(
          new Tried(
              "analyst: item id with ../",
              400,
              http.post(
                  ingest + "/v1/items",
                  analystKey,
                  JSON,
                  utf8(
                      "{\"id\":\"../../etc\",\"kind\":\"POLICY\",\"title\":\"t\",\"body\":\"b\","
                          + "\"publisher\":\"p\"}"))));

      // ---- oversized and deeply nested JSON
      String nested = "{\"name\":" + "[".repeat(25_000) + "]".repeat(25_000) + "}";
      tried.add(
          new Tried(
              "A: watchlist of 100 KB",
              413,
              http.post(
                  alert + "/v1/watchlists",
                  keyA,
                  JSON,
                  utf8("{\"name\":\"" + "n".repeat(100_000) + "\"}"))));
      tried.add(
          new Tried(
              "A: watchlist nested 25,000 deep",
              400,
              http.post(alert + "/v1/watchlists", keyA, JSON, utf8(nested))));
      tried.add(
          new Tried(
              "operator: subscriber nested 25,000 deep",
              400,
              http.post(alert + "/v1/subscribers", adminKey, JSON, utf8(nested))));
      tried.add(
          new Tried(
              "analyst: item nested 25,000 deep",
              400,
              http.post(ingest + "/v1/items", analystKey, JSON, utf8(nested))));

      // ---- webhook URLs the service must refuse
      List<String> urls =
          List.of(
              "http://169.254.169.254/latest/meta-data/",
              "https://169.254.169.254/",
              "http://metadata.google.internal/computeMetadata/v1/",
              "http://[fd00::1]/hook",
              "http://[fe80::1]/hook",
              "http://127.0.0.1:" + loopback.url("/x").split(":")[2],
              "http://localhost/hook",
              "http://[::1]/hook",
              "http://10.1.2.3/hook",
              "http://192.168.1.1/hook",
              "http://172.16.0.1/hook",
              "http://0.0.0.0/hook",
              "http://2130706433/hook",
              "http://[::ffff:127.0.0.1]/hook",
              "ftp://example.com/hook",
              "http://user:secret@example.com/hook",
              "https://example.com/hook\r\nX-Injected: yes",
              "https://example.com/hook\nX-Injected: yes");
      for (String url : urls) {
        Http.Answer answer =
            http.post(
                alert + "/v1/watchlists",
                keyA,
                JSON,
                utf8(
                    mapper.writeValueAsString(
                        Map.of("name", "hook", "query", "falcon", "webhookUrl", url))));
        tried.add(
            new Tried("A: webhook " + url.replace("\r", "\\r").replace("\n", "\\n"), 400, answer));
        assertThat(answer.body()).as(url).contains("webhookUrl");
      }

      // ---- a loopback webhook written straight to the topic: the dispatcher must refuse it too
      Watchlist smuggled =
          Fixtures.watchlist(
              "wl-intruder-smuggled", "intr-a", "falcon", loopback.url("/smuggled"), secure);
      producer
          .send(
              new ProducerRecord<>(
                  topics.watchlists(),
                  utf8(smuggled.getId()),
                  Fixtures.bytes(registry, Watchlist.class, topics.watchlists(), smuggled)))
          .get();
      await("the smuggled watchlist is loaded")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> http.get(alert + "/v1/watchlists/" + smuggled.getId(), keyA).status() == 200);
      NewsItem second = Fixtures.item(ns.prefix(), 6);
      producer
          .send(
              new ProducerRecord<>(
                  topics.tagged(),
                  utf8(second.getId()),
                  AvroSerde.forValues(registry, TaggedItem.class)
                      .serialize(topics.tagged(), PoisonInputTest.tagged(second))))
          .get();
      Map<String, WebhookDelivery> deliveries = new HashMap<>();
      await("the smuggled delivery ends")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                deliveries.clear();
                for (ConsumerRecord<String, WebhookDelivery> r :
                    Kafka.readAll(
                        rig.bootstrapServers(),
                        topics.webhookDeliveries(),
                        AvroSerde.forValues(registry, WebhookDelivery.class).deserializer())) {
                  deliveries.put(r.key(), r.value());
                }
                return deliveries.values().stream()
                    .anyMatch(
                        d ->
                            d.getWatchlistId().equals(smuggled.getId())
                                && d.getStatus() != DeliveryStatus.PENDING);
              });
      WebhookDelivery smuggledDelivery =
          deliveries.values().stream()
              .filter(d -> d.getWatchlistId().equals(smuggled.getId()))
              .findFirst()
              .orElseThrow();
      String smuggledErrors =
          smuggledDelivery.getAttempts().stream()
              .map(a -> String.valueOf(a.getError()))
              .distinct()
              .collect(Collectors.joining("; "));
      report.note(
          CASE,
          "a watchlist with a loopback webhook written straight to the watchlists topic: its"
              + " delivery ended "
              + smuggledDelivery.getStatus()
              + " after "
              + smuggledDelivery.getAttempts().size()
              + " attempts ("
              + smuggledErrors
              + "); POSTs that reached the loopback receiver: "
              + loopback.requests().size()
              + ".");
      assertThat(loopback.requests()).as("POSTs to a refused address").isEmpty();
      assertThat(smuggledDelivery.getStatus()).isEqualTo(DeliveryStatus.GAVE_UP);

      // ---- nothing changed
      JsonNode stillThere = mapper.readTree(http.get(alert + "/v1/watchlists/" + wlA, keyA).body());
      assertThat(stillThere.get("name").asText()).isEqualTo("A's falcons");
      assertThat(http.get(alert + "/v1/me", keyA).status())
          .as("A's key still works")
          .isEqualTo(200);
      assertThat(http.get(alert + "/v1/subscribers/intr-a", adminKey).status()).isEqualTo(200);

      // ---- the figures, then the verdicts
      List<Tried> wrong = tried.stream().filter(t -> !t.ok()).toList();
      for (Tried t : tried) {
        if (t.ok() && !t.answer().isApiError()) {
          report.note(
              CASE,
              "not a JSON error (the HTTP server answered before the API): "
                  + t.what()
                  + " → HTTP "
                  + t.answer().status()
                  + " "
                  + t.answer().contentType()
                  + ": "
                  + clip(t.answer().body().replaceAll("\\s+", " ")));
        }
      }
      for (Tried t : wrong) {
        report.note(
            CASE,
            "UNEXPECTED: "
                + t.what()
                + " → HTTP "
                + t.answer().status()
                + " (expected "
                + t.expected()
                + " with a JSON error): "
                + clip(t.answer().body()));
      }
      String log = logs.text();
      List<String> leaked = secrets.stream().filter(log::contains).toList();
      report.note(
          CASE,
          tried.size()
              + " intrusions tried: "
              + PoisonInputTest.histogram(tried.stream().map(Tried::answer).toList())
              + "; unexpected answers: "
              + wrong.size()
              + "; "
              + logs.events()
              + " log events searched for "
              + secrets.size()
              + " keys (operator, analyst, two subscribers', two wrong ones): "
              + (leaked.isEmpty() ? "none found" : leaked.size() + " FOUND")
              + ".");
      report.row(
          new FaultReport.Row(
              "security: keys, ids, paths, payloads, webhook URLs",
              2,
              1,
              1,
              0,
              0,
              tried.size() + 1,
              PoisonInputTest.histogram(tried.stream().map(Tried::answer).toList())
                  + "; unexpected: "
                  + wrong.size()
                  + "; not JSON: "
                  + tried.stream().filter(t -> !t.answer().isApiError()).count()
                  + "; loopback webhook smuggled via topic: "
                  + smuggledDelivery.getStatus()
                  + ", 0 POSTs; keys in log: "
                  + leaked.size()));
      assertThat(wrong).as("answers other than the expected 4xx JSON error").isEmpty();
      assertThat(leaked).as("keys found in the log").isEmpty();
    }
  }

  private Tried call(
      String who,
      String[] endpoint,
      String base,
      String key,
      String rawAuth,
      String body,
      int expected) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + endpoint[1])).timeout(Duration.ofSeconds(20));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (rawAuth != null) {
      b.header("Authorization", rawAuth);
    }
    switch (endpoint[0]) {
      case "GET" -> b.GET();
      case "DELETE" -> b.DELETE();
      case "PUT" -> b.header("Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString(body));
      default -> b.header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return new Tried(who + ": " + endpoint[0] + " " + endpoint[1], expected, http.send(b));
  }

  private Tried callIngest(String who, String[] endpoint, String base, String key, String type) {
    return new Tried(
        who + ": " + endpoint[0] + " " + endpoint[1],
        401,
        http.post(base + endpoint[1], key, type, utf8(type.equals(JSON) ? "{}" : "text")));
  }

  private String createSubscriber(String alert, String adminKey, String id) throws Exception {
    Http.Answer answer =
        http.post(
            alert + "/v1/subscribers",
            adminKey,
            JSON,
            utf8("{\"id\":\"" + id + "\",\"name\":\"Subscriber " + id + "\"}"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return mapper.readTree(answer.body()).get("apiKey").asText();
  }

  private static String clip(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "...";
  }

  private static byte[] utf8(String s) {
    return Fixtures.utf8(s);
  }
}
