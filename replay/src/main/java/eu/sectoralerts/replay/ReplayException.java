package eu.sectoralerts.replay;

/**
 * A replay that could not run or had to give up: the cluster or the registry cannot be reached, the
 * topic does not exist. The message says what to check; no report is written.
 */
public final class ReplayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }

  public ReplayException(String message) {
    super(message);
  }
}
