package eu.sectoralerts.alert;

import static eu.sectoralerts.alert.Fixtures.taggedItem;
import static eu.sectoralerts.alert.Fixtures.watchlist;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.Topic;
import eu.sectoralerts.matcher.MatchResult;
import eu.sectoralerts.matcher.WatchlistFailure;
import eu.sectoralerts.matcher.WatchlistIndex;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertTopologyTest {

  private static final String TAGGED = "tagged-items";
  private static final String WATCHLISTS = "watchlists";
  private static final String SUBSCRIBERS = "subscribers";
  private static final String ALERTS = "alerts";
  private static final String DLQ = "alert-dead-letters";
  private static final String SERVICE = "sector-alerts-alert";
  private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
  private static final Instant T1 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path stateDir;

  private String scope;
  private TopologyTestDriver driver;
  private AvroSerde<TaggedItem> taggedSerde;
  private TestInputTopic<String, Watchlist> watchlistsIn;
  private TestInputTopic<String, byte[]> rawWatchlistsIn;
  private TestInputTopic<byte[], byte[]> taggedIn;
  private TestInputTopic<byte[], byte[]> rawAlertsIn;
  private TestOutputTopic<String, Alert> alertsOut;
  private TestOutputTopic<byte[], DeadLetter> deadLettersOut;
  private AlertTopology.Params params;
  private WatchlistIndex index;
  private LiveTable<Watchlist> watchlistTable;
  private LiveTable<Subscriber> subscriberTable;
  private TestInputTopic<String, Subscriber> subscribersIn;
  private final List<Alert> fed = new CopyOnWriteArrayList<>();
  private final List<DeadLetter> globalLetters = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startDriver() {
    scope = "alert-topology-" + UUID.randomUUID();
    SchemaRegistryClient registry = SchemaRegistryClients.forUrl("mock://" + scope);
    AvroSerde<Watchlist> watchlistSerde = AvroSerde.forValues(registry, Watchlist.class);
    AvroSerde<Alert> alertSerde = AvroSerde.forValues(registry, Alert.class);
    AvroSerde<DeadLetter> deadLetterSerde = AvroSerde.forValues(registry, DeadLetter.class);
    AvroSerde<Subscriber> subscriberSerde = AvroSerde.forValues(registry, Subscriber.class);
    taggedSerde = AvroSerde.forValues(registry, TaggedItem.class);
    index = WatchlistIndex.create();
    watchlistTable = new LiveTable<Watchlist>().listen(new IndexFeeder(index));
    subscriberTable = new LiveTable<>();
    params =
        new AlertTopology.Params(
            new Topic<>(WATCHLISTS, Serdes.String(), watchlistSerde),
            new Topic<>(SUBSCRIBERS, Serdes.String(), subscriberSerde),
            new Topic<>(TAGGED, Serdes.ByteArray(), Serdes.ByteArray()),
            new Topic<>(ALERTS, Serdes.String(), alertSerde),
            new Topic<>(DLQ, Serdes.ByteArray(), deadLetterSerde),
            taggedSerde.deserializer(),
            watchlistTable,
            subscriberTable,
            index,
            fed::add,
            globalLetters::add,
            Clock.fixed(NOW, ZoneOffset.UTC),
            SERVICE,
            AlertTopology.StoreNames.DEFAULT);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(AlertTopology.build(params), props);
    watchlistsIn =
        driver.createInputTopic(WATCHLISTS, new StringSerializer(), watchlistSerde.serializer());
    subscribersIn =
        driver.createInputTopic(SUBSCRIBERS, new StringSerializer(), subscriberSerde.serializer());
    rawWatchlistsIn =
        driver.createInputTopic(WATCHLISTS, new StringSerializer(), new ByteArraySerializer());
    taggedIn =
        driver.createInputTopic(TAGGED, new ByteArraySerializer(), new ByteArraySerializer());
    rawAlertsIn =
        driver.createInputTopic(ALERTS, new ByteArraySerializer(), new ByteArraySerializer());
    alertsOut =
        driver.createOutputTopic(ALERTS, new StringDeserializer(), alertSerde.deserializer());
    deadLettersOut =
        driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), deadLetterSerde.deserializer());
  }

  @AfterEach
  void closeDriver() throws Exception {
    driver.close();
    index.close();
    SchemaRegistryClients.dropMockScope(scope);
  }

  @Test
  void shouldAlertARailWatchlistOnceForAMatchingItem() {
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.MEDIUM, List.of());
    watchlistsIn.pipeInput(rail.getId(), rail);
    TaggedItem item =
        taggedItem(
            "itm-rail-1",
            ItemKind.POLICY,
            List.of("machinery-equipment", "rail"),
            List.of("market-access"),
            RiskLevel.HIGH);

    pipeTagged(item, T1);

    Alert expected =
        new Alert(
            "alr-feeb657d991673ff",
            "acme",
            "wl-rail",
            "Watchlist wl-rail",
            item,
            List.of(
                new MatchReason("sectors", List.of("rail"), List.of()),
                new MatchReason("minLevel", List.of("HIGH"), List.of())),
            T1);
    assertThat(alertsOut.readKeyValuesToList()).containsExactly(KeyValue.pair("acme", expected));
    assertThat(alertsOut.isEmpty()).isTrue();
    assertThat(deadLettersOut.isEmpty()).isTrue();
  }

  @Test
  void shouldNotAlertForAnItemBelowTheMinimumLevelOrInAnotherSector() {
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.MEDIUM, List.of());
    watchlistsIn.pipeInput(rail.getId(), rail);

    pipeTagged(
        taggedItem("itm-low", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW), T1);
    pipeTagged(
        taggedItem(
            "itm-cells", ItemKind.CORPORATE, List.of("batteries"), List.of(), RiskLevel.HIGH),
        T1);

    assertThat(alertsOut.isEmpty()).isTrue();
    assertThat(deadLettersOut.isEmpty()).isTrue();
  }

  @Test
  void shouldStopMatchingAWatchlistOnceItIsDeleted() {
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    watchlistsIn.pipeInput(rail.getId(), rail);
    pipeTagged(taggedItem("itm-1", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW), T1);
    assertThat(alertsOut.readValuesToList())
        .extracting(Alert::getWatchlistId)
        .containsExactly("wl-rail");

    watchlistsIn.pipeInput(rail.getId(), null);
    pipeTagged(
        taggedItem("itm-2", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW),
        T1.plusSeconds(60));

    assertThat(alertsOut.isEmpty()).isTrue();
    assertThat(driver.<String, Watchlist>getKeyValueStore("watchlists-store").get("wl-rail"))
        .isNull();
  }

  @Test
  void shouldAlertOncePerWatchlistWhenTheSameItemArrivesTwice() {
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    Watchlist policy =
        watchlist(
            "wl-pol", "globex", List.of(), List.of(), RiskLevel.NONE, List.of(ItemKind.POLICY));
    watchlistsIn.pipeInput(rail.getId(), rail);
    watchlistsIn.pipeInput(policy.getId(), policy);
    TaggedItem item =
        taggedItem("itm-twice", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW);

    pipeTagged(item, T1);
    pipeTagged(item, T1.plusSeconds(300));

    assertThat(alertsOut.readKeyValuesToList())
        .extracting(kv -> kv.key + "/" + kv.value.getWatchlistId() + "/" + kv.value.getCreatedAt())
        .containsExactlyInAnyOrder("acme/wl-rail/" + T1, "globex/wl-pol/" + T1);
    assertThat(alertsOut.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterUndecodableBytesAndGoOnAlerting() {
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    watchlistsIn.pipeInput(rail.getId(), rail);
    byte[] badKey = "itm-bad".getBytes(StandardCharsets.UTF_8);
    byte[] badValue = {1, 2, 3};

    taggedIn.pipeInput(badKey, badValue, T1);
    pipeTagged(
        taggedItem("itm-ok", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW), T1);

    List<KeyValue<byte[], DeadLetter>> letters = deadLettersOut.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isEqualTo(badKey);
    assertThat(letters.get(0).value)
        .isEqualTo(
            new DeadLetter(
                TAGGED,
                0,
                0L,
                ByteBuffer.wrap(badKey),
                ByteBuffer.wrap(badValue),
                "Not in schema-registry wire format: 3 bytes, at least 5 expected",
                "DESERIALIZATION",
                SERVICE,
                NOW));
    assertThat(deadLettersOut.isEmpty()).isTrue();
    assertThat(alertsOut.readValuesToList())
        .extracting(a -> a.getItem().getItem().getId())
        .containsExactly("itm-ok");
  }

  @Test
  void shouldDeadLetterAnItemTheMatcherFailsOn() {
    driver.close();
    AlertTopology.Params failing =
        new AlertTopology.Params(
            params.watchlists(),
            params.subscribers(),
            params.tagged(),
            params.alerts(),
            params.deadLetters(),
            params.taggedItems(),
            new LiveTable<>(),
            new LiveTable<>(),
            item -> {
              throw new IllegalStateException("index unavailable");
            },
            alert -> {},
            params.globalDeadLetters(),
            params.clock(),
            SERVICE,
            params.stores());
    driver = driverFor(failing, "alert-topology-failing", "failing");
    TestInputTopic<byte[], byte[]> in =
        driver.createInputTopic(TAGGED, new ByteArraySerializer(), new ByteArraySerializer());
    TestOutputTopic<byte[], DeadLetter> out =
        driver.createOutputTopic(
            DLQ, new ByteArrayDeserializer(), params.deadLetters().valueSerde().deserializer());
    byte[] key = "itm-1".getBytes(StandardCharsets.UTF_8);
    byte[] value =
        taggedSerde.serialize(
            TAGGED,
            taggedItem("itm-1", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW));

    in.pipeInput(key, value, T1);

    assertThat(out.readValuesToList())
        .containsExactly(
            new DeadLetter(
                TAGGED,
                0,
                0L,
                ByteBuffer.wrap(key),
                ByteBuffer.wrap(value),
                "Cannot match item against watchlists: index unavailable",
                "MATCHING",
                SERVICE,
                NOW));
  }

  @Test
  void shouldDeadLetterAnUndecodableWatchlistAndKeepTheOthers() {
    rawWatchlistsIn.pipeInput("wl-broken", new byte[] {9, 9});
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    watchlistsIn.pipeInput(rail.getId(), rail);

    pipeTagged(taggedItem("itm-1", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW), T1);

    assertThat(alertsOut.readValuesToList())
        .extracting(Alert::getWatchlistId)
        .containsExactly("wl-rail");
    KeyValueStore<String, Watchlist> store = driver.getKeyValueStore("watchlists-store");
    assertThat(store.get("wl-broken")).isNull();
    assertThat(globalLetters).hasSize(1);
    DeadLetter letter = globalLetters.get(0);
    assertThat(letter.getTopic()).isEqualTo(WATCHLISTS);
    assertThat(letter.getPartition()).isZero();
    assertThat(letter.getOffset()).isZero();
    assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap("wl-broken".getBytes(UTF_8)));
    assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(new byte[] {9, 9}));
    assertThat(letter.getErrorType()).isEqualTo("DESERIALIZATION");
    assertThat(letter.getReason()).startsWith("Skipped watchlist: it cannot be decoded: ");
    assertThat(letter.getService()).isEqualTo(SERVICE);
    assertThat(letter.getFailedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldDeadLetterAWatchlistFiledUnderAnotherIdAndKeepItOut() {
    Watchlist rail =
        watchlist("wl-rail", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    watchlistsIn.pipeInput("wl-other", rail);

    assertThat(globalLetters)
        .extracting(DeadLetter::getTopic, DeadLetter::getOffset, DeadLetter::getErrorType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(WATCHLISTS, 0L, "INVALID_RECORD"));
    assertThat(globalLetters.get(0).getReason())
        .isEqualTo("Skipped watchlist: its key 'wl-other' is not its id 'wl-rail'");
    KeyValueStore<String, Watchlist> store = driver.getKeyValueStore("watchlists-store");
    assertThat(store.get("wl-other")).isNull();
    assertThat(store.get("wl-rail")).isNull();
  }

  @Test
  void shouldFileAlertsInTheInboxNewestFirstPerSubscriber() {
    // "acme" is a prefix of "acme-eu": the inbox must still keep them apart.
    watchlistsIn.pipeInput(
        "wl-a", watchlist("wl-a", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of()));
    watchlistsIn.pipeInput(
        "wl-b",
        watchlist("wl-b", "acme-eu", List.of("rail"), List.of(), RiskLevel.NONE, List.of()));
    pipeTagged(taggedItem("itm-1", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW), T1);
    pipeTagged(
        taggedItem("itm-3", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW),
        T1.plusSeconds(7200));
    pipeTagged(
        taggedItem("itm-2", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW),
        T1.plusSeconds(3600));
    KeyValueStore<String, Alert> inbox = driver.getKeyValueStore("alert-inbox-store");

    assertThat(page(inbox, "acme", 50, null).alerts())
        .extracting(a -> a.getSubscriberId() + "/" + a.getItem().getItem().getId())
        .containsExactly("acme/itm-3", "acme/itm-2", "acme/itm-1");
    AlertInbox.Page first = page(inbox, "acme-eu", 2, null);
    assertThat(first.alerts())
        .extracting(a -> a.getSubscriberId() + "/" + a.getItem().getItem().getId())
        .containsExactly("acme-eu/itm-3", "acme-eu/itm-2");
    AlertInbox.Page second = page(inbox, "acme-eu", 2, first.next().orElseThrow());
    assertThat(second.alerts())
        .extracting(a -> a.getSubscriberId() + "/" + a.getItem().getItem().getId())
        .containsExactly("acme-eu/itm-1");
    assertThat(second.next()).isEmpty();
    assertThat(page(inbox, "acm", 50, null).alerts()).isEmpty();
    assertThat(fed).hasSize(6);
  }

  @Test
  void shouldScanOneSubscribersAlertsSinceATimeNewestFirstUpToAMaximum() {
    watchlistsIn.pipeInput(
        "wl-a", watchlist("wl-a", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of()));
    watchlistsIn.pipeInput(
        "wl-b",
        watchlist("wl-b", "acme-eu", List.of("rail"), List.of(), RiskLevel.NONE, List.of()));
    for (int i = 1; i <= 3; i++) {
      pipeTagged(
          taggedItem("itm-" + i, ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW),
          T1.plusSeconds(3600L * i));
    }
    KeyValueStore<String, Alert> inbox = driver.getKeyValueStore("alert-inbox-store");
    List<String> seen = new ArrayList<>();
    java.util.function.Consumer<Alert> collect =
        a -> seen.add(a.getSubscriberId() + "/" + a.getItem().getItem().getId());

    boolean complete = InboxQuery.scan(inbox, "acme", T1.plusSeconds(7200), 50, collect);

    assertThat(complete).isTrue();
    assertThat(seen).containsExactly("acme/itm-3", "acme/itm-2");
    seen.clear();
    assertThat(InboxQuery.scan(inbox, "acme", T1, 1, collect)).isFalse();
    assertThat(seen).containsExactly("acme/itm-3");
    seen.clear();
    assertThat(InboxQuery.scan(inbox, "acm", T1, 50, collect)).isTrue();
    assertThat(seen).isEmpty();
  }

  @Test
  void shouldFileTheWholeAlertUnderItsInboxKey() {
    watchlistsIn.pipeInput(
        "wl-b", watchlist("wl-b", "acme", List.of(), List.of(), RiskLevel.NONE, List.of()));
    TaggedItem item =
        taggedItem("itm-a", ItemKind.CORPORATE, List.of("rail"), List.of(), RiskLevel.LOW);
    pipeTagged(item, T1);
    KeyValueStore<String, Alert> inbox = driver.getKeyValueStore("alert-inbox-store");

    Alert expected =
        new Alert("alr-261a7a58017ebe1e", "acme", "wl-b", "Watchlist wl-b", item, List.of(), T1);
    String key =
        "acme\u0000"
            + String.format("%019d", Long.MAX_VALUE - T1.toEpochMilli())
            + "\u0000alr-261a7a58017ebe1e";
    assertThat(inbox.get(key)).isEqualTo(expected);
    assertThat(inbox.approximateNumEntries()).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAnUndecodableAlertInsteadOfFilingIt() {
    byte[] key = "acme".getBytes(StandardCharsets.UTF_8);
    byte[] value = {0, 0, 0};

    rawAlertsIn.pipeInput(key, value, T1);

    assertThat(deadLettersOut.readValuesToList())
        .containsExactly(
            new DeadLetter(
                ALERTS,
                0,
                0L,
                ByteBuffer.wrap(key),
                ByteBuffer.wrap(value),
                "Not in schema-registry wire format: 3 bytes, at least 5 expected",
                "DESERIALIZATION",
                SERVICE,
                NOW));
    KeyValueStore<String, Alert> inbox = driver.getKeyValueStore("alert-inbox-store");
    assertThat(inbox.approximateNumEntries()).isZero();
  }

  @Test
  void shouldMirrorWatchlistsAndSubscribersInTheLiveTables() {
    Watchlist first = watchlist("wl-2", "acme", List.of(), List.of(), RiskLevel.NONE, List.of());
    Watchlist other = watchlist("wl-3", "globex", List.of(), List.of(), RiskLevel.NONE, List.of());
    Subscriber acme = new Subscriber("acme", "Acme", "ab".repeat(32), NOW, NOW);
    watchlistsIn.pipeInput(first.getId(), first);
    watchlistsIn.pipeInput(other.getId(), other);
    watchlistsIn.pipeInput(other.getId(), null);
    subscribersIn.pipeInput("acme", acme);

    assertThat(watchlistTable.values()).containsExactly(first);
    assertThat(subscriberTable.get("acme")).contains(acme);
    assertThat(index.size()).isEqualTo(1);
    KeyValueStore<String, Subscriber> store = driver.getKeyValueStore("subscribers-store");
    assertThat(store.get("acme")).isEqualTo(acme);
  }

  @Test
  void shouldMatchTheNextItemWithAChangedWatchlist() {
    Watchlist rail =
        watchlist("wl-1", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    watchlistsIn.pipeInput(rail.getId(), rail);
    pipeTagged(taggedItem("itm-1", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW), T1);
    Watchlist energy = Watchlist.newBuilder(rail).setSectors(List.of("energy")).build();
    watchlistsIn.pipeInput(energy.getId(), energy);

    pipeTagged(
        taggedItem("itm-2", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW),
        T1.plusSeconds(1));
    pipeTagged(
        taggedItem("itm-3", ItemKind.POLICY, List.of("energy"), List.of(), RiskLevel.LOW),
        T1.plusSeconds(2));

    assertThat(alertsOut.readValuesToList())
        .extracting(a -> a.getItem().getItem().getId())
        .containsExactly("itm-1", "itm-3");
  }

  @Test
  void shouldDeadLetterAWatchlistThatFailsOnAnItemAndStillAlertTheOthers() {
    driver.close();
    Watchlist good = watchlist("wl-good", "acme", List.of(), List.of(), RiskLevel.NONE, List.of());
    LiveTable<Watchlist> loaded = new LiveTable<>();
    AlertTopology.Params partlyFailing =
        new AlertTopology.Params(
            params.watchlists(),
            params.subscribers(),
            params.tagged(),
            params.alerts(),
            params.deadLetters(),
            params.taggedItems(),
            loaded,
            new LiveTable<>(),
            item ->
                new MatchResult(
                    List.of(new eu.sectoralerts.matcher.WatchlistMatch(good, List.of())),
                    List.of(new WatchlistFailure("wl-bad", "globex", "too many clauses"))),
            alert -> {},
            params.globalDeadLetters(),
            params.clock(),
            SERVICE,
            params.stores());
    driver = driverFor(partlyFailing, "alert-topology-partly-failing", "partly");
    TestInputTopic<byte[], byte[]> in =
        driver.createInputTopic(TAGGED, new ByteArraySerializer(), new ByteArraySerializer());
    TestOutputTopic<byte[], DeadLetter> dlq =
        driver.createOutputTopic(
            DLQ, new ByteArrayDeserializer(), params.deadLetters().valueSerde().deserializer());
    TestOutputTopic<String, Alert> out =
        driver.createOutputTopic(
            ALERTS, new StringDeserializer(), params.alerts().valueSerde().deserializer());
    TaggedItem item =
        taggedItem("itm-1", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW);
    byte[] key = "itm-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = taggedSerde.serialize(TAGGED, item);

    in.pipeInput(key, value, T1);

    assertThat(dlq.readValuesToList())
        .containsExactly(
            new DeadLetter(
                TAGGED,
                0,
                0L,
                ByteBuffer.wrap(key),
                ByteBuffer.wrap(value),
                "Watchlist wl-bad of subscriber globex failed on this item and was skipped: too"
                    + " many clauses",
                "WATCHLIST",
                SERVICE,
                NOW));
    assertThat(out.readValuesToList()).extracting(Alert::getWatchlistId).containsExactly("wl-good");
    assertThat(out.isEmpty()).isTrue();
  }

  @Test
  void shouldNameEveryProcessorAndStore() {
    TopologyDescription description = AlertTopology.build(params).describe();

    assertThat(description.subtopologies()).hasSize(2);
    assertThat(description.globalStores()).hasSize(2);
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    assertThat(description.toString())
        .contains(
            "watchlists-store", "subscribers-store", "alert-dedup-store", "alert-inbox-store");
  }

  @Test
  void shouldBeAcceptedByKafkaStreamsWithTheServiceConfig() {
    AlertConfig config =
        AlertConfig.load(
            Map.of(
                "state.dir",
                stateDir.resolve("service").toString(),
                "admin.keys",
                eu.sectoralerts.common.KeyDigests.digestOf("operator")),
            Map.of(),
            Optional.empty());

    KafkaStreams streams =
        new KafkaStreams(AlertTopology.build(params), config.toStreamsProperties());
    try {
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
    } finally {
      streams.close(Duration.ofSeconds(5));
    }
  }

  private TopologyTestDriver driverFor(AlertTopology.Params p, String appId, String dir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(dir).toString());
    return new TopologyTestDriver(AlertTopology.build(p), props);
  }

  private static AlertInbox.Page page(
      KeyValueStore<String, Alert> inbox, String subscriber, int limit, String after) {
    return InboxQuery.page(inbox, subscriber, new AlertInbox.PageRequest(null, null, after, limit));
  }

  private void pipeTagged(TaggedItem item, Instant timestamp) {
    taggedIn.pipeInput(
        item.getItem().getId().getBytes(StandardCharsets.UTF_8),
        taggedSerde.serialize(TAGGED, item),
        timestamp);
  }
}
