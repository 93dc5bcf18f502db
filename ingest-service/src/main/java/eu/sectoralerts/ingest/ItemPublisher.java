package eu.sectoralerts.ingest;

import eu.sectoralerts.avro.NewsItem;
import java.util.List;

/**
 * Publishes news items durably: {@link #publish} returns only once the item is stored, and says
 * where. {@link IngestApi} depends on this interface alone, so its tests run without a broker.
 * Implementations are thread-safe (HTTP requests publish concurrently).
 */
public interface ItemPublisher extends AutoCloseable {

  /**
   * Publishes one item, keyed by its id, and waits until it is stored.
   *
   * @throws PublishException when the item could not be stored in time; it may still appear later,
   *     which is harmless since re-publishing uses the same id
   */
  PublishReceipt publish(NewsItem item);

  /**
   * Publishes several items as one unit, in order, and waits until they are stored. The Kafka
   * implementation writes them in one transaction, so on failure none of them becomes visible to
   * {@code read_committed} readers; this default, for simple publishers, publishes one by one.
   *
   * @return one receipt per item, in order
   * @throws PublishException when the items could not be stored in time
   */
  default List<PublishReceipt> publishAll(List<NewsItem> items) {
    return items.stream().map(this::publish).toList();
  }

  /**
   * Whether the publisher can reach the cluster now (readiness); this default, for publishers
   * without a connection, always can.
   */
  default boolean connected() {
    return true;
  }

  /** Releases the publisher's resources after sending what is pending. */
  @Override
  default void close() {}

  /**
   * Where a published item landed.
   *
   * @param topic the topic written to
   * @param partition its partition
   * @param offset the item's offset in that partition
   */
  record PublishReceipt(String topic, int partition, long offset) {
    public PublishReceipt {
      java.util.Objects.requireNonNull(topic, "topic");
      if (partition < 0) {
        throw new IllegalArgumentException("partition must be >= 0, got " + partition);
      }
      if (offset < 0) {
        throw new IllegalArgumentException("offset must be >= 0, got " + offset);
      }
    }
  }

  /** An item could not be published; the message says why, for the client and the log. */
  final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
