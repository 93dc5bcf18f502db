package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Watchlists read from the global watchlists store by interactive query. The store is keyed by
 * watchlist id, so a subscriber's lists are found by a full scan: fine for the number of watchlists
 * a walking skeleton has.
 */
public final class StreamsWatchlistDirectory implements WatchlistDirectory {

  private final KafkaStreams streams;
  private final String storeName;

  public StreamsWatchlistDirectory(KafkaStreams streams, String storeName) {
    this.streams = streams;
    this.storeName = storeName;
  }

  @Override
  public List<Watchlist> forSubscriber(String subscriberId) {
    return StreamsStores.<Watchlist, List<Watchlist>>queryKeyValueStore(
        streams,
        storeName,
        "The watchlists store is not ready; retry shortly.",
        store -> forSubscriber(store, subscriberId));
  }

  /** The subscriber's watchlists in {@code store}, oldest first (then by id). */
  static List<Watchlist> forSubscriber(
      ReadOnlyKeyValueStore<String, Watchlist> store, String subscriberId) {
    List<Watchlist> found = new ArrayList<>();
    try (KeyValueIterator<String, Watchlist> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            if (subscriberId.equals(kv.value.getSubscriberId())) {
              found.add(kv.value);
            }
          });
    }
    found.sort(Comparator.comparing(Watchlist::getCreatedAt).thenComparing(Watchlist::getId));
    return found;
  }
}
