package eu.sectoralerts.alert;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds a subscriber's inbox through Kafka Streams' metadata ({@code queryMetadataForKey}): every
 * instance knows, from {@code application.server}, which instance hosts which partition of the
 * inbox store. The store is fed by the alerts topic, keyed by subscriber id, so the subscriber id
 * alone names the partition.
 */
public final class StreamsInboxRouter implements InboxRouter {

  private final KafkaStreams streams;
  private final String storeName;
  private final HostInfo self;

  /**
   * @param self this instance's {@code application.server}
   */
  public StreamsInboxRouter(KafkaStreams streams, String storeName, HostInfo self) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.storeName = Objects.requireNonNull(storeName, "storeName");
    this.self = Objects.requireNonNull(self, "self");
  }

  @Override
  public Optional<String> ownerOf(String subscriberId) {
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(storeName, subscriberId, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw new UnavailableException(
          "The alerts inbox is not ready (Kafka Streams is " + streams.state() + "); retry.", e);
    }
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new UnavailableException(
          "No instance hosts this inbox now (Kafka Streams is rebalancing); retry shortly.");
    }
    HostInfo owner = metadata.activeHost();
    if (owner.equals(self)) {
      return Optional.empty();
    }
    return Optional.of(owner.host() + ":" + owner.port());
  }
}
