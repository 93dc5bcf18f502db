package eu.sectoralerts.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sectoralerts.alert.AlertIds;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.DeliveryAttempt;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook endpoints that are down, come back, hang, fail or are gone, next to one that works: the
 * dispatcher must retry with backoff, give up (with a dead letter) when the give-up time is reached
 * or at once on 410, deliver to the endpoint that comes back, and keep the working endpoint's
 * deliveries prompt. The durations are shortened by configuration so the case is quick: {@code
 * webhooks.timeout=PT2S} (default 10 s), {@code webhooks.retry.initial=PT0.2S} (5 s), {@code
 * webhooks.retry.max=PT1S} (1 h), {@code webhooks.give-up-after=PT10S} (24 h); the slow endpoint
 * answers after 5 s (instead of 20 s against 10 s).
 */
@Tag("fault")
@ExtendWith(FaultSuiteExtension.class)
class WebhookOutageTest {

  private static final String CASE = "webhooks";
  private static final int ITEMS = 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration RETRY_MAX = Duration.ofSeconds(1);
  private static final Duration GIVE_UP = Duration.ofSeconds(10);
  private static final Duration SLOW = Duration.ofSeconds(5);
  private static final Duration FLAKY_DOWN = Duration.ofSeconds(4);

  private final Namespace ns = new Namespace("hooks");
  private final PipelineTopics topics = ns.topics();
  private final SecureRandom secure = new SecureRandom();

