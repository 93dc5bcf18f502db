package eu.sectoralerts.ingest.briefing;

/**
 * A document could not be read as a briefing; the message says why in words meant for the analyst
 * who sent it (empty, binary, no items found, unreadable date, ...).
 */
public final class BriefingParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BriefingParseException(String message) {
    super(message);
  }
}
