package eu.sectoralerts.registry.server;

/** A {@link SchemaStore} could not read or write its log; the message says which and why. */
public class SchemaStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SchemaStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public SchemaStoreException(String message) {
    super(message);
  }
}
