package eu.sectoralerts.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of items already on the items topic, so that importing the same briefing twice publishes
 * nothing new. A request {@link #claim}s an id before publishing it: only one of two concurrent
 * requests with the same item wins, and a failed publish {@link #release}s its claim so a retry can
 * publish. Thread-safe.
 */
public interface PublishedIds extends AutoCloseable {

  /**
   * Claims an id for publishing.
   *
   * @return true when the id is neither on the topic nor claimed by another request; false when the
   *     item is already published
   */
  boolean claim(String id);

  /** Gives back a claim whose publishing failed. */
  void release(String id);

  @Override
  default void close() {}

  /** An index held in memory only, starting empty: for tests and for embedding without Kafka. */
  static PublishedIds inMemory() {
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    return new PublishedIds() {
      @Override
      public boolean claim(String id) {
        return claimed.add(id);
      }

      @Override
      public void release(String id) {
        claimed.remove(id);
      }
    };
  }
}