  @Test
  void shouldRetryGiveUpAndDeadLetterPerEndpointWithoutDelayingTheOthers(
      FaultRig rig, FaultReport report) throws Exception {
    String adminKey = KeyDigests.newKey(secure);
    Map<String, String> overrides =
        Map.of(
            "webhooks.timeout", "PT2S",
            "webhooks.retry.initial", "PT0.2S",
            "webhooks.retry.max", "PT1S",
            "webhooks.give-up-after", "PT10S",
            "webhooks.allow-http", "true",
            "webhooks.allow-private-addresses", "true");
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (WebhookReceiver main = WebhookReceiver.start();
        WebhookReceiver failing = WebhookReceiver.start();
        WebhookReceiver gone = WebhookReceiver.start();
        WebhookReceiver slow = WebhookReceiver.start();
        WebhookReceiver flaky = WebhookReceiver.start();
        WebhookReceiver down = WebhookReceiver.start();
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(rig.registryUrl());
        KafkaProducer<byte[], byte[]> producer = Kafka.producer(rig.bootstrapServers());
        InProcessPipeline pipeline =
            InProcessPipeline.start(
                rig, ns, new InProcessPipeline.Services(null, false, adminKey, overrides))) {
      failing.answer("/500", WebhookReceiver.Answer.status(500));
      gone.answer("/410", WebhookReceiver.Answer.status(410));
      slow.answer("/slow", WebhookReceiver.Answer.slow(SLOW));
      down.down();

      Map<String, String> urls = new LinkedHashMap<>();
      urls.put("fast", main.url("/fast"));
      urls.put("500", failing.url("/500"));
      urls.put("410", gone.url("/410"));
      urls.put("slow", slow.url("/slow"));
      // Another subscriber's path on the slow endpoint's host and port.
      urls.put("shared", slow.url("/shared"));
      urls.put("flaky", flaky.url("/flaky"));
      urls.put("down", down.url("/down"));
      Map<String, Watchlist> watchlists = new LinkedHashMap<>();
      send(
          producer,
          topics.subscribers(),
          "sub-h",
          Fixtures.bytes(
              registry,
              Subscriber.class,
              topics.subscribers(),
              Fixtures.subscriber("sub-h", "sa_sub-h." + KeyDigests.newKey(secure))));
      for (Map.Entry<String, String> e : urls.entrySet()) {
        Watchlist w =
            Fixtures.watchlist("wl-hook-" + e.getKey(), "sub-h", "falcon", e.getValue(), secure);
        if (e.getKey().equals("fast")) {
          // CR/LF in a field that travels with the webhook: it must stay inside the JSON body.
          w.setName("Fast\r\nX-Injected: yes");
        }
        watchlists.put(e.getKey(), w);
        send(
            producer,
            topics.watchlists(),
            w.getId(),
            Fixtures.bytes(registry, Watchlist.class, topics.watchlists(), w));
      }
      producer.flush();
      await("watchlists loaded")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> new Http().get(pipeline.alertUrl() + "/v1/watchlists", null).status() == 401);

      // The flaky endpoint is down when the alerts come and back FLAKY_DOWN later.
      flaky.down();
      scheduler.schedule(flaky::up, FLAKY_DOWN.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, Instant> producedAt = new HashMap<>();
      AvroSerde<TaggedItem> taggedSerde = AvroSerde.forValues(registry, TaggedItem.class);
      for (int i = 0; i < ITEMS; i++) {
        NewsItem item = Fixtures.item(ns.prefix(), i * Fixtures.WORDS.size()); // names falcon
        producedAt.put(item.getId(), Instant.now());
        send(
            producer,
            topics.tagged(),
            item.getId(),
            taggedSerde.serialize(topics.tagged(), PoisonInputTest.tagged(item)));
      }
      producer.flush();
      Instant started = Instant.now();

      Map<String, Set<String>> expectedIds = new HashMap<>();
      Map<String, String> itemOfAlert = new HashMap<>();
      for (Map.Entry<String, Watchlist> e : watchlists.entrySet()) {
        Set<String> ids = new java.util.HashSet<>();
        for (String itemId : producedAt.keySet()) {
          String alertId = AlertIds.alertId(itemId, e.getValue().getId());
          ids.add(alertId);
          itemOfAlert.put(alertId, itemId);
        }
        expectedIds.put(e.getKey(), ids);
      }

      // Every delivery ends: delivered, or given up with a dead letter.
      AvroSerde<WebhookDelivery> deliverySerde =
          AvroSerde.forValues(registry, WebhookDelivery.class);
      Map<String, WebhookDelivery> latest = new HashMap<>();
      await("every delivery ended")
          .atMost(Duration.ofSeconds(150))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                latest.clear();
                for (ConsumerRecord<String, WebhookDelivery> r :
                    Kafka.readAll(
                        rig.bootstrapServers(),
                        topics.webhookDeliveries(),
                        deliverySerde.deserializer())) {
                  latest.put(r.key(), r.value());
                }
                return latest.size() == ITEMS * urls.size()
                    && latest.values().stream()
                        .noneMatch(d -> d.getStatus() == DeliveryStatus.PENDING);
              });
      Duration allEnded = Duration.between(started, Instant.now());

      List<ConsumerRecord<String, Alert>> alerts =
          Kafka.readAll(
              rig.bootstrapServers(),
              topics.alerts(),
              AvroSerde.forValues(registry, Alert.class).deserializer());
      Map<String, String> alertAt = new HashMap<>();
      alerts.forEach(
          r -> alertAt.put(r.partition() + "@" + r.offset(), r.value().getWatchlistId()));
      List<DeadLetter> letters =
          Kafka.readAll(
                  rig.bootstrapServers(),
                  topics.alertDeadLetters(),
                  AvroSerde.forValues(registry, DeadLetter.class).deserializer())
              .stream()
              .map(ConsumerRecord::value)
              .filter(l -> "DELIVERY".equals(l.getErrorType()))
              .toList();
      Map<String, Long> lettersByWatchlist =
          letters.stream()
              .collect(
                  Collectors.groupingBy(
                      l -> String.valueOf(alertAt.get(l.getPartition() + "@" + l.getOffset())),
                      Collectors.counting()));

