package eu.sectoralerts.alert;

import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** What interactive queries of this service share. */
final class StreamsStores {

  private StreamsStores() {}

  /** Throws {@link UnavailableException} unless Streams is RUNNING (stores are complete). */
  private static void requireRunning(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw new UnavailableException(
          "Not ready: Kafka Streams is "
              + state
              + ", stores are not queryable yet; retry shortly.");
    }
  }

  /**
   * Runs {@code query} on the key-value store {@code storeName}, only while Streams is RUNNING.
   *
   * @param notReady the {@link UnavailableException}'s message when the store goes away meanwhile
   *     (a rebalance can start between the state check and the end of the query)
   * @throws UnavailableException when Streams is not RUNNING or the store is not queryable
   */
  static <V, R> R queryKeyValueStore(
      KafkaStreams streams,
      String storeName,
      String notReady,
      Function<ReadOnlyKeyValueStore<String, V>, R> query) {
    requireRunning(streams);
    try {
      ReadOnlyKeyValueStore<String, V> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  storeName, QueryableStoreTypes.<String, V>keyValueStore()));
      return query.apply(store);
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException(notReady, e);
    }
  }
}
