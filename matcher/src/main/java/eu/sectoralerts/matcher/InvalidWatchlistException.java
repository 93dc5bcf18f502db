package eu.sectoralerts.matcher;

/** A watchlist that cannot be matched; the message names the criterion and what is wrong. */
final class InvalidWatchlistException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidWatchlistException(String message) {
    super(message);
  }
}
