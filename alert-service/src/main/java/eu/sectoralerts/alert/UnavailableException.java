package eu.sectoralerts.alert;

/**
 * A dependency of a request is not available right now (Streams still starting or rebalancing,
 * Kafka unreachable); the HTTP layer answers 503 with this message. Retrying later may succeed.
 */
public class UnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
