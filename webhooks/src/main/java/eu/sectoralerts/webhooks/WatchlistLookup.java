package eu.sectoralerts.webhooks;

import eu.sectoralerts.avro.Watchlist;
import java.util.Optional;

/**
 * The current version of a watchlist, by id. The dispatcher asks when an alert arrives (does its
 * watchlist have a webhook?) and before every attempt (URL and secret are always the current ones;
 * a deleted watchlist cancels its deliveries). Implementations answer from memory, quickly and from
 * any thread, and must have caught up with the watchlists before the dispatcher starts.
 */
@FunctionalInterface
public interface WatchlistLookup {

  /** The watchlist, or empty when there is none with this id (any more). */
  Optional<Watchlist> find(String watchlistId);

  /**
   * Whether subscriber {@code subscriberId} has a watchlist with a webhook now. The dispatcher
   * skips the alerts of one who has none without decoding them (most alerts, as most watchlists
   * have no webhook); the default answers true, so every alert is decoded and looked up.
   */
  default boolean anyWebhookOf(String subscriberId) {
    return true;
  }
}
