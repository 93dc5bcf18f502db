package eu.sectoralerts.matcher;

import java.util.List;
import java.util.Objects;

/**
 * What matching one item gave: the watchlists it matched, ordered by watchlist id, and the
 * watchlists that could not be checked against it (also ordered by id); a failure never hides the
 * other matches.
 */
public record MatchResult(List<WatchlistMatch> matches, List<WatchlistFailure> failures) {

  public MatchResult {
    matches = List.copyOf(Objects.requireNonNull(matches, "matches"));
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
  }

  /** No match and no failure. */
  public static MatchResult empty() {
    return new MatchResult(List.of(), List.of());
  }

  /** The ids of the matched watchlists, in order. */
  public List<String> matchedIds() {
    return matches.stream().map(m -> m.watchlist().getId()).toList();
  }
}
