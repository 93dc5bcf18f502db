package eu.sectoralerts.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the project uses. Implementations are thread-safe
 * and cache what never changes (a schema id's schema, a registered schema's id). Failures are
 * {@link SchemaRegistryException}s carrying the registry's error code.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
   * Registering the same schema again returns the same id.
   */
  int register(String subject, Schema schema);

  /** The schema with this global id. */
  Schema schemaById(int id);

  /** The newest version registered under {@code subject}. */
  RegisteredSchema latest(String subject);

  /**
   * Whether {@code schema} may be registered under {@code subject} given the subject's
   * compatibility level; true when the subject has no version yet.
   */
  boolean isCompatible(String subject, Schema schema);

  @Override
  default void close() {}
}
