package eu.sectoralerts.alert;

import static eu.sectoralerts.alert.Fixtures.taggedItem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.OpenApiDocument;
import eu.sectoralerts.webhooks.SendResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API over in-memory stand-ins for Kafka: the publishers write straight into the live
 * tables, as the topology would a moment later.
 */
class AlertApiTest {

  private static final Instant NOW = Instant.parse("2024-05-02T07:30:00Z");
  private static final String OPERATOR_KEY = "operator-key-for-tests";

  private final ObjectMapper json = Json.newMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final LiveTable<Subscriber> subscribers = new LiveTable<>();
  private final LiveTable<Watchlist> watchlists = new LiveTable<>();
  private final DirectPublisher<Subscriber> subscriberPublisher =
      new DirectPublisher<>(subscribers);
  private final DirectPublisher<Watchlist> watchlistPublisher = new DirectPublisher<>(watchlists);
  private final FakeInbox inbox = new FakeInbox();
  private final FakeDeliveries deliveries = new FakeDeliveries();
  private final AlertFeed feed = new AlertFeed();
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.RUNNING);
  private AlertApi api;

  @BeforeEach
  void startApi() {
    subscribers.loadAll(Map.of());
    watchlists.loadAll(Map.of());
    api =
        AlertApi.start(
            "127.0.0.1",
            0,
            new AlertApi.Deps(
                new KeyDigests(List.of(KeyDigests.digestOf(OPERATOR_KEY))),
                subscribers,
                subscriberPublisher,
                watchlists,
                watchlistPublisher,
                inbox,
                feed,
                deliveries,
                new WatchlistRequest.Checks(
                    query ->
                        query.contains("((")
                            ? Optional.of("Cannot parse query at column 1: unbalanced '('")
                            : Optional.empty(),
                    url ->
                        url.contains("169.254.169.254")
                            ? Optional.of("must not point at a metadata address")
                            : Optional.empty(),
                    () -> "whsec_dGVzdC1zZWNyZXQ"),
                new TestDeliveries(
                    (url, headers, body, timeout) ->
                        CompletableFuture.completedFuture(SendResult.status(204)),
                    Duration.ofSeconds(1),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    new SecureRandom()),
                3,
                Duration.ofSeconds(1),
                state::get,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom()));
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  // ---- operators and keys

  @Test
  void shouldCreateASubscriberWithAKeyShownOnceAndStoredAsADigest() throws Exception {
    HttpResponse<String> response =
        send(
            "POST", "/v1/subscribers", OPERATOR_KEY, "{\"name\": \"Acme Rail\", \"id\": \"acme\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    String key = body.get("apiKey").asText();
    assertThat(key).matches("sa_acme\\.[A-Za-z0-9_-]{43}");
    assertThat(subscribers.get("acme").orElseThrow().getKeyDigest())
        .isEqualTo(KeyDigests.digestOf(key));
    assertThat(json.readTree(send("GET", "/v1/subscribers/acme", OPERATOR_KEY, null).body()))
        .isEqualTo(
            json.readTree(
                "{\"id\": \"acme\", \"name\": \"Acme Rail\", \"createdAt\":"
                    + " \"2024-05-02T07:30:00Z\"}"));
    assertThat(json.readTree(send("GET", "/v1/me", key, null).body()).get("id").asText())
        .isEqualTo("acme");
  }

  @Test
  void shouldRefuseASecondSubscriberWithTheSameId() throws Exception {
    subscriber("acme");

    HttpResponse<String> response =
        send("POST", "/v1/subscribers", OPERATOR_KEY, "{\"name\": \"Other\", \"id\": \"acme\"}");

    assertThat(response.statusCode()).isEqualTo(409);
  }

  @Test
  void shouldAnswer401WithoutAKeyOrWithAWrongOne() throws Exception {
    String key = subscriber("acme");
    String forged = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

    for (HttpResponse<String> response :
        List.of(
            send("GET", "/v1/watchlists", null, null),
            send("GET", "/v1/watchlists", forged, null),
            send("GET", "/v1/alerts", "sa_nobody." + "x".repeat(43), null),
            send("GET", "/v1/subscribers", "not-the-operator-key", null),
            send("POST", "/v1/subscribers", null, "{\"name\": \"x\"}"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
      assertThat(response.body()).doesNotContain(forged);
    }
  }

  @Test
  void shouldAnswer403ForTheWrongKindOfKey() throws Exception {
    String key = subscriber("acme");

    assertThat(send("GET", "/v1/subscribers", key, null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/watchlists", OPERATOR_KEY, null).statusCode()).isEqualTo(403);
  }

  @Test
  void shouldStopAcceptingTheOldKeyAfterARotation() throws Exception {
    String old = subscriber("acme");

    HttpResponse<String> rotated = send("POST", "/v1/subscribers/acme/key", OPERATOR_KEY, null);

    String fresh = json.readTree(rotated.body()).get("apiKey").asText();
    assertThat(send("GET", "/v1/me", old, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/me", fresh, null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldDeleteASubscriberWithItsWatchlists() throws Exception {
    String key = subscriber("acme");
    String id = createWatchlist(key, "{\"name\": \"Rail\", \"sectors\": [\"rail\"]}");

    HttpResponse<String> deleted = send("DELETE", "/v1/subscribers/acme", OPERATOR_KEY, null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(watchlists.get(id)).isEmpty();
    assertThat(send("GET", "/v1/me", key, null).statusCode()).isEqualTo(401);
  }

  // ---- watchlists

  @Test
  void shouldStoreAWatchlistWithEveryCriterionAndAWebhookSecret() throws Exception {
    String key = subscriber("acme");

    HttpResponse<String> response =
        send(
            "POST",
            "/v1/watchlists",
            key,
            "{\"name\": \" Chips \", \"sectors\": [\"semiconductors\"], \"risks\":"
                + " [\"supply-chain\"], \"minLevel\": \"MEDIUM\", \"kinds\": [\"POLICY\"],"
                + " \"entities\": [\"Nexperia\"], \"europeanFirmsOnly\": true, \"query\":"
                + " \"wafer* AND export\", \"webhookUrl\": \"https://hooks.example.org/a\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    String id = body.get("id").asText();
    assertThat(id).matches("wl-[0-9a-f]{32}");
    assertThat(response.headers().firstValue("Location")).contains("/v1/watchlists/" + id);
    assertThat(body)
        .isEqualTo(
            json.readTree(
                "{\"id\": \""
                    + id
                    + "\", \"name\": \"Chips\", \"sectors\": [\"semiconductors\"], \"risks\":"
                    + " [\"supply-chain\"], \"minLevel\": \"MEDIUM\", \"kinds\": [\"POLICY\"],"
                    + " \"entities\": [\"Nexperia\"], \"europeanFirmsOnly\": true, \"query\":"
                    + " \"wafer* AND export\", \"webhook\": {\"url\":"
                    + " \"https://hooks.example.org/a\", \"secret\": \"whsec_dGVzdC1zZWNyZXQ\"},"
                    + " \"createdAt\": \"2024-05-02T07:30:00Z\", \"updatedAt\":"
                    + " \"2024-05-02T07:30:00Z\"}"));
    assertThat(watchlistPublisher.written)
        .extracting(Watchlist::getSubscriberId)
        .containsOnly("acme");
  }

  @Test
  void shouldNameEveryInvalidField() throws Exception {
    String key = subscriber("acme");

    HttpResponse<String> response =
        send(
            "POST",
            "/v1/watchlists",
            key,
            "{\"name\": \"\", \"sectors\": [\"rail\", \"railways\"], \"minLevel\": \"SEVERE\","
                + " \"query\": \"((chips\", \"webhookUrl\": \"http://169.254.169.254/x\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("fields"))
        .extracting(f -> f.get("field").asText())
        .containsExactly("name", "sectors[1]", "minLevel", "query", "webhookUrl");
    assertThat(json.readTree(response.body()).get("fields").get(3).get("message").asText())
        .isEqualTo("Cannot parse query at column 1: unbalanced '('");
    assertThat(watchlistPublisher.written).isEmpty();
  }

  @Test
  void shouldRefuseASubscriberIdInTheBody() throws Exception {
    String key = subscriber("acme");

    HttpResponse<String> response =
        send("POST", "/v1/watchlists", key, "{\"name\": \"x\", \"subscriberId\": \"globex\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("subscriberId");
  }

  @Test
  void shouldLimitTheWatchlistsOfOneSubscriber() throws Exception {
    String key = subscriber("acme");
    for (int i = 0; i < 3; i++) {
      createWatchlist(key, "{\"name\": \"n" + i + "\"}");
    }

    HttpResponse<String> response = send("POST", "/v1/watchlists", key, "{\"name\": \"n4\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("message").asText()).contains("at most 3");
  }

  @Test
  void shouldReplaceTheCriteriaButKeepCreationTimeAndSecret() throws Exception {
    String key = subscriber("acme");
    String id =
        createWatchlist(
            key, "{\"name\": \"Rail\", \"webhookUrl\": \"https://hooks.example.org/a\"}");
    Watchlist before = watchlists.get(id).orElseThrow();

    HttpResponse<String> response =
        send(
            "PUT",
            "/v1/watchlists/" + id,
            key,
            "{\"name\": \"Energy\", \"sectors\": [\"energy-cleantech\"], \"webhookUrl\":"
                + " \"https://hooks.example.org/b\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    Watchlist after = watchlists.get(id).orElseThrow();
    assertThat(after.getSectors()).containsExactly("energy-cleantech");
    assertThat(after.getName()).isEqualTo("Energy");
    assertThat(after.getCreatedAt()).isEqualTo(before.getCreatedAt());
    assertThat(after.getWebhook().getSecret()).isEqualTo(before.getWebhook().getSecret());
    assertThat(after.getWebhook().getUrl()).isEqualTo("https://hooks.example.org/b");
  }

  @Test
  void shouldShowASubscriberOnlyItsOwnWatchlistsAndAnswer404ForOthers() throws Exception {
    String acme = subscriber("acme");
    String globex = subscriber("globex");
    String acmeList = createWatchlist(acme, "{\"name\": \"Acme rail\"}");
    createWatchlist(globex, "{\"name\": \"Globex energy\"}");

    JsonNode listed = json.readTree(send("GET", "/v1/watchlists", acme, null).body());

    assertThat(listed.get("watchlists"))
        .extracting(w -> w.get("name").asText())
        .containsExactly("Acme rail");
    for (String method : List.of("GET", "PUT", "DELETE")) {
      HttpResponse<String> response =
          send(
              method,
              "/v1/watchlists/" + acmeList,
              globex,
              method.equals("PUT") ? "{\"name\": \"x\"}" : null);
      assertThat(response.statusCode()).as(method).isEqualTo(404);
    }
    assertThat(watchlists.get(acmeList).orElseThrow().getName()).isEqualTo("Acme rail");
  }

  @Test
  void shouldDeleteAWatchlist() throws Exception {
    String key = subscriber("acme");
    String id = createWatchlist(key, "{\"name\": \"Rail\"}");

    assertThat(send("DELETE", "/v1/watchlists/" + id, key, null).statusCode()).isEqualTo(204);

    assertThat(send("GET", "/v1/watchlists/" + id, key, null).statusCode()).isEqualTo(404);
    assertThat(watchlistPublisher.deleted).containsExactly(id);
  }

  @Test
  void shouldAnswer503WhenTheWatchlistCannotBeStored() throws Exception {
    String key = subscriber("acme");
    watchlistPublisher.failure = new UnavailableException("Could not store the watchlist");

    HttpResponse<String> response = send("POST", "/v1/watchlists", key, "{\"name\": \"x\"}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("unavailable");
  }

  @Test
  void shouldAnswer413ForAnOversizedBody() throws Exception {
    String key = subscriber("acme");

    HttpResponse<String> response =
        send(
            "POST",
            "/v1/watchlists",
            key,
            "{\"name\": \"" + "x".repeat(AlertApi.MAX_BODY_BYTES) + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
  }

  // ---- alerts

  @Test
  void shouldAnswerAPageOfAlertsWithExplanationsAndACursor() throws Exception {
    String key = subscriber("acme");
    inbox.add(alert("a1", "acme", "wl-1", NOW.minusSeconds(30)));
    inbox.add(alert("a2", "acme", "wl-1", NOW.minusSeconds(20)));
    inbox.add(alert("a3", "acme", "wl-2", NOW.minusSeconds(10)));
    inbox.add(alert("b1", "globex", "wl-9", NOW.minusSeconds(5)));

    JsonNode first = json.readTree(send("GET", "/v1/alerts?limit=2", key, null).body());
    JsonNode second =
        json.readTree(
            send("GET", "/v1/alerts?limit=2&after=" + first.get("next").asText(), key, null)
                .body());

    assertThat(first.get("alerts"))
        .extracting(a -> a.get("id").asText())
        .containsExactly("a3", "a2");
    assertThat(second.get("alerts")).extracting(a -> a.get("id").asText()).containsExactly("a1");
    assertThat(second.get("next").isNull()).isTrue();
    assertThat(first.get("alerts").get(0).get("reasons"))
        .isEqualTo(
            json.readTree(
                "[{\"criterion\": \"sectors\", \"matched\": [\"rail\"], \"highlights\": []},"
                    + " {\"criterion\": \"query\", \"matched\": [\"trains\"], \"highlights\":"
                    + " [{\"field\": \"body\", \"start\": 4, \"end\": 10, \"text\":"
                    + " \"trains\"}]}]"));
  }

  @Test
  void shouldFilterAlertsByWatchlistAndTime() throws Exception {
    String key = subscriber("acme");
    watchlistPublisher.put("wl-1", watchlistOf("wl-1", "acme"));
    inbox.add(alert("a1", "acme", "wl-1", Instant.parse("2024-04-01T00:00:00Z")));
    inbox.add(alert("a2", "acme", "wl-1", Instant.parse("2024-05-01T00:00:00Z")));
    inbox.add(alert("a3", "acme", "wl-2", Instant.parse("2024-05-01T01:00:00Z")));

    JsonNode page =
        json.readTree(send("GET", "/v1/alerts?watchlist=wl-1&since=2024-04-15", key, null).body());

    assertThat(page.get("alerts")).extracting(a -> a.get("id").asText()).containsExactly("a2");
  }

  @Test
  void shouldAnswer404ForAnotherSubscribersAlertOrWatchlistFilter() throws Exception {
    subscriber("acme");
    String globex = subscriber("globex");
    watchlistPublisher.put("wl-1", watchlistOf("wl-1", "acme"));
    inbox.add(alert("a1", "acme", "wl-1", NOW));

    assertThat(send("GET", "/v1/alerts/a1", globex, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/alerts?watchlist=wl-1", globex, null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldAnswer400ForABadCursorSinceOrLimit() throws Exception {
    String key = subscriber("acme");

    assertThat(fieldOf(send("GET", "/v1/alerts?after=%2E%2E", key, null))).isEqualTo("after");
    assertThat(fieldOf(send("GET", "/v1/alerts?since=yesterday", key, null))).isEqualTo("since");
    assertThat(fieldOf(send("GET", "/v1/alerts?limit=501", key, null))).isEqualTo("limit");
  }

  @Test
  void shouldAnswer503WhileTheInboxIsNotReady() throws Exception {
    String key = subscriber("acme");
    inbox.failure = new UnavailableException("The alerts inbox is not ready");

    assertThat(send("GET", "/v1/alerts", key, null).statusCode()).isEqualTo(503);
  }

  @Test
  void shouldStreamMissedAlertsThenLiveOnesAsServerSentEvents() throws Exception {
    String key = subscriber("acme");
    Alert seen = alert("a1", "acme", "wl-1", NOW.minusSeconds(30));
    inbox.add(seen);
    inbox.add(alert("a2", "acme", "wl-1", NOW.minusSeconds(20)));
    inbox.add(alert("b1", "globex", "wl-9", NOW.minusSeconds(10)));

    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(uri("/v1/alerts/stream"))
                .header("Authorization", "Bearer " + key)
                .header("Last-Event-ID", InboxQuery.cursorOf(seen))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      assertThat(nextEvent(events)).containsEntry("event", "alert").containsKey("id");
      Alert live = alert("a3", "acme", "wl-1", NOW);
      feed.accept(alert("b2", "globex", "wl-9", NOW));
      feed.accept(live);
      Map<String, String> second = nextEvent(events);
      assertThat(json.readTree(second.get("data")).get("id").asText()).isEqualTo("a3");
      assertThat(second.get("id")).isEqualTo(InboxQuery.cursorOf(live));
    }
  }

  @Test
  void shouldRefuseTheStreamWithoutAKey() throws Exception {
    assertThat(send("GET", "/v1/alerts/stream", null, null).statusCode()).isEqualTo(401);
  }

  // ---- deliveries and health

  @Test
  void shouldShowAndRedeliverOnlyTheSubscribersOwnDeliveries() throws Exception {
    String acme = subscriber("acme");
    String globex = subscriber("globex");
    deliveries.all.add(delivery("alr-1", "acme"));
    deliveries.all.add(delivery("alr-2", "globex"));

    JsonNode listed = json.readTree(send("GET", "/v1/deliveries", acme, null).body());

    assertThat(listed.get("deliveries"))
        .extracting(d -> d.get("id").asText())
        .containsExactly("alr-1");
    assertThat(send("POST", "/v1/deliveries/alr-1/redeliver", globex, null).statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "/v1/deliveries/alr-1/redeliver", acme, null).statusCode())
        .isEqualTo(202);
    assertThat(deliveries.redelivered).containsExactly("alr-1");
  }

  @Test
  void shouldReportHealthFromTheStreamsStateWithoutAKey() throws Exception {
    HttpResponse<String> up = send("GET", "/health", null, null);
    state.set(KafkaStreams.State.REBALANCING);
    HttpResponse<String> starting = send("GET", "/health", null, null);

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(json.readTree(up.body()))
        .isEqualTo(json.readTree("{\"status\": \"UP\", \"streams\": \"RUNNING\"}"));
    assertThat(starting.statusCode()).isEqualTo(503);
  }

  @Test
  void shouldAnswerAnUnknownPathWithAJson404() throws Exception {
    HttpResponse<String> response = send("GET", "/v1/nothing", null, null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("not_found");
  }

  // ---- OpenAPI document and operations endpoints

  @Test
  void shouldDescribeExactlyTheRoutesTheServerHasInItsOpenApiDocument() throws Exception {
    OpenApiDocument document = servedDocument();

    assertThat(document.version()).isEqualTo("3.1.0");
    assertThat(document.operations()).isEqualTo(OpenApiDocument.routesOf(api.javalin()));
    assertThat(document.operations())
        .contains("GET /v1/alerts", "POST /v1/watchlists", "GET /health/ready", "GET /metrics");
  }

  @Test
  void shouldAnswerBodiesThatFitTheSchemasOfItsOpenApiDocument() throws Exception {
    OpenApiDocument document = servedDocument();
    HttpResponse<String> created =
        send("POST", "/v1/subscribers", OPERATOR_KEY, "{\"name\": \"Acme\", \"id\": \"acme\"}");
    assertThat(document.problems("Subscriber", json.readTree(created.body()))).isEmpty();
    String key = json.readTree(created.body()).get("apiKey").asText();

    String watchlist = "{\"name\": \"Rail\", \"sectors\": [\"rail\"], \"query\": \"metro\"}";
    assertThat(document.problems("WatchlistRequest", json.readTree(watchlist))).isEmpty();
    HttpResponse<String> stored = send("POST", "/v1/watchlists", key, watchlist);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    assertThat(document.problems("Watchlist", json.readTree(stored.body()))).isEmpty();

    inbox.add(alert("a1", "acme", "wl-1", NOW));
    HttpResponse<String> page = send("GET", "/v1/alerts", key, null);
    assertThat(json.readTree(page.body()).get("alerts")).hasSize(1);
    assertThat(document.problems("AlertsPage", json.readTree(page.body()))).isEmpty();
    assertThat(
            document.problems(
                "Alert", json.readTree(send("GET", "/v1/alerts/a1", key, null).body())))
        .isEmpty();
    assertThat(
            document.problems(
                "Weekly", json.readTree(send("GET", "/v1/alerts/weekly", key, null).body())))
        .isEmpty();
    assertThat(
            document.problems(
                "Taxonomy", json.readTree(send("GET", "/v1/taxonomy", null, null).body())))
        .isEmpty();

    HttpResponse<String> invalid = send("POST", "/v1/watchlists", key, "{\"minLevel\": \"HUGE\"}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(document.problems("ApiError", json.readTree(invalid.body()))).isEmpty();
    // Strict enough to fail: an error is no watchlist.
    assertThat(document.problems("Watchlist", json.readTree(invalid.body()))).isNotEmpty();
  }

  @Test
  void shouldBeLiveAlwaysAndReadyOnlyWhileStreamsRuns() throws Exception {
    assertThat(send("GET", "/health/live", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/health/ready", null, null).statusCode()).isEqualTo(200);
    state.set(KafkaStreams.State.REBALANCING);
    HttpResponse<String> rebalancing = send("GET", "/health/ready", null, null);
    assertThat(rebalancing.statusCode()).isEqualTo(503);
    assertThat(rebalancing.body()).contains("NOT_READY", "REBALANCING");
    assertThat(send("GET", "/health/live", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldCountAlertsWrittenToLiveStreams() throws Exception {
    String key = subscriber("acme");
    inbox.add(alert("a1", "acme", "wl-1", NOW));
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v1/alerts/stream"))
            .header("Authorization", "Bearer " + key)
            .header(
                "Last-Event-ID",
                InboxQuery.cursorOf(alert("a0", "acme", "wl-1", NOW.minusSeconds(60))))
            .build();
    HttpResponse<java.io.InputStream> stream =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader reader =
        new BufferedReader(
            new java.io.InputStreamReader(
                stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(nextEvent(reader).get("event")).isEqualTo("alert");
    }
    String metrics = send("GET", "/metrics", null, null).body();
    assertThat(metrics)
        .contains("sector_alerts_alerts_total{channel=\"sse\",service=\"alert-service\"} 1.0");
  }

  private OpenApiDocument servedDocument() throws Exception {
    HttpResponse<String> response = send("GET", "/openapi.json", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return OpenApiDocument.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  // ---- helpers

  private String subscriber(String id) throws Exception {
    return ApiRequests.subscriber(api.port(), OPERATOR_KEY, id);
  }

  private String createWatchlist(String key, String body) throws Exception {
    return ApiRequests.createWatchlist(api.port(), key, body);
  }

  private static String fieldOf(HttpResponse<String> response) throws IOException {
    return ApiRequests.fieldOf(response);
  }

  private static Watchlist watchlistOf(String id, String subscriber) {
    return Fixtures.watchlist(id, subscriber, List.of(), List.of(), RiskLevel.NONE, List.of());
  }

  private static Alert alert(String id, String subscriber, String watchlist, Instant at) {
    return new Alert(
        id,
        subscriber,
        watchlist,
        "Watchlist " + watchlist,
        taggedItem("itm-" + id, ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW),
        List.of(
            new MatchReason("sectors", List.of("rail"), List.of()),
            new MatchReason(
                "query", List.of("trains"), List.of(new TextMatch("body", 4, 10, "trains")))),
        at);
  }

  private static WebhookDelivery delivery(String id, String subscriber) {
    return WebhookDelivery.newBuilder()
        .setId(id)
        .setSubscriberId(subscriber)
        .setWatchlistId("wl-1")
        .setStatus(DeliveryStatus.DELIVERED)
        .setPayload("{}")
        .setAttempts(List.of())
        .setCreatedAt(NOW)
        .setUpdatedAt(NOW)
        .build();
  }

  /** Reads lines up to the next blank line; returns the fields of the first event found. */
  private static Map<String, String> nextEvent(BufferedReader reader) throws IOException {
    Map<String, String> fields = new java.util.HashMap<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (fields.containsKey("event")) {
          return fields;
        }
        fields.clear();
      } else if (!line.startsWith(":")) {
        int colon = line.indexOf(':');
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    throw new IOException("stream ended");
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    return ApiRequests.send(api.port(), method, path, key, body);
  }

  private URI uri(String path) {
    return ApiRequests.uri(api.port(), path);
  }
}
