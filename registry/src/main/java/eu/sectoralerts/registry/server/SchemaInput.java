package eu.sectoralerts.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.sectoralerts.registry.SchemaRegistryException;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * A schema as a client sends it ({@code {"schema": "...", "schemaType": "AVRO", "references":
 * []}}), checked and parsed. Only Avro without references is accepted; the canonical text is Avro's
 * own rendering of the parsed schema, so schemas differing only in layout are the same.
 *
 * @param schema the parsed schema
 * @param canonical its canonical text
 */
public record SchemaInput(Schema schema, String canonical) {

  public SchemaInput {
    java.util.Objects.requireNonNull(schema, "schema");
    java.util.Objects.requireNonNull(canonical, "canonical");
  }

  /**
   * Parses a request's schema.
   *
   * @param text the schema's JSON text
   * @param schemaType the declared type, null meaning AVRO
   * @param referenceCount how many schema references the request declares
   * @throws SchemaRegistryException 422 / 42201 when the schema is missing, not Avro, uses
   *     references or does not parse
   */
  public static SchemaInput parse(String text, String schemaType, int referenceCount) {
    if (schemaType != null && !"AVRO".equals(schemaType.toUpperCase(Locale.ROOT))) {
      throw RegistryErrors.invalidSchema(
          "schema type '" + schemaType + "' is not supported; this registry serves AVRO only");
    }
    if (referenceCount > 0) {
      throw RegistryErrors.invalidSchema(
          "schema references are not supported by this registry; inline the referenced types");
    }
    if (text == null || text.isBlank()) {
      throw RegistryErrors.invalidSchema("the request has no \"schema\"");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Avro signals every kind of bad schema with a runtime exception; all are the client's.
      throw RegistryErrors.invalidSchema(describe(e));
    }
    return new SchemaInput(schema, schema.toString());
  }

  /** The parser's complaint without exception class names, which mean nothing to a client. */
  private static String describe(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException json) {
        return "the schema is not valid JSON: " + json.getOriginalMessage();
      }
    }
    String message = e.getMessage() == null ? "the schema does not parse" : e.getMessage();
    return message.replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error): ", "");
  }
}
