/**
 * Matching tagged items against subscribers' watchlists: {@link
 * eu.sectoralerts.matcher.WatchlistIndex} (Lucene's monitor: an item is only checked against the
 * watchlists it can match) and {@link eu.sectoralerts.matcher.LinearScanMatcher} (every watchlist,
 * one by one: the reference), which give the same {@link eu.sectoralerts.matcher.MatchResult}s;
 * {@link eu.sectoralerts.matcher.KeywordQueries} parses and validates keyword queries and {@link
 * eu.sectoralerts.matcher.Entities} normalises entity names.
 */
package eu.sectoralerts.matcher;
