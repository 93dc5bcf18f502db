package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import eu.sectoralerts.alert.AlertIds;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.TopicSpec;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real broker: items spread over ten months (with record timestamps to match, published in
 * transactions committed now, one record out of timestamp order and one that is not an item), the
 * watchlists of two subscribers on a watchlists topic, replayed with a candidate taxonomy that adds
 * one rail rule.
 */
@ExtendWith(KafkaClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayEngineIntegrationTest {

  private static final int PARTITIONS = 3;

  @TempDir Path dir;

  private KafkaCluster kafka;
  private String registryUrl;
  private String itemsTopic;
  private String watchlistsTopic;
  private String alertsTopic;
  private String taggedTopic;
  private Path candidate;

  /** The items as published; record timestamps are the event date at 09:00 UTC. */
  private final List<NewsItem> published = new ArrayList<>();

  @BeforeAll
  void publish(KafkaCluster cluster) throws Exception {
    kafka = cluster;
    registryUrl = "mock://" + cluster.uniqueName("replay-it");
    itemsTopic = cluster.uniqueName("items");
    watchlistsTopic = cluster.uniqueName("watchlists");
    alertsTopic = cluster.uniqueName("alerts");
    taggedTopic = cluster.uniqueName("tagged");
    PipelineTopics names =
        new PipelineTopics(
            itemsTopic,
            taggedTopic,
            watchlistsTopic,
            alertsTopic,
            cluster.uniqueName("edl"),
            cluster.uniqueName("adl"),
            cluster.uniqueName("subscribers"),
            cluster.uniqueName("deliveries"));
    List<TopicSpec> specs = names.specs(PARTITIONS, (short) 1);
    cluster.createTopics(
        specs.stream()
            .filter(
                s ->
                    List.of(itemsTopic, watchlistsTopic, alertsTopic, taggedTopic)
                        .contains(s.name()))
            .toList());
    candidate = Fixtures.candidateTaxonomy(Files.createTempDirectory("candidate"));

    var registry = SchemaRegistryClients.forUrl(registryUrl);
    AvroSerde<NewsItem> items = AvroSerde.forValues(registry, NewsItem.class);
    AvroSerde<Watchlist> watchlists = AvroSerde.forValues(registry, Watchlist.class);
    try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      // Before the range: never read.
      send(producer, items, 0, Fixtures.hyperloop("itm-before", LocalDate.of(2024, 11, 20)));
      send(producer, items, 0, Fixtures.hyperloop("itm-h1", LocalDate.of(2025, 1, 14)));
      send(producer, items, 1, Fixtures.battery("itm-b1", LocalDate.of(2025, 2, 3)));
      producer.commitTransaction();
      producer.beginTransaction();
      send(producer, items, 0, Fixtures.hyperloop("itm-h2", LocalDate.of(2025, 3, 21)));
      // Out of timestamp order: inside the offsets read, outside the range, so skipped.
      send(producer, items, 0, Fixtures.hyperloop("itm-late-old", LocalDate.of(2024, 12, 2)));
      send(producer, items, 2, Fixtures.battery("itm-b2", LocalDate.of(2025, 4, 9)));
      producer.commitTransaction();
      producer.beginTransaction();
      send(producer, items, 1, Fixtures.hyperloop("itm-h3", LocalDate.of(2025, 5, 30)));
      send(producer, items, 2, Fixtures.other("itm-o1", LocalDate.of(2025, 6, 11)));
      // Not an item: listed as failed, the replay goes on.
      producer.send(
          new ProducerRecord<>(
              itemsTopic,
              2,
              at(LocalDate.of(2025, 6, 12)),
              "itm-garbage",
              "not avro".getBytes(StandardCharsets.UTF_8)));
      // After the range: never read.
      send(producer, items, 1, Fixtures.hyperloop("itm-after", LocalDate.of(2025, 9, 1)));
      for (Watchlist watchlist : Fixtures.watchlists()) {
        producer.send(
            new ProducerRecord<>(
                watchlistsTopic,
                watchlist.getId(),
                watchlists.serialize(watchlistsTopic, watchlist)));
      }
      producer.commitTransaction();
    }
  }

  @Test
  void shouldListExactlyTheAlertsTheNewRuleAddsAndTheirSubscribers() {
    ReplayReport report = run(Optional.empty(), true, new ReplayEngine.Listener() {});

    assertThat(report.complete()).isTrue();
    ReplayReport.Results results = report.results();
    assertThat(results.added())
        .extracting(
            ItemOutcome.AlertChange::alertId,
            ItemOutcome.AlertChange::subscriberId,
            ItemOutcome.AlertChange::watchlistId,
            ItemOutcome.AlertChange::week)
        .containsExactly(
            tuple(
                AlertIds.alertId("itm-h1", "wl-rail"),
                Fixtures.RAIL_WATCHER,
                "wl-rail",
                "2025-W03"),
            tuple(
                AlertIds.alertId("itm-h2", "wl-rail"),
                Fixtures.RAIL_WATCHER,
                "wl-rail",
                "2025-W12"),
            tuple(
                AlertIds.alertId("itm-h3", "wl-rail"),
                Fixtures.RAIL_WATCHER,
                "wl-rail",
                "2025-W22"));
    assertThat(results.added())
        .allSatisfy(
            a -> {
              assertThat(a.reasons())
                  .extracting(ItemOutcome.Reason::criterion)
                  .containsExactly("sectors");
              assertThat(a.tagChanges())
                  .anySatisfy(t -> assertThat(t.rules()).containsExactly(Fixtures.NEW_RULE));
            });
    assertThat(results.removed()).isEmpty();
    assertThat(results.alerts()).isEqualTo(new ReplayReport.AlertCounts(5, 8, 3, 0, 5));
    assertThat(results.subscribers())
        .extracting(
            ReplayReport.SubscriberAlerts::subscriberId,
            ReplayReport.SubscriberAlerts::live,
            ReplayReport.SubscriberAlerts::candidate,
            ReplayReport.SubscriberAlerts::added)
        .containsExactly(
            tuple(Fixtures.BATTERY_WATCHER, 5L, 5L, 0L), tuple(Fixtures.RAIL_WATCHER, 0L, 3L, 3L));
    assertThat(results.items()).isEqualTo(new ReplayReport.ItemCounts(8, 6, 1, 0, 0, 1));
    assertThat(results.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("cannot be decoded"));
    assertThat(results.tagChanges().sectors())
        .extracting(ReplayReport.TagCount::id, ReplayReport.TagCount::gained)
        .contains(tuple("rail", 3L));
    assertThat(results.weeks())
        .extracting(ReplayReport.Week::week)
        .containsExactly("2025-W03", "2025-W06", "2025-W12", "2025-W15", "2025-W22", "2025-W24");
    assertThat(report.inputs().candidateTaxonomy().version()).isEqualTo(Fixtures.CANDIDATE_VERSION);
    assertThat(report.inputs().watchlists().count()).isEqualTo(3);
    assertThat(report.execution().baseline().records()).isEqualTo(8);
    // Partition 1 (b1, commit marker, h3, September item) ends at the first record past the range.
    assertThat(report.inputs().partitions().get(1).end()).isEqualTo(3);
    assertThat(report.execution().replay().records()).isEqualTo(8);
    assertThat(report.execution().ratio()).isPositive();

    // Nothing of the replay reached the live topics.
    assertThat(recordsIn(alertsTopic)).isZero();
    assertThat(recordsIn(taggedTopic)).isZero();
  }

  @Test
  void shouldGiveIdenticalReportsWhenRunTwice() throws Exception {
    ReplayReport first = run(Optional.empty(), true, new ReplayEngine.Listener() {});
    ReplayReport second = run(Optional.empty(), false, new ReplayEngine.Listener() {});
    Path firstFile = ReportFiles.write(first, dir.resolve("first"));
    Path secondFile = ReportFiles.write(second, dir.resolve("second"));

    assertThat(second.runId()).isEqualTo(first.runId()).startsWith("rpl-");
    assertThat(ReportFiles.comparable(Files.readString(secondFile)))
        .isEqualTo(ReportFiles.comparable(Files.readString(firstFile)));
    assertThat(Files.readString(dir.resolve("second").resolve(ReportFiles.HTML_FILE)))
        .contains("Alerts per week by sector");
  }

  @Test
  void shouldMarkTheReportIncompleteWhenStopped() {
    List<ReplayEngine> engine = new ArrayList<>();
    ReplayEngine.Listener stopAtStart =
        new ReplayEngine.Listener() {
          @Override
          public void planned(String runId, List<PartitionRange> plan, long offsets) {
            engine.get(0).stop();
          }
        };
    engine.add(new ReplayEngine(request(Optional.of("stopped-run"), true), clock(), stopAtStart));

    ReplayReport report = engine.get(0).run();

    assertThat(report.complete()).isFalse();
    assertThat(report.runId()).isEqualTo("stopped-run");
    assertThat(report.results().items().replayed()).isZero();
    assertThat(report.execution().baseline()).isNull();
  }

  @Test
  void shouldReplayTheWholeRangeFromAnyNumberOfWorkers() {
    ReplayRequest one = request(Optional.empty(), false);
    ReplayRequest single =
        new ReplayRequest(
            one.bootstrapServers(),
            one.registryUrl(),
            one.itemsTopic(),
            one.range(),
            one.live(),
            one.candidate(),
            one.watchlists(),
            one.runId(),
            false,
            1,
            Map.of());

    ReplayReport many = new ReplayEngine(one, clock(), new ReplayEngine.Listener() {}).run();
    ReplayReport alone = new ReplayEngine(single, clock(), new ReplayEngine.Listener() {}).run();

    assertThat(alone.results()).isEqualTo(many.results());
  }

  private ReplayReport run(
      Optional<String> runId, boolean baseline, ReplayEngine.Listener listener) {
    return new ReplayEngine(request(runId, baseline), clock(), listener).run();
  }

  private ReplayRequest request(Optional<String> runId, boolean baseline) {
    var registry = SchemaRegistryClients.forUrl(registryUrl);
    WatchlistInput watchlists =
        WatchlistInput.fromTopic(
            kafka.bootstrapServers(),
            watchlistsTopic,
            AvroSerde.forValues(registry, Watchlist.class).deserializer(),
            Duration.ofSeconds(30));
    return new ReplayRequest(
        kafka.bootstrapServers(),
        registryUrl,
        itemsTopic,
        TimeRange.parse("2025-01-01", "2025-06-30"),
        TaxonomyInput.load(Optional.empty()),
        TaxonomyInput.load(Optional.of(candidate)),
        watchlists,
        runId,
        baseline,
        2,
        Map.of());
  }

  private static Clock clock() {
    return Clock.system(ZoneOffset.UTC);
  }

  private KafkaProducer<String, byte[]> transactionalProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "replay-it-" + UUID.randomUUID()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private void send(
      KafkaProducer<String, byte[]> producer,
      AvroSerde<NewsItem> serde,
      int partition,
      NewsItem item) {
    published.add(item);
    producer.send(
        new ProducerRecord<>(
            itemsTopic,
            partition,
            at(item.getEventDate()),
            item.getId(),
            serde.serialize(itemsTopic, item)));
  }

  private static long at(LocalDate day) {
    return day.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private long recordsIn(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
