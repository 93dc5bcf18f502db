package eu.sectoralerts.alert;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.Watchlist;
import java.util.List;
import java.util.Objects;

/**
 * One watchlist an item matched, with one reason per criterion of the watchlist that constrained
 * the match (empty when the watchlist matches everything).
 */
public record WatchlistMatch(Watchlist watchlist, List<MatchReason> reasons) {

  public WatchlistMatch {
    Objects.requireNonNull(watchlist, "watchlist");
    reasons = List.copyOf(reasons);
  }
}
