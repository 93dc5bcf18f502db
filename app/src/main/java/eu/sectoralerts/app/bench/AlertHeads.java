package eu.sectoralerts.app.bench;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the ids the bench needs (alert, watchlist, item) from the first fields of an alert's Avro
 * binary, without decoding the rest of it: the bench's reader shares the machine with the pipeline
 * it measures, and decoding every whole alert took a tenth of it. An alert written with a schema
 * whose first fields are laid out otherwise is decoded whole. Not thread-safe: one reader uses it.
 */
final class AlertHeads {

  /** The ids of one alert. */
  record Head(String alertId, String watchlistId, String itemId) {}

  private final SchemaRegistryClient registry;
  private final AvroSerde<Alert> whole;
  private final Map<Integer, Boolean> readableById = new HashMap<>();
  private BinaryDecoder decoder;

  AlertHeads(SchemaRegistryClient registry) {
    this.registry = registry;
    this.whole = AvroSerde.forValues(registry, Alert.class);
  }

  Head read(String topic, byte[] bytes) {
    int schemaId = WireFormat.schemaId(bytes);
    if (readableById.computeIfAbsent(schemaId, id -> startsWithIds(registry.schemaById(id)))) {
      try {
        decoder =
            DecoderFactory.get()
                .binaryDecoder(
                    bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, decoder);
        String alertId = decoder.readString();
        decoder.skipString(); // subscriberId
        String watchlistId = decoder.readString();
        decoder.skipString(); // watchlistName
        // item (TaggedItem), its item (NewsItem), its id: nested records have no framing.
        String itemId = decoder.readString();
        return new Head(alertId, watchlistId, itemId);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "Cannot read the ids of an alert of topic " + topic + ": " + e.getMessage(), e);
      }
    }
    Alert alert = whole.deserialize(topic, bytes);
    return new Head(alert.getId(), alert.getWatchlistId(), alert.getItem().getItem().getId());
  }

  /**
   * Whether an alert written with {@code schema} starts with the string fields id, subscriberId,
   * watchlistId and watchlistName, then the tagged item, whose news item starts with its id.
   */
  static boolean startsWithIds(Schema schema) {
    List<Schema.Field> fields = schema.getFields();
    if (fields.size() < 5
        || !isString(fields.get(0), "id")
        || !isString(fields.get(1), "subscriberId")
        || !isString(fields.get(2), "watchlistId")
        || !isString(fields.get(3), "watchlistName")
        || !isRecord(fields.get(4), "item")) {
      return false;
    }
    Schema.Field newsItem = fields.get(4).schema().getFields().get(0);
    return isRecord(newsItem, "item") && isString(newsItem.schema().getFields().get(0), "id");
  }

  private static boolean isString(Schema.Field field, String name) {
    return field.name().equals(name) && field.schema().getType() == Schema.Type.STRING;
  }

  private static boolean isRecord(Schema.Field field, String name) {
    return field.name().equals(name)
        && field.schema().getType() == Schema.Type.RECORD
        && !field.schema().getFields().isEmpty();
  }
}
