package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.TaggedItem;

/**
 * Matches one tagged item against a set of watchlists. Every criterion a watchlist gives must hold
 * (within a list, any of its values): {@code sectors}, {@code risks}, {@code minLevel}, {@code
 * kinds}, {@code entities}, {@code europeanFirmsOnly} and the keyword {@code query}. Each match
 * explains itself with one {@link eu.sectoralerts.avro.MatchReason} per constraining criterion.
 * Implementations are thread-safe.
 */
public interface WatchlistMatcher {

  /** The watchlists {@code item} matches, ordered by watchlist id, and those that failed on it. */
  MatchResult match(TaggedItem item);
}
