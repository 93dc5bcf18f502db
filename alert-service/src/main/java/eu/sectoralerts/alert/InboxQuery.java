package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads one subscriber's page of the inbox store: a prefix scan over {@link InboxKeys} keys. */
public final class InboxQuery {

  private InboxQuery() {}

  public static List<Alert> newestFirst(
      ReadOnlyKeyValueStore<String, Alert> store, String subscriberId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
    List<Alert> page = new ArrayList<>(Math.min(limit, AlertInbox.MAX_LIMIT));
    try (KeyValueIterator<String, Alert> it =
        store.prefixScan(InboxKeys.prefix(subscriberId), new StringSerializer())) {
      while (it.hasNext() && page.size() < limit) {
        page.add(it.next().value);
      }
    }
    return page;
  }
}
