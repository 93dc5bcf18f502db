package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The inbox of this instance's Kafka Streams, read by interactive query. It only sees the alert
 * partitions this instance hosts; with one instance that is all of them.
 */
public final class StreamsAlertInbox implements AlertInbox {

  private final KafkaStreams streams;
  private final String storeName;

  public StreamsAlertInbox(KafkaStreams streams, String storeName) {
    this.streams = streams;
    this.storeName = storeName;
  }

  @Override
  public List<Alert> newestFirst(String subscriberId, int limit) {
    return StreamsStores.<Alert, List<Alert>>queryKeyValueStore(
        streams,
        storeName,
        "The alerts inbox is not ready (Kafka Streams is rebalancing); retry shortly.",
        store -> InboxQuery.newestFirst(store, subscriberId, limit));
  }
}
