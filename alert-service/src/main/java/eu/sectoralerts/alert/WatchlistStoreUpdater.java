package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global watchlists store equal to the compacted watchlists topic: a value puts, a
 * tombstone deletes. It also runs on restore, so it must never throw on bad data: a record it
 * cannot use is logged and skipped (the global thread has no dead-letter output, and stopping it
 * would stop all matching).
 */
final class WatchlistStoreUpdater implements Processor<String, byte[], Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(WatchlistStoreUpdater.class);

  private final Deserializer<Watchlist> deserializer;
  private final String storeName;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, Watchlist> store;

  WatchlistStoreUpdater(Deserializer<Watchlist> deserializer, String storeName) {
    this.deserializer = deserializer;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String id = record.key();
    if (id == null) {
      skip("it has no key");
      return;
    }
    if (record.value() == null) {
      store.delete(id);
      return;
    }
    Watchlist watchlist;
    try {
      String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
      watchlist = deserializer.deserialize(topic, record.value());
    } catch (RuntimeException e) {
      skip("it cannot be decoded: " + DeadLetters.reason(e));
      return;
    }
    if (!id.equals(watchlist.getId())) {
      skip("its key '" + id + "' is not its id '" + watchlist.getId() + "'");
      return;
    }
    store.put(id, watchlist);
  }

  private void skip(String why) {
    LOG.warn(
        "Skipping watchlist record {} because {}",
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("(unknown origin)"),
        why);
  }
}
