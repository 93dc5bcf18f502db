package eu.sectoralerts.app.bench;

/** A bench run that cannot go on; the message says why, for the operator to read. */
public final class BenchException extends RuntimeException {
  public BenchException(String message) {
    super(message);
  }
}
