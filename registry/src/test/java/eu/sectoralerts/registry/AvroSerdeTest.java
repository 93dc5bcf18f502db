package eu.sectoralerts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final String TOPIC = "alerts";

  private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroSerde<Alert> plain = AvroSerde.forValues(registry, Alert.class);
  private final AvroSerde<Alert> sharing =
      AvroSerde.forValuesSharing(registry, Alert.class, "item");

  @Test
  void shouldWriteAlertsSharingAnItemByteForByteAsThePlainSerde() {
    TaggedItem battery = tagged("item-1", "Cell makers face a new export licence for graphite");
    TaggedItem rail = tagged("item-2", "A rail operator tenders signalling work");
    List<Alert> alerts =
        List.of(
            alert("a-1", battery),
            alert("a-2", battery),
            alert("a-3", rail),
            alert("a-4", battery),
            alert("a-5", battery));

    for (Alert alert : alerts) {
      byte[] bytes = sharing.serialize(TOPIC, alert);
      assertThat(bytes).isEqualTo(plain.serialize(TOPIC, alert));
      assertThat(sharing.deserialize(TOPIC, bytes)).isEqualTo(alert);
    }
  }

  @Test
  void shouldEncodeAnEqualButNewItemAfresh() {
    TaggedItem first = tagged("item-1", "Draft rules on cross-border data transfers");
    sharing.serialize(TOPIC, alert("a-1", first));
    TaggedItem changedCopy = TaggedItem.newBuilder(first).setScore(99).build();

    byte[] bytes = sharing.serialize(TOPIC, alert("a-2", changedCopy));

    assertThat(sharing.deserialize(TOPIC, bytes).getItem().getScore()).isEqualTo(99);
  }

  @Test
  void shouldGiveEveryThreadTheBytesOfItsOwnAlerts() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        TaggedItem item = tagged("item-" + t, "Subsidy round number " + t + " for heat pumps");
        results.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    Alert alert = alert("a-" + i, item);
                    if (!sharing
                        .deserialize(TOPIC, sharing.serialize(TOPIC, alert))
                        .equals(alert)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void shouldWriteAnAlertJustReadAsTheBytesItWasReadFrom() {
    AvroSerde<Alert> reusing = sharing.reusingReadBytes();
    byte[] written = plain.serialize(TOPIC, alert("a-1", tagged("item-1", "A port levy rises")));

    Alert read = reusing.deserialize(TOPIC, written);

    // The very array: nothing encoded again.
    assertThat(reusing.serialize("inbox-changelog", read)).isSameAs(written);
  }

  @Test
  void shouldEncodeAnyOtherAlertAfresh() {
    AvroSerde<Alert> reusing = sharing.reusingReadBytes();
    Alert first = alert("a-1", tagged("item-1", "Cobalt quotas for refiners"));
    Alert second = alert("a-2", tagged("item-2", "A wind tender closes early"));
    byte[] firstBytes = plain.serialize(TOPIC, first);
    Alert read = reusing.deserialize(TOPIC, firstBytes);
    Alert changedCopy = Alert.newBuilder(read).setWatchlistName("renamed").build();

    assertThat(reusing.serialize(TOPIC, changedCopy))
        .isEqualTo(plain.serialize(TOPIC, changedCopy));
    assertThat(reusing.serialize(TOPIC, second)).isEqualTo(plain.serialize(TOPIC, second));
    // Read before another value was: its bytes are no longer remembered, it is encoded again.
    reusing.deserialize(TOPIC, plain.serialize(TOPIC, second));
    assertThat(reusing.serialize(TOPIC, read)).isNotSameAs(firstBytes).isEqualTo(firstBytes);
  }

  @Test
  void shouldEncodeAnAlertReadUnderAnOlderSchemaWithTheCurrentOne() throws Exception {
    // An older writer: the alert without its reasons (which default to none).
    Schema older =
        SchemaBuilder.record("Alert")
            .namespace("eu.sectoralerts.avro")
            .fields()
            .requiredString("id")
            .requiredString("subscriberId")
            .requiredString("watchlistId")
            .requiredString("watchlistName")
            .name("item")
            .type(TaggedItem.getClassSchema())
            .noDefault()
            .name("createdAt")
            .type(Alert.getClassSchema().getField("createdAt").schema())
            .noDefault()
            .endRecord();
    int olderId = registry.register("old-alerts-value", older);
    Alert current = alert("a-1", tagged("item-1", "Rare earth magnets need a permit"));
    current.setReasons(List.of());
    GenericRecord old = new GenericData.Record(older);
    for (Schema.Field field : older.getFields()) {
      old.put(field.name(), current.get(field.name()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
    WireFormat.writeHeader(header, olderId);
    out.write(header.array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    new GenericDatumWriter<GenericRecord>(older, model).write(old, encoder);
    encoder.flush();
    AvroSerde<Alert> reusing = sharing.reusingReadBytes();

    Alert read = reusing.deserialize(TOPIC, out.toByteArray());
    byte[] rewritten = reusing.serialize(TOPIC, read);

    assertThat(read).isEqualTo(current);
    assertThat(WireFormat.schemaId(rewritten)).isNotEqualTo(olderId);
    assertThat(rewritten).isEqualTo(plain.serialize(TOPIC, current));
  }

  @Test
  void shouldRefuseToShareAFieldThatIsNotARecord() {
    assertThatThrownBy(() -> AvroSerde.forValuesSharing(registry, Alert.class, "watchlistName"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchlistName");
    assertThatThrownBy(() -> AvroSerde.forValuesSharing(registry, Alert.class, "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  private static TaggedItem tagged(String id, String title) {
    NewsItem item =
        NewsItem.newBuilder()
            .setId(id)
            .setKind(ItemKind.POLICY)
            .setTitle(title)
            .setBody(title + ". The ministry named three provinces and a deadline.")
            .setEventDate(LocalDate.of(2025, 3, 14))
            .setPolicyName("A named plan")
            .setCompanies(List.of("Example Cells Co"))
            .setPublisher("analyst-1")
            .setPublishedAt(Instant.parse("2025-03-15T08:00:00Z"))
            .build();
    return TaggedItem.newBuilder()
        .setItem(item)
        .setSectors(List.of("batteries"))
        .setRisks(List.of("export-controls"))
        .setLevel(RiskLevel.MEDIUM)
        .setScore(7)
        .setTaxonomyVersion("test")
        .setTaggedAt(Instant.parse("2025-03-15T08:00:01Z"))
        .build();
  }

  private static Alert alert(String id, TaggedItem item) {
    return Alert.newBuilder()
        .setId(id)
        .setSubscriberId("sub-1")
        .setWatchlistId("wl-" + id)
        .setWatchlistName("Watchlist " + id)
        .setItem(item)
        .setReasons(
            List.of(
                MatchReason.newBuilder()
                    .setCriterion("sectors")
                    .setMatched(List.of("batteries"))
                    .build()))
        .setCreatedAt(Instant.parse("2025-03-15T08:00:02Z"))
        .build();
  }
}
