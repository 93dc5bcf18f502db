package eu.sectoralerts.registry.server;

import java.util.Objects;

/**
 * One durable fact of the registry, as kept in a {@link SchemaStore}. The store is keyed like a
 * compacted topic: a later record with the same key replaces an earlier one, so applying records is
 * idempotent and replaying them in order rebuilds the registry.
 */
public sealed interface StoreRecord {

  /**
   * Version {@code version} of {@code subject} is the schema with global id {@code id}. Key:
   * (subject, version).
   *
   * @param subject the subject, never blank
   * @param version from 1
   * @param id global schema id, from 1
   * @param schema the schema's canonical text
   * @param deleted whether the version is soft-deleted
   */
  record SchemaVersion(String subject, int version, int id, String schema, boolean deleted)
      implements StoreRecord {
    public SchemaVersion {
      requireSubject(subject);
      Objects.requireNonNull(schema, "schema");
      if (version < 1) {
        throw new IllegalArgumentException("version must be >= 1, got " + version);
      }
      if (id < 1) {
        throw new IllegalArgumentException("id must be >= 1, got " + id);
      }
    }

    /** The same version, soft-deleted. */
    public SchemaVersion asDeleted() {
      return new SchemaVersion(subject, version, id, schema, true);
    }
  }

  /**
   * The compatibility level of {@code subject}, or the global one when {@code subject} is null.
   * Key: subject. A null {@code level} removes the subject's own level (it falls back to the global
   * one).
   *
   * @param subject the subject, or null for the global level
   * @param level the level, or null to remove it
   */
  record Config(String subject, CompatibilityLevel level) implements StoreRecord {
    public Config {
      if (subject != null) {
        requireSubject(subject);
      }
      if (subject == null && level == null) {
        throw new IllegalArgumentException("the global compatibility level cannot be removed");
      }
    }
  }

  /**
   * A version this registry does not serve, such as a PROTOBUF schema written by Confluent's
   * registry into the same topic: its global id and its version number are taken and never given to
   * another schema. Read only, never written.
   *
   * @param subject the subject
   * @param version the version within it, from 1
   * @param id the global id, from 1
   */
  record ForeignVersion(String subject, int version, int id) implements StoreRecord {
    public ForeignVersion {
      requireSubject(subject);
      if (version < 1 || id < 1) {
        throw new IllegalArgumentException("invalid version " + version + " or id " + id);
      }
    }
  }

  private static void requireSubject(String subject) {
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
  }
}
