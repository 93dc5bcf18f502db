package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;

/**
 * Assigns the taxonomy's tags to one news item. Implementations are pure apart from reading their
 * clock (for {@code taggedAt}), thread-safe, and only ever emit ids of {@code common.TaxonomyIds};
 * every tag they give carries its {@code Evidence}. An exception means the item cannot be tagged:
 * the topology turns it into a dead letter.
 */
public interface Tagger {

  /** The tags of {@code item}; {@code taxonomyVersion} of the result is {@link #version()}. */
  TaggedItem tag(NewsItem item);

  /** The version of the rules, written into every tagged item so a change can be traced. */
  String version();
}
