package eu.sectoralerts.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.matcher.LinearScanMatcher;
import eu.sectoralerts.matcher.MatchResult;
import eu.sectoralerts.matcher.WatchlistMatch;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.webhooks.WebhookSignatures;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka's {@code streams_eos_test}, for this pipeline: enrich-streams and alert-service run as JVMs
 * of their own and are killed with SIGKILL at random moments while 10,000 news items flow in, then
 * the broker is stopped for 30 s mid-flow. A verifier reading with {@code read_committed} must find
 * every expected (item, watchlist) alert exactly once, and a webhook receiver every expected
 * delivery at least once on the wire and exactly once after de-duplication by {@code webhook-id}.
 * Expected alerts come from matching the tagged items with {@link LinearScanMatcher}.
 */
@Tag("fault")
@ExtendWith(FaultSuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineUnderCrashesAndOutageTest {

  private static final int CRASH_ITEMS = 10_000;
  private static final int OUTAGE_ITEMS = 2_000;
  private static final int KILLS = 6;
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final String HOOK_PATH = "/hooks/crash";

  private final Namespace ns = new Namespace("crash");
  private final PipelineTopics topics = ns.topics();
  private final SecureRandom secure = new SecureRandom();
  private final String adminKey = KeyDigests.newKey(secure);
  private final ScheduledExecutorService producing = Executors.newSingleThreadScheduledExecutor();
  private final ConcurrentLinkedQueue<Exception> sendErrors = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.ExecutorService watching = Executors.newSingleThreadExecutor();
  private StableOffsets watchOffsets;

  private FaultRig rig;
  private FaultReport report;
  private SchemaRegistryClient registry;
  private ChildPipeline pipeline;
  private WebhookReceiver receiver;
  private KafkaProducer<byte[], byte[]> producer;
  private List<Watchlist> watchlists;
  private Watchlist hook;
  private String subscriberKey;
  private long seed;

  @BeforeAll
  void startPipeline(FaultRig rig, FaultReport report) {
    this.rig = rig;
    this.report = report;
    seed = Long.getLong("fault.seed", System.nanoTime());
    registry = SchemaRegistryClients.forUrl(rig.registryUrl());
    receiver = WebhookReceiver.start();
    pipeline = new ChildPipeline(rig, ns, adminKey);
    producer = Kafka.producer(rig.bootstrapServers());
    watchOffsets = new StableOffsets(rig.bootstrapServers());

    // Three subscribers; watchlist k looks for code word k; one more has a webhook and wants
    // items naming two words, about one item in eighteen.
    List<String> subscribers = List.of("sub-a", "sub-b", "sub-c");
    subscriberKey = "sa_sub-a." + KeyDigests.newKey(secure);
    for (String id : subscribers) {
      Subscriber s = Fixtures.subscriber(id, id.equals("sub-a") ? subscriberKey : id + "-key");
      send(
          topics.subscribers(),
          id,
          Fixtures.bytes(registry, Subscriber.class, topics.subscribers(), s));
    }
    watchlists = new ArrayList<>();
    for (int k = 0; k < Fixtures.WORDS.size(); k++) {
      watchlists.add(
          Fixtures.watchlist(
              "wl-crash-" + k, subscribers.get(k % 3), Fixtures.WORDS.get(k), null, secure));
    }
    hook =
        Fixtures.watchlist(
            "wl-crash-hook", "sub-a", "falcon AND quartz", receiver.url(HOOK_PATH), secure);
    watchlists.add(hook);
    for (Watchlist w : watchlists) {
      send(
          topics.watchlists(),
          w.getId(),
          Fixtures.bytes(registry, Watchlist.class, topics.watchlists(), w));
    }
    producer.flush();

    pipeline.enrich.start();
    pipeline.alert.start();
    Http http = new Http();
    await("alert-service healthy")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> http.get(pipeline.alertUrl() + "/health", null).status() == 200);
  }

  @AfterAll
  void stopPipeline() throws Exception {
    producing.shutdownNow();
    watching.shutdownNow();
    if (watchOffsets != null) {
      watching.awaitTermination(10, TimeUnit.SECONDS);
      watchOffsets.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void shouldDeliverEveryAlertExactlyOnceWhileServicesAreKilledAtRandom() {
    String name = "crash: kill -9 of both services";
    report.note(
        name,
        "enrich-streams and alert-service run as separate JVMs (EnrichMain, AlertMain); "
            + CRASH_ITEMS
            + " news items are produced at about 250/s while each service is SIGKILLed "
            + KILLS / 2
            + " times at random moments (seed "
            + seed
            + ", rerun with -Dfault.seed="
            + seed
            + ") and restarted at once on the same state directory.");
    AtomicInteger sent = new AtomicInteger();
    long started = System.nanoTime();
    CompletableFuture<Void> produced = produce(0, CRASH_ITEMS, 50, Duration.ofMillis(200), sent);

    Random random = new Random(seed);
    List<String> kills = new ArrayList<>();
    List<java.util.concurrent.Future<String>> stalls = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> progress = progressConsumer()) {
      for (int round = 0; round < KILLS; round++) {
        boolean enrichTurn = round % 2 == 0;
        ServiceProcess target = enrichTurn ? pipeline.enrich : pipeline.alert;
        String output = enrichTurn ? topics.tagged() : topics.alerts();
        long before = endOffsetSum(progress, output);
        // Kill it while it is visibly working: after a random number of its output records.
        long step = 150 + random.nextInt(900);
        await(target + " at work")
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(50))
            .pollInSameThread()
            .until(() -> endOffsetSum(progress, output) >= before + step);
        Map<TopicPartition, Long> writtenAtKill = watchOffsets.written(output);
        long killedAt = System.nanoTime();
        target.kill();
        String killed = enrichTurn ? "enrich" : "alert";
        // How long read_committed readers of its output wait for its abandoned transaction.
        stalls.add(
            watching.submit(
                () -> {
                  await()
                      .atMost(Duration.ofSeconds(120))
                      .pollInterval(Duration.ofMillis(100))
                      .pollInSameThread()
                      .until(() -> watchOffsets.stableUpTo(output, writtenAtKill));
                  return killed
                      + " "
                      + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt)
                      + " ms";
                }));
        kills.add(
            (enrichTurn ? "enrich" : "alert")
                + " after "
                + sent.get()
                + " items sent, "
                + (endOffsetSum(progress, output) - before)
                + " output offsets into its incarnation");
        target.start();
      }
    }
    report.note(name, "SIGKILLs: " + String.join("; ", kills) + ".");
    List<String> stallTimes = new ArrayList<>();
    for (java.util.concurrent.Future<String> stall : stalls) {
      try {
        stallTimes.add(stall.get(150, TimeUnit.SECONDS));
      } catch (Exception e) {
        stallTimes.add("not measured (" + e + ")");
      }
    }
    report.note(
        name,
        "after each SIGKILL, the time until read_committed readers of the killed service's output"
            + " could read everything written before the kill (its abandoned transaction aborted):"
            + " "
            + String.join(", ", stallTimes)
            + ". enrich-streams has no state store, so Kafka Streams gives each incarnation a new"
            + " process id and so a new transactional id: a transaction open at the kill is not"
            + " fenced by the restart but aborted by the broker once transaction.timeout.ms (10 s"
            + " for Streams) has passed, and until then read_committed readers of tagged-items"
            + " (alert-service) wait. alert-service keeps its process id in its state directory,"
            + " so its restart fences its old transaction at once.");
    produced.orTimeout(180, TimeUnit.SECONDS).join();
    assertThat(sendErrors).as("items the test failed to produce").isEmpty();

    Phase phase = verify(name, 0, CRASH_ITEMS, started);
    report.row(
        new FaultReport.Row(
            "crash (alerts topic, read_committed)",
            CRASH_ITEMS,
            phase.expected,
            phase.delivered,
            phase.lost,
            phase.duplicated,
            KILLS,
            KILLS
                + " SIGKILLs (enrich "
                + pipeline.enrich.kills()
                + ", alert "
                + pipeline.alert.kills()
                + "); all recovered without help; tagged items duplicated: "
                + phase.taggedDuplicates
                + "; extra alerts: "
                + phase.extra));
    report.row(
        new FaultReport.Row(
            "crash (webhooks, de-duplicated by webhook-id)",
            CRASH_ITEMS,
            phase.hookExpected,
            phase.hookDistinct,
            phase.hookLost,
            phase.hookExtra,
            KILLS,
            phase.hookWire
                + " POSTs on the wire for "
                + phase.hookDistinct
                + " webhook-ids ("
                + (phase.hookWire - phase.hookDistinct)
                + " redelivered after crashes, allowed: at-least-once); bad signatures: "
                + phase.badSignatures));
    assertPhase(phase);

    // Keys must never reach a log: use them, then search both services' output.
    Http http = new Http();
    assertThat(http.get(pipeline.alertUrl() + "/v1/alerts?limit=5", subscriberKey).status())
        .isEqualTo(200);
    assertThat(http.get(pipeline.alertUrl() + "/v1/subscribers", adminKey).status()).isEqualTo(200);
    assertThat(http.get(pipeline.alertUrl() + "/v1/alerts", subscriberKey + "x").status())
        .isEqualTo(401);
    String logs = pipeline.alert.output() + pipeline.enrich.output();
    assertThat(logs).as("service output").doesNotContain(subscriberKey).doesNotContain(adminKey);
    report.note(
        name,
        "searched "
            + logs.length()
            + " characters of service output for the operator and subscriber keys after using"
            + " them (right and wrong): not found.");
  }

  @Test
  @Order(2)
  void shouldLoseNothingWhenTheBrokerStopsForThirtySecondsMidFlow() {
    String name = "broker restart";
    AtomicInteger sent = new AtomicInteger();
    long started = System.nanoTime();
    CompletableFuture<Void> produced =
        produce(CRASH_ITEMS, CRASH_ITEMS + OUTAGE_ITEMS, 40, Duration.ofMillis(200), sent);
    await("a third of the items sent")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sent.get() >= OUTAGE_ITEMS / 3);
    int sentBefore = sent.get();
    CompletableFuture<Duration> back = rig.outage(OUTAGE);
    report.note(
        name,
        "broker stopped after "
            + sentBefore
            + " of "
            + OUTAGE_ITEMS
            + " items; it restarts on the same ports and log directories after "
            + OUTAGE.toSeconds()
            + " s. Nobody touches the services.");
    Duration down = back.orTimeout(120, TimeUnit.SECONDS).join();
    long backAt = System.nanoTime();
    produced.orTimeout(240, TimeUnit.SECONDS).join();
    assertThat(sendErrors).as("items the test failed to produce").isEmpty();
    Phase phase = verify(name, CRASH_ITEMS, CRASH_ITEMS + OUTAGE_ITEMS, started);
    long recovered = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - backAt);
    report.note(
        name,
        "broker was away "
            + down.toSeconds()
            + " s; every alert and webhook was in within "
            + recovered
            + " s of its return. Service processes alive afterwards: enrich "
            + pipeline.enrich.isAlive()
            + ", alert "
            + pipeline.alert.isAlive()
            + " (started "
            + pipeline.enrich.starts()
            + " and "
            + pipeline.alert.starts()
            + " times in all, restarts only by the crash case).");
    report.row(
        new FaultReport.Row(
            "broker down 30 s (alerts topic)",
            OUTAGE_ITEMS,
            phase.expected,
            phase.delivered,
            phase.lost,
            phase.duplicated,
            1,
            "broker away "
                + down.toSeconds()
                + " s; services recovered on their own; caught up "
                + recovered
                + " s after; extra alerts: "
                + phase.extra));
    report.row(
        new FaultReport.Row(
            "broker down 30 s (webhooks)",
            OUTAGE_ITEMS,
            phase.hookExpected,
            phase.hookDistinct,
            phase.hookLost,
            phase.hookExtra,
            1,
            phase.hookWire + " POSTs on the wire for " + phase.hookDistinct + " webhook-ids"));
    assertThat(pipeline.enrich.isAlive()).as("enrich-streams still running").isTrue();
    assertThat(pipeline.alert.isAlive()).as("alert-service still running").isTrue();
    assertPhase(phase);
  }

  /** Figures of one phase. */
  private static final class Phase {
    long expected;
    long delivered;
    long lost;
    long duplicated;
    long extra;
    long taggedDuplicates;
    long hookExpected;
    long hookDistinct;
    long hookWire;
    long hookLost;
    long hookExtra;
    long badSignatures;
  }

  private void assertPhase(Phase phase) {
    assertThat(phase.taggedDuplicates).as("tagged items written twice").isZero();
    assertThat(phase.lost).as("alerts lost").isZero();
    assertThat(phase.duplicated).as("alerts duplicated").isZero();
    assertThat(phase.extra).as("alerts nobody expected").isZero();
    assertThat(phase.hookLost).as("webhook deliveries lost").isZero();
    assertThat(phase.hookExtra).as("webhook-ids nobody expected").isZero();
    assertThat(phase.badSignatures).as("webhooks with a bad signature").isZero();
  }

  /**
   * Waits until both services have committed past every input of items {@code from} to {@code to},
   * then compares what the alerts topic and the webhook receiver hold with what {@link
   * LinearScanMatcher} expects.
   */
  private Phase verify(String name, int from, int to, long startedNanos) {
    Phase phase = new Phase();
    String bootstrap = rig.bootstrapServers();
    List<ConsumerRecord<String, NewsItem>> items =
        Kafka.readAll(
            bootstrap,
            topics.items(),
            AvroSerde.forValues(registry, NewsItem.class).deserializer());
    await("enrich-streams committed past every item")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> Kafka.committedPast(bootstrap, ns.enrichApplicationId(), items));
    long settleStart = System.nanoTime();
    try (StableOffsets offsets = new StableOffsets(bootstrap)) {
      await("no open transaction on the tagged topic")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .pollInSameThread()
          .until(() -> offsets.settled(topics.tagged()));
    }
    long taggedSettleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);
    List<ConsumerRecord<String, TaggedItem>> tagged =
        Kafka.readAll(
            bootstrap,
            topics.tagged(),
            AvroSerde.forValues(registry, TaggedItem.class).deserializer());
    await("alert-service committed past every tagged item")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> Kafka.committedPast(bootstrap, ns.alertApplicationId(), tagged));

    Set<String> phaseItems = new HashSet<>();
    for (int n = from; n < to; n++) {
      phaseItems.add(Fixtures.item(ns.prefix(), n).getId());
    }
    Map<String, Long> taggedCount =
        tagged.stream()
            .map(r -> r.value().getItem().getId())
            .filter(phaseItems::contains)
            .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    Set<String> missing = new java.util.TreeSet<>(phaseItems);
    missing.removeAll(taggedCount.keySet());
    if (!missing.isEmpty()) {
      Set<String> onItemsTopic =
          items.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
      List<eu.sectoralerts.avro.DeadLetter> letters =
          Kafka.readAll(
                  bootstrap,
                  topics.enrichDeadLetters(),
                  AvroSerde.forValues(registry, eu.sectoralerts.avro.DeadLetter.class)
                      .deserializer())
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      report.note(
          name,
          String.format(
              "MISSING from the tagged topic: %d items (first %s); of them on the items topic:"
                  + " %d; enrich dead letters in all: %d (reasons: %s); enrich committed"
                  + " offsets: %s; items topic records: %d.",
              missing.size(),
              missing.stream().limit(10).toList(),
              missing.stream().filter(onItemsTopic::contains).count(),
              letters.size(),
              letters.stream().map(l -> String.valueOf(l.getReason())).distinct().limit(3).toList(),
              Kafka.committed(bootstrap, ns.enrichApplicationId()),
              items.size()));
    }
    assertThat(missing).as("items never tagged (%d)", missing.size()).isEmpty();
    phase.taggedDuplicates = taggedCount.values().stream().mapToLong(c -> c - 1).sum();

    LinearScanMatcher matcher = LinearScanMatcher.of(watchlists);
    assertThat(matcher.invalid()).as("invalid fixture watchlists").isEmpty();
    Set<String> expected = new HashSet<>();
    Set<String> expectedHook = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, TaggedItem> r : tagged) {
      String itemId = r.value().getItem().getId();
      if (!phaseItems.contains(itemId) || !seen.add(itemId)) {
        continue;
      }
      MatchResult result = matcher.match(r.value());
      assertThat(result.failures()).as("matcher failures").isEmpty();
      for (WatchlistMatch m : result.matches()) {
        expected.add(itemId + "|" + m.watchlist().getId());
      }
    }
    try (StableOffsets offsets = new StableOffsets(bootstrap)) {
      await("no open transaction on the alerts topic")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .pollInSameThread()
          .until(() -> offsets.settled(topics.alerts()));
    }
    List<ConsumerRecord<String, Alert>> alerts =
        Kafka.readAll(
            bootstrap, topics.alerts(), AvroSerde.forValues(registry, Alert.class).deserializer());
    Map<String, Long> found = new HashMap<>();
    for (ConsumerRecord<String, Alert> r : alerts) {
      Alert a = r.value();
      String itemId = a.getItem().getItem().getId();
      if (!phaseItems.contains(itemId)) {
        continue;
      }
      assertThat(r.key()).as("alert key is its subscriber").isEqualTo(a.getSubscriberId());
      found.merge(itemId + "|" + a.getWatchlistId(), 1L, Long::sum);
      if (a.getWatchlistId().equals(hook.getId())) {
        expectedHook.add(a.getId());
      }
    }
    phase.expected = expected.size();
    phase.delivered = found.size();
    phase.lost = expected.stream().filter(k -> !found.containsKey(k)).count();
    phase.duplicated = found.values().stream().mapToLong(c -> c - 1).sum();
    phase.extra = found.keySet().stream().filter(k -> !expected.contains(k)).count();
    long expectedHookPairs = expected.stream().filter(k -> k.endsWith("|" + hook.getId())).count();
    report.note(
        name,
        String.format(
            "%d items → %d tagged (%d tagged twice) → %d alerts expected by LinearScanMatcher;"
                + " alerts topic (read_committed) holds %d distinct, %d lost, %d duplicated, %d"
                + " extra; %d s from first item to verified (of which %d ms waiting, after enrich"
                + " had committed past every item, for the last open transaction on the tagged"
                + " topic to end).",
            phaseItems.size(),
            taggedCount.size(),
            phase.taggedDuplicates,
            phase.expected,
            phase.delivered,
            phase.lost,
            phase.duplicated,
            phase.extra,
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
            taggedSettleMs));

    phase.hookExpected = expectedHookPairs;
    await("every webhook delivered")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> receiver.distinctIds(HOOK_PATH).containsAll(expectedHook));
    List<WebhookReceiver.Request> wire =
        receiver.requests(HOOK_PATH).stream()
            .filter(r -> expectedHook.contains(r.webhookId()))
            .toList();
    Set<String> distinct =
        wire.stream().map(WebhookReceiver.Request::webhookId).collect(Collectors.toSet());
    phase.hookWire = wire.size();
    phase.hookDistinct = distinct.size();
    phase.hookLost = expectedHookPairs - distinct.size();
    phase.hookExtra =
        receiver.distinctIds(HOOK_PATH).stream()
            .filter(id -> !alertIdsOf(alerts).contains(id))
            .count();
    phase.badSignatures =
        wire.stream()
            .filter(
                r ->
                    !WebhookSignatures.verify(
                        hook.getWebhook().getSecret(),
                        r.webhookId(),
                        r.headers().get("webhook-timestamp"),
                        r.body(),
                        r.headers().get("webhook-signature")))
            .count();
    report.note(
        name,
        String.format(
            "webhooks: %d expected, %d POSTs on the wire, %d distinct webhook-ids, %d lost, %d"
                + " unknown ids, %d bad signatures.",
            phase.hookExpected,
            phase.hookWire,
            phase.hookDistinct,
            phase.hookLost,
            phase.hookExtra,
            phase.badSignatures));
    return phase;
  }

  private static Set<String> alertIdsOf(List<ConsumerRecord<String, Alert>> alerts) {
    return alerts.stream().map(r -> r.value().getId()).collect(Collectors.toSet());
  }

  private CompletableFuture<Void> produce(
      int from, int to, int batch, Duration every, AtomicInteger sent) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger(from);
    AvroSerde<NewsItem> serde = AvroSerde.forValues(registry, NewsItem.class);
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    task[0] =
        producing.scheduleAtFixedRate(
            () -> {
              if (done.isDone()) {
                return;
              }
              try {
                for (int i = 0; i < batch && next.get() < to; i++) {
                  NewsItem item = Fixtures.item(ns.prefix(), next.getAndIncrement());
                  send(topics.items(), item.getId(), serde.serialize(topics.items(), item));
                  sent.incrementAndGet();
                }
                if (next.get() >= to) {
                  producer.flush();
                  done.complete(null);
                  task[0].cancel(false);
                }
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            },
            0,
            every.toMillis(),
            TimeUnit.MILLISECONDS);
    return done;
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, Fixtures.utf8(key), value),
        (metadata, error) -> {
          if (error != null) {
            sendErrors.add(error);
          }
        });
  }

  private KafkaConsumer<byte[], byte[]> progressConsumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrapServers());
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static long endOffsetSum(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
