package eu.sectoralerts.matcher;

/**
 * A keyword query that cannot be used. The message says what is wrong and where, in words meant for
 * the person who wrote the query (no class names, no stack trace), so an API can return it as is.
 */
public final class InvalidQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) {
    super(message);
  }
}
