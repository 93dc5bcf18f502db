package eu.sectoralerts.enrich;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.registry.SchemaRegistryException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichTopologyTest {

  private static final PipelineTopics NAMES = PipelineTopics.defaults();
  private static final String SERVICE = "sector-alerts-enrich";
  private static final String RAIL_TITLE =
      "Rail regulator plans 3,000 km of new high-speed rail lines";
  private static final String RAIL_BODY =
      "The plan from the NRA funds maglev test tracks and new rolling stock, and every railway"
          + " line is due by 2030.";

  @TempDir Path stateDir;

  /** Compiled once: every test uses the shipped taxonomy, as the service does. */
  private static final Tagger TAGGER = TaxonomyTagger.compile(Taxonomy.loadDefault(), Items.CLOCK);

  private final Tagger tagger = TAGGER;
  private String scope;
  private SchemaRegistryClient registry;
  private AvroSerde<NewsItem> itemSerde;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> items;
  private TestOutputTopic<String, TaggedItem> tagged;
  private TestOutputTopic<byte[], DeadLetter> deadLetters;

  @BeforeEach
  void createRegistry() {
    scope = "enrich-topology-" + UUID.randomUUID();
    registry = SchemaRegistryClients.forUrl("mock://" + scope);
    itemSerde = AvroSerde.forValues(registry, NewsItem.class);
  }

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
    SchemaRegistryClients.dropMockScope(scope);
  }

  private void start() {
    start(tagger, itemSerde.deserializer());
  }

  private void start(Tagger withTagger, Deserializer<NewsItem> itemDeserializer) {
    EnrichTopics topics = EnrichTopics.from(NAMES, registry);
    Topology topology =
        EnrichTopology.build(
            topics.items(),
            topics.tagged(),
            topics.deadLetters(),
            withTagger,
            itemDeserializer,
            Items.CLOCK,
            SERVICE);
    EnrichConfig config =
        EnrichConfig.load(
            Map.of("schema.registry.url", "mock://" + scope, "state.dir", stateDir.toString()),
            Map.of(),
            Optional.empty());
    driver = new TopologyTestDriver(topology, config.toStreamsProperties());
    items =
        driver.createInputTopic(
            NAMES.items(), new ByteArraySerializer(), new ByteArraySerializer());
    tagged =
        driver.createOutputTopic(
            NAMES.tagged(),
            new StringDeserializer(),
            AvroSerde.forValues(registry, TaggedItem.class).deserializer());
    deadLetters =
        driver.createOutputTopic(
            NAMES.enrichDeadLetters(),
            new ByteArrayDeserializer(),
            AvroSerde.forValues(registry, DeadLetter.class).deserializer());
  }

  private void publish(NewsItem item) {
    items.pipeInput(key(item.getId()), itemSerde.serialize(NAMES.items(), item));
  }

  private static byte[] key(String id) {
    return id.getBytes(UTF_8);
  }

  private static NewsItem railPlan() {
    return Items.policy("itm-rail-1", RAIL_TITLE, RAIL_BODY).setIssuingBody("NRA").build();
  }

  private static TextMatch match(String field, String text, String words) {
    int start = text.indexOf(words);
    assertThat(start).as("fixture contains '%s'", words).isNotNegative();
    return new TextMatch(field, start, start + words.length(), words);
  }

  private static DeadLetter deadLetter(
      long offset, byte[] key, byte[] value, String errorType, String reason) {
    return DeadLetter.newBuilder()
        .setTopic(NAMES.items())
        .setPartition(0)
        .setOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setReason(reason)
        .setErrorType(errorType)
        .setService(SERVICE)
        .setFailedAt(Items.NOW)
        .build();
  }

  private void assertNothingElseCameOut() {
    assertThat(tagged.isEmpty()).as("tagged topic drained").isTrue();
    assertThat(deadLetters.isEmpty()).as("dead-letter topic drained").isTrue();
  }

  @Test
  void shouldTagRailPlanAsRailWithEvidencePointingAtTheMatchedWords() {
    start();
    NewsItem item = railPlan();

    publish(item);

    TaggedItem expected =
        TaggedItem.newBuilder()
            .setItem(item)
            .setSectors(List.of("rail"))
            .setRisks(List.of())
            .setLevel(RiskLevel.NONE)
            .setScore(0)
            .setEuropeanFirms(List.of())
            .setIssuingBodies(List.of("NRA"))
            .setCompanies(List.of())
            .setEvidence(
                List.of(
                    new Evidence(
                        "sector:rail",
                        "rail.core",
                        List.of(
                            match("title", RAIL_TITLE, "Rail"),
                            match("title", RAIL_TITLE, "high-speed rail"),
                            match("body", RAIL_BODY, "maglev"),
                            match("body", RAIL_BODY, "rolling stock"),
                            match("body", RAIL_BODY, "railway line"))),
                    new Evidence(
                        "body:NRA", "item.issuingBody", List.of(match("body", RAIL_BODY, "NRA"))),
                    new Evidence("level:NONE", "level.no-risk", List.of())))
            .setTaxonomyVersion(Taxonomy.loadDefault().version())
            .setTaggedAt(Items.NOW)
            .build();
    List<KeyValue<String, TaggedItem>> output = tagged.readKeyValuesToList();
    assertThat(output).containsExactly(KeyValue.pair("itm-rail-1", expected));
    for (TextMatch m : output.get(0).value.getEvidence().get(0).getMatches()) {
      String field = m.getField().equals("title") ? RAIL_TITLE : RAIL_BODY;
      assertThat(field.substring(m.getStart(), m.getEnd())).isEqualTo(m.getText());
    }
    assertNothingElseCameOut();
  }

  @Test
  void shouldTagSemiconductorExportControlsAsSemiconductorsAndSupplyChain() {
    start();
    NewsItem item =
        Items.policy(
                "itm-chip",
                "Export controls hit chip equipment sales",
                "New export controls restrict shipments of lithography machines and photoresists"
                    + " to Chinese chipmakers, and buyers warn of shortages.")
            .setIssuingBody("MOFCOM")
            .build();

    publish(item);

    List<KeyValue<String, TaggedItem>> output = tagged.readKeyValuesToList();
    assertThat(output).containsExactly(KeyValue.pair("itm-chip", tagger.tag(item)));
    TaggedItem result = output.get(0).value;
    assertThat(result.getSectors()).containsExactly("semiconductors");
    assertThat(result.getRisks()).containsExactly("supply-chain");
    assertThat(result.getIssuingBodies()).containsExactly("MOFCOM");
    assertNothingElseCameOut();
  }

  @Test
  void shouldRateANamedEuropeanFirmUnderPressureAtLeastMedium() {
    start();
    NewsItem item =
        Items.corporate(
                "itm-conti",
                "Continental faces boycott calls over Xinjiang sourcing",
                "State media urged shoppers to shun the auto parts supplier after it reviewed its"
                    + " Xinjiang supply chain; Continental said its plants keep running.")
            .setCompanies(List.of("Continental"))
            .build();

    publish(item);

    List<KeyValue<String, TaggedItem>> output = tagged.readKeyValuesToList();
    assertThat(output).containsExactly(KeyValue.pair("itm-conti", tagger.tag(item)));
    TaggedItem result = output.get(0).value;
    assertThat(result.getEuropeanFirms()).containsExactly("Continental");
    assertThat(result.getRisks()).contains("supply-chain");
    assertThat(result.getLevel()).isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
    assertThat(result.getSectors()).containsExactly("automotive");
    assertNothingElseCameOut();
  }

  @Test
  void shouldKeepAnOpportunityOnlyItemAtLowOrBelow() {
    start();
    NewsItem item =
        Items.policy(
                "itm-tariff",
                "Tariff cuts open the door for imported medical equipment",
                "Hospitals may buy imported equipment duty free, which creates new opportunities"
                    + " for European suppliers.")
            .build();

    publish(item);

    List<KeyValue<String, TaggedItem>> output = tagged.readKeyValuesToList();
    assertThat(output).containsExactly(KeyValue.pair("itm-tariff", tagger.tag(item)));
    TaggedItem result = output.get(0).value;
    assertThat(result.getRisks()).containsExactly("opportunity");
    assertThat(result.getLevel()).isIn(RiskLevel.NONE, RiskLevel.LOW);
    assertThat(result.getSectors()).first().isEqualTo("medical-devices");
    assertNothingElseCameOut();
  }

  @Test
  void shouldKeyTaggedItemsByItemIdWhateverTheInputKey() {
    start();
    NewsItem item = railPlan();

    items.pipeInput(null, itemSerde.serialize(NAMES.items(), item));

    assertThat(tagged.readKeyValuesToList())
        .containsExactly(KeyValue.pair("itm-rail-1", tagger.tag(item)));
    assertNothingElseCameOut();
  }

  @Test
  void shouldDeadLetterBytesNotInWireFormatAndTagTheNextRecord() {
    start();
    byte[] garbage = "not a news item".getBytes(UTF_8);

    items.pipeInput(key("itm-garbage"), garbage);
    publish(railPlan());

    List<KeyValue<byte[], DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isEqualTo(key("itm-garbage"));
    assertThat(letters.get(0).value)
        .isEqualTo(
            deadLetter(
                0,
                key("itm-garbage"),
                garbage,
                "DESERIALIZATION",
                "Cannot read a NewsItem at news-items-0@0: Not in schema-registry wire format:"
                    + " first byte is 0x6e, expected magic byte 0x00"));
    assertThat(tagged.readKeyValuesToList())
        .containsExactly(KeyValue.pair("itm-rail-1", tagger.tag(railPlan())));
    assertNothingElseCameOut();
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaIdAndTagTheNextRecord() {
    start();
    byte[] unknownSchema = {0, 0, 0, 0x03, (byte) 0xE7, 0x02, 0x04};

    items.pipeInput(key("itm-unknown"), unknownSchema);
    publish(railPlan());

    List<KeyValue<byte[], DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isEqualTo(key("itm-unknown"));
    assertThat(letters.get(0).value)
        .isEqualTo(
            deadLetter(
                0,
                key("itm-unknown"),
                unknownSchema,
                "UNKNOWN_SCHEMA",
                "Cannot read a NewsItem at news-items-0@0: Cannot read record of topic news-items"
                    + " with schema id 999: Schema 999 not found"));
    assertThat(tagged.readKeyValuesToList())
        .containsExactly(KeyValue.pair("itm-rail-1", tagger.tag(railPlan())));
    assertNothingElseCameOut();
  }

  @Test
  void shouldDeadLetterANullValueWithItsOffsetAndTagTheNextRecord() {
    start();
    NewsItem first = railPlan();
    NewsItem third = Items.policy("itm-rail-3", "Maglev trial run", "A maglev test ran.").build();

    publish(first);
    items.pipeInput(key("itm-deleted"), (byte[]) null);
    publish(third);

    List<KeyValue<byte[], DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isEqualTo(key("itm-deleted"));
    assertThat(letters.get(0).value)
        .isEqualTo(
            deadLetter(
                1,
                key("itm-deleted"),
                null,
                "NULL_VALUE",
                "Null value (tombstone) at news-items-0@1: items are never deleted, so a null"
                    + " value is not a news item"));
    assertThat(tagged.readKeyValuesToList())
        .containsExactly(
            KeyValue.pair("itm-rail-1", tagger.tag(first)),
            KeyValue.pair("itm-rail-3", tagger.tag(third)));
    assertNothingElseCameOut();
  }

  @Test
  void shouldDeadLetterAWireFormatRecordOfAnotherType() {
    start();
    byte[] notAnItem =
        AvroSerde.forValues(registry, DeadLetter.class)
            .serialize("some-other-topic", deadLetter(7, null, null, "X", "unrelated record"));

    items.pipeInput(key("itm-other"), notAnItem);

    List<KeyValue<byte[], DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0).value;
    assertThat(letter)
        .isEqualTo(
            deadLetter(0, key("itm-other"), notAnItem, "DESERIALIZATION", letter.getReason()));
    assertThat(letter.getReason())
        .startsWith("Cannot read a NewsItem at news-items-0@0: Cannot decode NewsItem");
    assertNothingElseCameOut();
  }

  @Test
  void shouldDeadLetterAnItemTheTaggerFailsOnAndTagTheNextRecord() {
    Tagger failsOnFirst =
        new Tagger() {
          @Override
          public TaggedItem tag(NewsItem item) {
            if (item.getId().equals("itm-poison")) {
              throw new IllegalStateException("rule table has no entry for this text");
            }
            return tagger.tag(item);
          }

          @Override
          public String version() {
            return "flaky-1";
          }
        };
    start(failsOnFirst, itemSerde.deserializer());
    NewsItem poison = Items.policy("itm-poison", "Anything", "Anything at all.").build();
    byte[] poisonBytes = itemSerde.serialize(NAMES.items(), poison);

    items.pipeInput(key("itm-poison"), poisonBytes);
    publish(railPlan());

    List<KeyValue<byte[], DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value)
        .isEqualTo(
            deadLetter(
                0,
                key("itm-poison"),
                poisonBytes,
                "TAGGING",
                "Tagger flaky-1 failed on item itm-poison at news-items-0@0: rule table has no"
                    + " entry for this text"));
    assertThat(tagged.readKeyValuesToList())
        .containsExactly(KeyValue.pair("itm-rail-1", tagger.tag(railPlan())));
    assertNothingElseCameOut();
  }

  @Test
  void shouldDeadLetterATaggedItemOutsideTheTaxonomy() {
    Tagger inventsIds =
        new Tagger() {
          @Override
          public TaggedItem tag(NewsItem item) {
            TaggedItem real = tagger.tag(item);
            return TaggedItem.newBuilder(real).setSectors(List.of("space-mining")).build();
          }

          @Override
          public String version() {
            return "inventive-1";
          }
        };
    start(inventsIds, itemSerde.deserializer());
    byte[] bytes = itemSerde.serialize(NAMES.items(), railPlan());

    items.pipeInput(key("itm-rail-1"), bytes);

    List<KeyValue<byte[], DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value)
        .isEqualTo(
            deadLetter(
                0,
                key("itm-rail-1"),
                bytes,
                "TAGGING",
                "Tagger inventive-1 broke the taxonomy on item itm-rail-1 at news-items-0@0:"
                    + " unknown sector id 'space-mining'"));
    assertNothingElseCameOut();
  }

  @Test
  void shouldFailRatherThanDeadLetterWhenTheRegistryIsUnreachable() {
    Deserializer<NewsItem> unreachable =
        (topic, data) -> {
          throw new SerializationException(
              "Cannot read record of topic " + topic,
              new SchemaRegistryException(
                  "Schema registry is not reachable", new ConnectException("refused")));
        };
    start(tagger, unreachable);

    assertThatThrownBy(
            () ->
                items.pipeInput(key("itm-rail-1"), itemSerde.serialize(NAMES.items(), railPlan())))
        .isInstanceOf(StreamsException.class)
        .satisfies(e -> assertThat(TransientErrors.isTransient(e)).isTrue());
    assertNothingElseCameOut();
  }

  @Test
  void shouldNameEveryProcessor() {
    EnrichTopics topics = EnrichTopics.from(NAMES, registry);
    String description =
        EnrichTopology.build(topics, tagger, itemSerde.deserializer(), Items.CLOCK, SERVICE)
            .describe()
            .toString();

    assertThat(description)
        .doesNotContain("KSTREAM-")
        .contains(
            "enrich-items-source",
            "enrich-decode-and-tag",
            "enrich-outcome-tagged",
            "enrich-outcome-failed",
            "enrich-key-by-item-id",
            "enrich-tagged-items-sink",
            "enrich-to-dead-letter",
            "enrich-dead-letters-sink");
  }
}
