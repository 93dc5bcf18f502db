package eu.sectoralerts.ingest.briefing;

import eu.sectoralerts.avro.ItemKind;
import java.util.List;

/**
 * An item as the segmenter found it, before dates are resolved against the briefing's period and
 * before it gets an id.
 *
 * @param section top, policy, corporate or overview
 * @param kind POLICY or CORPORATE; null when it must be told from the text
 * @param title the item's title
 * @param body clean text
 * @param when the date as written (see {@link When})
 * @param issuingBody from an "Issuing body:" field, or null
 * @param policyName the act's English name, or null
 * @param policyNameOriginal the act's name in its original language, or null
 * @param links the links that reference the item's sources
 * @param line where the item starts in the document (1-based)
 * @param bullet whether the item is a bullet (its title derived from its text)
 */
record Draft(
    String section,
    ItemKind kind,
    String title,
    String body,
    When when,
    String issuingBody,
    String policyName,
    String policyNameOriginal,
    List<Markup.Link> links,
    int line,
    boolean bullet) {

  /**
   * A date as a briefing writes it.
   *
   * @param text the date text of a field ("February 18, 2021"), or null
   * @param month the month of a bullet date ("December 6:"), or null
   * @param day the day of a bullet date, 0 when only the month is written
   * @param explicitYear the year of a bullet date when written, else 0
   */
  record When(String text, java.time.Month month, int day, int explicitYear) {
    static final When NONE = new When(null, null, 0, 0);

    static When field(String text) {
      return new When(text, null, 0, 0);
    }

    static When bullet(java.time.Month month, int day, int explicitYear) {
      return new When(null, month, day, explicitYear);
    }

    boolean isNone() {
      return text == null && month == null;
    }
  }
}
