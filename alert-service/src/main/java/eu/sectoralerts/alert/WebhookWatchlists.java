package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.webhooks.WatchlistLookup;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook dispatcher's view of the watchlists table: each watchlist by id, and which
 * subscribers have a watchlist with a webhook, kept up to date as a listener of the table, so that
 * the dispatcher passes over the alerts of everyone else without decoding them. Updated by the
 * table's (single) updating thread, read from any.
 */
final class WebhookWatchlists implements LiveTable.Listener<Watchlist>, WatchlistLookup {

  private final LiveTable<Watchlist> table;

  /** Subscriber id of each watchlist with a webhook; updating thread only. */
  private final Map<String, String> subscriberOf = new HashMap<>();

  /** Watchlists with a webhook per subscriber; absent when none. */
  private final Map<String, Integer> webhooksOf = new ConcurrentHashMap<>();

  WebhookWatchlists(LiveTable<Watchlist> table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public Optional<Watchlist> find(String watchlistId) {
    return table.get(watchlistId);
  }

  @Override
  public boolean anyWebhookOf(String subscriberId) {
    return webhooksOf.containsKey(subscriberId);
  }

  @Override
  public synchronized void loaded(Collection<Watchlist> values) {
    subscriberOf.clear();
    webhooksOf.clear();
    values.forEach(watchlist -> put(watchlist.getId(), watchlist));
  }

  @Override
  public synchronized void put(String id, Watchlist value) {
    if (value.getWebhook() == null) {
      removed(id);
      return;
    }
    String previous = subscriberOf.put(id, value.getSubscriberId());
    if (!value.getSubscriberId().equals(previous)) {
      if (previous != null) {
        release(previous);
      }
      webhooksOf.merge(value.getSubscriberId(), 1, Integer::sum);
    }
  }

  @Override
  public synchronized void removed(String id) {
    String subscriber = subscriberOf.remove(id);
    if (subscriber != null) {
      release(subscriber);
    }
  }

  private void release(String subscriber) {
    webhooksOf.computeIfPresent(subscriber, (s, n) -> n == 1 ? null : n - 1);
  }
}
