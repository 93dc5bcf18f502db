package eu.sectoralerts.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.InMemorySchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.WireFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class AlertHeadsTest {

  private static final String TOPIC = "alerts";

  private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldReadTheIdsOfAnAlertAsDecodingItWholeWould() {
    Alert alert = alert();
    byte[] bytes = AvroSerde.forValues(registry, Alert.class).serialize(TOPIC, alert);

    AlertHeads.Head head = new AlertHeads(registry).read(TOPIC, bytes);

    assertThat(head).isEqualTo(new AlertHeads.Head("alert-7", "wl-3", "item-42"));
  }

  @Test
  void shouldDecodeWholeAnAlertWhoseSchemaStartsOtherwise() throws Exception {
    Schema reordered = withFieldsSwapped(Alert.getClassSchema(), 1, 2);
    assertThat(AlertHeads.startsWithIds(Alert.getClassSchema())).isTrue();
    assertThat(AlertHeads.startsWithIds(reordered)).isFalse();
    byte[] bytes = write(reordered, alert());

    AlertHeads.Head head = new AlertHeads(registry).read(TOPIC, bytes);

    assertThat(head).isEqualTo(new AlertHeads.Head("alert-7", "wl-3", "item-42"));
  }

  private byte[] write(Schema schema, Alert alert) throws Exception {
    int id = registry.register(TOPIC + "-value", schema);
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.name(), alert.get(field.name()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
    WireFormat.writeHeader(header, id);
    out.write(header.array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<Object>(schema, SpecificData.getForClass(Alert.class))
        .write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static Schema withFieldsSwapped(Schema schema, int a, int b) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(schema.toString());
    ArrayNode fields = (ArrayNode) root.get("fields");
    var first = fields.get(a);
    fields.set(a, fields.get(b));
    fields.set(b, first);
    return new Schema.Parser().parse(root.toString());
  }

  private static Alert alert() {
    NewsItem item =
        NewsItem.newBuilder()
            .setId("item-42")
            .setKind(ItemKind.CORPORATE)
            .setTitle("A supplier is asked to drop parts from one country")
            .setBody("Buyers were told to find other sources within a quarter.")
            .setPublisher("analyst")
            .setPublishedAt(Instant.parse("2025-02-01T09:00:00Z"))
            .build();
    TaggedItem tagged =
        TaggedItem.newBuilder()
            .setItem(item)
            .setSectors(List.of("automotive"))
            .setRisks(List.of("supply-chain"))
            .setLevel(RiskLevel.HIGH)
            .setScore(12)
            .setTaxonomyVersion("test")
            .setTaggedAt(Instant.parse("2025-02-01T09:00:01Z"))
            .build();
    return Alert.newBuilder()
        .setId("alert-7")
        .setSubscriberId("sub-1")
        .setWatchlistId("wl-3")
        .setWatchlistName("Parts")
        .setItem(tagged)
        .setReasons(List.of())
        .setCreatedAt(Instant.parse("2025-02-01T09:00:02Z"))
        .build();
  }
}
