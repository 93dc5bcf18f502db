package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The inbox of this instance's Kafka Streams, read by interactive query. It only sees the alert
 * partitions this instance hosts; with one instance that is all of them.
 */
public final class StreamsAlertInbox implements AlertInbox {

  private static final String NOT_READY =
      "The alerts inbox is not ready (Kafka Streams is rebalancing); retry shortly.";

  private final KafkaStreams streams;
  private final String storeName;

  public StreamsAlertInbox(KafkaStreams streams, String storeName) {
    this.streams = streams;
    this.storeName = storeName;
  }

  @Override
  public Page page(String subscriberId, PageRequest request) {
    return StreamsStores.<Alert, Page>queryKeyValueStore(
        streams, storeName, NOT_READY, store -> InboxQuery.page(store, subscriberId, request));
  }

  @Override
  public List<Alert> newerThan(String subscriberId, String cursor, int max) {
    return StreamsStores.<Alert, List<Alert>>queryKeyValueStore(
        streams,
        storeName,
        NOT_READY,
        store -> InboxQuery.newerThan(store, subscriberId, cursor, max));
  }

  @Override
  public Optional<Alert> find(String subscriberId, String alertId) {
    return StreamsStores.<Alert, Optional<Alert>>queryKeyValueStore(
        streams, storeName, NOT_READY, store -> InboxQuery.find(store, subscriberId, alertId));
  }

  @Override
  public boolean scan(String subscriberId, Instant since, int max, Consumer<Alert> visitor) {
    return StreamsStores.<Alert, Boolean>queryKeyValueStore(
        streams,
        storeName,
        NOT_READY,
        store -> InboxQuery.scan(store, subscriberId, since, max, visitor));
  }
}
