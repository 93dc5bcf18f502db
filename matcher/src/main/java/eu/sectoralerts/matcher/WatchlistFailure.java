package eu.sectoralerts.matcher;

import java.util.Objects;

/**
 * A watchlist that could not be checked against an item, for instance because its query failed
 * while running. It is skipped for that item only; the other watchlists still match.
 *
 * @param reason what went wrong, in words
 */
public record WatchlistFailure(String watchlistId, String subscriberId, String reason) {

  public WatchlistFailure {
    Objects.requireNonNull(watchlistId, "watchlistId");
    Objects.requireNonNull(subscriberId, "subscriberId");
    Objects.requireNonNull(reason, "reason");
  }
}