      List<String> problems = new ArrayList<>();
      for (String endpoint : urls.keySet()) {
        Watchlist w = watchlists.get(endpoint);
        List<WebhookDelivery> ds =
            latest.values().stream().filter(d -> d.getWatchlistId().equals(w.getId())).toList();
        Map<DeliveryStatus, Long> byStatus =
            ds.stream()
                .collect(Collectors.groupingBy(WebhookDelivery::getStatus, Collectors.counting()));
        long attempts = ds.stream().mapToLong(d -> d.getAttempts().size()).sum();
        String errors =
            ds.stream()
                .flatMap(d -> d.getAttempts().stream())
                .map(a -> a.getStatusCode() != null ? "HTTP " + a.getStatusCode() : a.getError())
                .map(s -> s.replaceAll("\\d+ ms", "N ms").replaceAll(":.*", ""))
                .distinct()
                .collect(Collectors.joining(", "));
        String path = URIs.path(w.getWebhook().getUrl());
        WebhookReceiver receiver =
            switch (endpoint) {
              case "500" -> failing;
              case "410" -> gone;
              case "slow", "shared" -> slow;
              case "flaky" -> flaky;
              case "down" -> down;
              default -> main;
            };
        List<WebhookReceiver.Request> wire = receiver.requests(path);
        Set<String> distinct =
            wire.stream().map(WebhookReceiver.Request::webhookId).collect(Collectors.toSet());
        long letterCount = lettersByWatchlist.getOrDefault(w.getId(), 0L);
        boolean shouldDeliver =
            endpoint.equals("fast") || endpoint.equals("flaky") || endpoint.equals("shared");
        long delivered = byStatus.getOrDefault(DeliveryStatus.DELIVERED, 0L);
        long gaveUp = byStatus.getOrDefault(DeliveryStatus.GAVE_UP, 0L);
        // An alert is accounted for when its endpoint accepted it or it was dead-lettered.
        Set<String> accepted =
            wire.stream()
                .filter(r -> r.answered() >= 200 && r.answered() < 300)
                .map(WebhookReceiver.Request::webhookId)
                .filter(expectedIds.get(endpoint)::contains)
                .collect(Collectors.toSet());
        long lost = Math.max(0, ITEMS - accepted.size() - letterCount);
        // What de-duplication by webhook-id cannot remove: an id that is no expected alert's.
        long duplicated =
            distinct.stream().filter(id -> !expectedIds.get(endpoint).contains(id)).count();
        long wireRepeats =
            wire.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).count()
                - accepted.size();
        report.note(
            CASE,
            String.format(
                "/%s: %d deliveries, %s; %d attempts recorded (%s); %d POSTs on the wire for %d"
                    + " webhook-ids; %d DELIVERY dead letters.",
                endpoint,
                ds.size(),
                byStatus,
                attempts,
                errors,
                wire.size(),
                distinct.size(),
                letterCount));
        report.row(
            new FaultReport.Row(
                "webhook endpoint " + endpoint,
                ITEMS,
                ITEMS,
                accepted.size(),
                lost,
                duplicated,
                1,
                String.format(
                    "%s; %d attempts (%s); %d POSTs on the wire, %d answered 2xx again for an id"
                        + " already answered (removed by de-duplication); %d given up with a dead"
                        + " letter%s",
                    byStatus,
                    attempts,
                    errors.isEmpty() ? "none" : errors,
                    wire.size(),
                    wireRepeats,
                    letterCount,
                    shouldDeliver ? "" : " (as designed)")));
        if (shouldDeliver) {
          check(problems, delivered == ITEMS, endpoint + ": all delivered, got " + byStatus);
          check(problems, accepted.size() == ITEMS, endpoint + ": accepted " + accepted.size());
          check(problems, letterCount == 0, endpoint + ": no dead letters, got " + letterCount);
        } else {
          check(problems, gaveUp == ITEMS, endpoint + ": all given up, got " + byStatus);
          check(
              problems,
              letterCount == ITEMS,
              endpoint + ": one dead letter per delivery, got " + letterCount);
        }
        switch (endpoint) {
          case "410" ->
              check(
                  problems,
                  wire.size() == ITEMS && attempts == ITEMS,
                  "410: exactly one attempt each, got " + wire.size() + " POSTs");
          case "500", "down" ->
              check(
                  problems,
                  attempts >= 3L * ITEMS,
                  endpoint + ": retried until giving up, got " + attempts + " attempts");
          case "slow" ->
              check(
                  problems,
                  errors.contains("timed out"),
                  "slow: attempts time out after " + TIMEOUT + ", got " + errors);
          case "flaky" ->
              check(
                  problems,
                  errors.contains("could not connect") || errors.contains("I/O error"),
                  "flaky: failed while down, got " + errors);
          default -> {}
        }
        if (endpoint.equals("500")) {
          checkBackoff(problems, ds);
        }
        check(problems, lost == 0, endpoint + ": neither delivered nor dead-lettered: " + lost);
        check(problems, duplicated == 0, endpoint + ": webhook-ids of no alert: " + duplicated);
      }

      // The working endpoint was not held up by the slow, failing and unreachable ones.
      List<Long> latencies = latenciesMs(main.requests("/fast"), itemOfAlert, producedAt);
      List<Long> sharedLatencies = latenciesMs(slow.requests("/shared"), itemOfAlert, producedAt);
      long sharedMax =
          sharedLatencies.isEmpty() ? -1 : sharedLatencies.get(sharedLatencies.size() - 1);
      report.note(
          CASE,
          String.format(
              "/shared (another watchlist's path on the slow endpoint's host and port): %d"
                  + " deliveries, max latency %d ms. The in-flight cap per endpoint (4) counts"
                  + " scheme, host and port, so webhooks of different subscribers on one host"
                  + " (a shared relay service) wait behind a slow one.",
              sharedLatencies.size(), sharedMax));
      long p50 = latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2);
      long max = latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1);
      boolean injected =
          main.requests("/fast").stream()
              .flatMap(r -> r.rawHeaderLines().stream())
              .anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("x-injected"));
      report.note(
          CASE,
          String.format(
              "/fast latency from tagged item to webhook while the others were slow, failing or"
                  + " down: p50 %d ms, max %d ms over %d deliveries; every delivery ended %d s"
                  + " after the items; a watchlist name with CR/LF reached no header: %s.",
              p50, max, latencies.size(), allEnded.toSeconds(), !injected));
      check(problems, !injected, "a CR/LF in the watchlist name became a header");
      check(
          problems,
          max >= 0 && max < TIMEOUT.toMillis() + 3_000,
          "/fast deliveries held up: max latency " + max + " ms");
      assertThat(problems).as("webhook behaviour").isEmpty();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Retries of one delivery come no later than the backoff ceiling (plus scheduling slack). */
  private static void checkBackoff(List<String> problems, List<WebhookDelivery> deliveries) {
    long worst = 0;
    for (WebhookDelivery d : deliveries) {
      List<DeliveryAttempt> attempts = d.getAttempts();
      for (int i = 1; i < attempts.size(); i++) {
        long gap =
            Duration.between(attempts.get(i - 1).getAttemptedAt(), attempts.get(i).getAttemptedAt())
                .toMillis();
        worst = Math.max(worst, gap);
      }
    }
    check(
        problems,
        worst <= RETRY_MAX.toMillis() + 1_500,
        "500: a retry came "
            + worst
            + " ms after the previous attempt (ceiling "
            + RETRY_MAX
            + ")");
  }

  private static void check(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, Fixtures.utf8(key), value));
  }

  /** The path of a URL. */
  private static final class URIs {
    static String path(String url) {
      return java.net.URI.create(url).getPath();
    }
  }

  /**
   * From each received alert's item being produced to its delivery, sorted, in milliseconds; other
   * requests (test deliveries) are left out.
   */
  private static List<Long> latenciesMs(
      List<WebhookReceiver.Request> requests,
      Map<String, String> itemOfAlert,
      Map<String, Instant> producedAt) {
    return requests.stream()
        .filter(r -> itemOfAlert.containsKey(r.webhookId()))
        .map(
            r ->
                Duration.between(producedAt.get(itemOfAlert.get(r.webhookId())), r.receivedAt())
                    .toMillis())
        .sorted()
        .toList();
  }
}
