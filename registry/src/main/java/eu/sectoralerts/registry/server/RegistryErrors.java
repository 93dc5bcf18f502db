package eu.sectoralerts.registry.server;

import eu.sectoralerts.registry.SchemaRegistryException;

/** Confluent's error codes and messages, as {@link SchemaRegistryException}s the server answers. */
final class RegistryErrors {

  static final int SUBJECT_NOT_FOUND = SchemaRegistryException.SUBJECT_NOT_FOUND;
  static final int VERSION_NOT_FOUND = SchemaRegistryException.VERSION_NOT_FOUND;
  static final int SCHEMA_NOT_FOUND = SchemaRegistryException.SCHEMA_NOT_FOUND;
  static final int SUBJECT_SOFT_DELETED = 40404;
  static final int VERSION_SOFT_DELETED = 40406;
  static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
  static final int INCOMPATIBLE_SCHEMA = SchemaRegistryException.INCOMPATIBLE_SCHEMA;
  static final int INVALID_SCHEMA = SchemaRegistryException.INVALID_SCHEMA;
  static final int INVALID_VERSION = SchemaRegistryException.INVALID_VERSION;
  static final int INVALID_COMPATIBILITY_LEVEL =
      SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL;
  static final int INVALID_SUBJECT = 42208;
  static final int STORE_ERROR = SchemaRegistryException.STORE_ERROR;

  private RegistryErrors() {}

  static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(
        404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static SchemaRegistryException subjectSoftDeleted(String subject) {
    return new SchemaRegistryException(
        404,
        SUBJECT_SOFT_DELETED,
        "Subject '"
            + subject
            + "' was soft deleted. Permanent deletion is not supported by this registry.");
  }

  static SchemaRegistryException versionNotFound(int version) {
    return new SchemaRegistryException(
        404, VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  static SchemaRegistryException versionSoftDeleted(String subject, int version) {
    return new SchemaRegistryException(
        404,
        VERSION_SOFT_DELETED,
        "Subject '" + subject + "' Version " + version + " was soft deleted.");
  }

  static SchemaRegistryException schemaNotFound(int id) {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  static SchemaRegistryException schemaNotFound() {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found");
  }

  static SchemaRegistryException subjectLevelNotConfigured(String subject) {
    return new SchemaRegistryException(
        404,
        SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static SchemaRegistryException invalidSchema(String detail) {
    return new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + detail);
  }

  static SchemaRegistryException invalidVersion(String version) {
    return new SchemaRegistryException(
        422,
        INVALID_VERSION,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  static SchemaRegistryException invalidCompatibilityLevel(String level) {
    return new SchemaRegistryException(
        422,
        INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level '"
            + level
            + "'. Valid values are none, backward, forward, full, backward_transitive,"
            + " forward_transitive, and full_transitive");
  }

  static SchemaRegistryException invalidSubject(String subject) {
    return new SchemaRegistryException(
        422,
        INVALID_SUBJECT,
        "The specified subject '"
            + subject
            + "' is not valid: it must not be blank or contain control characters");
  }

  static SchemaRegistryException storeError(String what, SchemaStoreException cause) {
    return new SchemaRegistryException(
        500, STORE_ERROR, "Error while " + what + ": " + cause.getMessage());
  }
}
