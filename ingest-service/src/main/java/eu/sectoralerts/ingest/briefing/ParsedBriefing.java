package eu.sectoralerts.ingest.briefing;

import eu.sectoralerts.avro.NewsItem;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BriefingParser} made of one document: its name, the date it was issued (or the first
 * day of its month when only the month is known) and its items in document order, never empty.
 *
 * @param sourceName the document's name, e.g. its file name
 * @param briefingDate the document's date
 * @param items the items, in the order they appear
 */
public record ParsedBriefing(String sourceName, LocalDate briefingDate, List<NewsItem> items) {
  public ParsedBriefing {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(briefingDate, "briefingDate");
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a parsed briefing has at least one item");
    }
  }
}
