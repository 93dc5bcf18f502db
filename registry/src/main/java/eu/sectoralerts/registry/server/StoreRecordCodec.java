package eu.sectoralerts.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * {@link StoreRecord}s as the JSON keys and values of Confluent's {@code _schemas} topic. Schema
 * versions: key {@code {"keytype":"SCHEMA","subject":S,"version":V,"magic":1}}, value {@code
 * {"subject":S,"version":V,"id":N,"schema":"...","deleted":false}}. Compatibility levels: key
 * {@code {"keytype":"CONFIG","subject":S|null,"magic":0}}, value {@code
 * {"compatibilityLevel":"BACKWARD"}} (null removes a subject's level). Other key types Confluent
 * writes (NOOP, DELETE_SUBJECT, MODE, ...) are not needed here and are skipped when read.
 */
final class StoreRecordCodec {

  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";

  private final ObjectMapper mapper = new ObjectMapper();

  byte[] key(StoreRecord record) {
    ObjectNode key = mapper.createObjectNode();
    if (record instanceof StoreRecord.SchemaVersion v) {
      key.put("keytype", SCHEMA);
      key.put("subject", v.subject());
      key.put("version", v.version());
      key.put("magic", 1);
    } else if (record instanceof StoreRecord.Config c) {
      key.put("keytype", CONFIG);
      key.put("subject", c.subject());
      key.put("magic", 0);
    } else {
      throw new IllegalArgumentException("not a record this registry writes: " + record);
    }
    return bytes(key);
  }

  /** The value, or null for a tombstone. */
  byte[] value(StoreRecord record) {
    ObjectNode value = mapper.createObjectNode();
    if (record instanceof StoreRecord.SchemaVersion v) {
      value.put("subject", v.subject());
      value.put("version", v.version());
      value.put("id", v.id());
      value.put("schema", v.schema());
      value.put("deleted", v.deleted());
    } else if (record instanceof StoreRecord.Config c) {
      if (c.level() == null) {
        return null;
      }
      value.put("compatibilityLevel", c.level().name());
    } else {
      throw new IllegalArgumentException("not a record this registry writes: " + record);
    }
    return bytes(value);
  }

  /**
   * The record a key and value stand for; empty for records this registry has no use for.
   *
   * @throws IllegalArgumentException when the key or value is malformed, saying how
   */
  Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
    if (keyBytes == null) {
      throw new IllegalArgumentException("record has no key");
    }
    JsonNode key = tree(keyBytes, "key");
    String keytype = key.path("keytype").asText("");
    switch (keytype) {
      case SCHEMA:
        {
          if (valueBytes == null) {
            // A hard delete by another registry: this one never reuses ids, so it keeps the
            // version.
            return Optional.empty();
          }
          JsonNode value = tree(valueBytes, "value");
          String type = value.path("schemaType").asText("AVRO");
          if (!"AVRO".equalsIgnoreCase(type)) {
            return Optional.of(
                new StoreRecord.ForeignVersion(
                    text(value, "subject"), integer(value, "version"), integer(value, "id")));
          }
          return Optional.of(
              new StoreRecord.SchemaVersion(
                  text(value, "subject"),
                  integer(value, "version"),
                  integer(value, "id"),
                  text(value, "schema"),
                  value.path("deleted").asBoolean(false)));
        }
      case CONFIG:
        {
          JsonNode subjectNode = key.path("subject");
          String subject = subjectNode.isTextual() ? subjectNode.asText() : null;
          if (valueBytes == null) {
            return subject == null
                ? Optional.empty()
                : Optional.of(new StoreRecord.Config(subject, null));
          }
          JsonNode value = tree(valueBytes, "value");
          String level = value.path("compatibilityLevel").asText(null);
          if (level == null) {
            return Optional.empty(); // a config record with other settings only
          }
          return Optional.of(
              new StoreRecord.Config(
                  subject,
                  CompatibilityLevel.parse(level)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "unknown compatibility level '" + level + "'"))));
        }
      default:
        return Optional.empty();
    }
  }

  private JsonNode tree(byte[] bytes, String what) {
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(what + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("value has no text field '" + field + "'");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("value has no integer field '" + field + "'");
    }
    return v.asInt();
  }

  private byte[] bytes(ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}
