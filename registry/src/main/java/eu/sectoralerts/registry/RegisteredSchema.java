package eu.sectoralerts.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a schema under a subject, as the registry reports it.
 *
 * @param subject the subject, e.g. {@code news-items-value}
 * @param id the global schema id written into every record
 * @param version the version within the subject, from 1
 * @param schema the Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
    if (id < 0 || version < 1) {
      throw new IllegalArgumentException("invalid id " + id + " or version " + version);
    }
  }
}
