package eu.sectoralerts.registry;

/**
 * A schema registry call failed. {@link #status()} is the HTTP status (0 when the registry was not
 * reached) and {@link #errorCode()} Confluent's error code, such as 40401 (subject not found),
 * 40403 (schema not found), 409 (incompatible schema), 42201 (invalid schema).
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int STORE_ERROR = 50001;

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.errorCode = 0;
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }
}
