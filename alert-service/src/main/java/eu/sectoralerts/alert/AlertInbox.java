package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads subscribers' alerts from the inbox, newest first, one page at a time. */
public interface AlertInbox {

  int DEFAULT_LIMIT = 50;
  int MAX_LIMIT = 500;

  /**
   * Which alerts a page holds.
   *
   * @param since only alerts created at or after this; null: all
   * @param watchlistId only this watchlist's alerts; null: all
   * @param after the cursor of the last alert of the previous page; null: the first page
   * @param limit 1 to {@link #MAX_LIMIT}
   */
  record PageRequest(Instant since, String watchlistId, String after, int limit) {
    public PageRequest {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
      }
    }
  }

  /**
   * A page, newest first.
   *
   * @param next the cursor to ask for the following page; empty on the last page
   */
  record Page(List<Alert> alerts, Optional<String> next) {
    public Page {
      alerts = List.copyOf(alerts);
      Objects.requireNonNull(next, "next");
    }
  }

  /**
   * One page of the subscriber's alerts.
   *
   * @throws UnavailableException while the inbox cannot be read (e.g. Streams is rebalancing)
   * @throws IllegalArgumentException when the cursor is not one of this subscriber's
   */
  Page page(String subscriberId, PageRequest request);

  /**
   * The subscriber's alerts newer than the one with {@code cursor}, oldest first, at most {@code
   * max} (the newest ones when there are more): what a live stream missed while disconnected.
   */
  List<Alert> newerThan(String subscriberId, String cursor, int max);

  /** The subscriber's alert with this id. */
  Optional<Alert> find(String subscriberId, String alertId);

  /**
   * Hands the subscriber's alerts filed at or after {@code since} to {@code visitor}, newest first,
   * at most {@code max} of them.
   *
   * @return false when there were more than {@code max}
   * @throws UnavailableException while the inbox cannot be read
   */
  boolean scan(String subscriberId, Instant since, int max, Consumer<Alert> visitor);
}
