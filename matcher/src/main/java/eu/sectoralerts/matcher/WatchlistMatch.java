package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.Watchlist;
import java.util.List;
import java.util.Objects;

/**
 * One watchlist an item matched, with one reason per constraining criterion, in the order sectors,
 * risks, minLevel, kinds, entities, europeanFirmsOnly, query. A watchlist without criteria matches
 * every item and has no reasons.
 */
public record WatchlistMatch(Watchlist watchlist, List<MatchReason> reasons) {

  public WatchlistMatch {
    Objects.requireNonNull(watchlist, "watchlist");
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
  }
}
