package eu.sectoralerts.alert;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store, and its {@link LiveTable} mirror, equal to a compacted topic keyed by id: a
 * value puts, a tombstone deletes. It never throws on bad data (stopping the global thread would
 * stop all matching): a record it cannot use is logged, skipped and sent as a dead letter to a
 * {@link DeadLetterSink}, since a global store's processor has no output of its own. It may run on
 * restore too, so a bad record can be dead-lettered again after a restore.
 *
 * @param <V> the value type
 */
final class MirroringStoreUpdater<V> implements Processor<String, byte[], Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(MirroringStoreUpdater.class);

  private final String what;
  private final Deserializer<V> deserializer;
  private final Function<V, String> idOf;
  private final String storeName;
  private final LiveTable<V> mirror;
  private final DeadLetters deadLetters;
  private final DeadLetterSink sink;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, V> store;

  /**
   * @param what what the records are, for log lines ("watchlist")
   * @param idOf the id inside a value, which must equal the record key
   */
  MirroringStoreUpdater(
      String what,
      Deserializer<V> deserializer,
      Function<V, String> idOf,
      String storeName,
      LiveTable<V> mirror,
      DeadLetters deadLetters,
      DeadLetterSink sink) {
    this.what = what;
    this.deadLetters = deadLetters;
    this.sink = sink;
    this.deserializer = deserializer;
    this.idOf = idOf;
    this.storeName = storeName;
    this.mirror = mirror;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    synchronized (mirror.lock()) {
      mirror.loadFrom(store);
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String id = record.key();
    if (id == null) {
      skip(record, DeadLetters.INVALID_RECORD, "it has no key");
      return;
    }
    if (record.value() == null) {
      synchronized (mirror.lock()) {
        store.delete(id);
        mirror.remove(id);
      }
      return;
    }
    V value;
    try {
      String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
      value = deserializer.deserialize(topic, record.value());
    } catch (RuntimeException e) {
      skip(record, DeadLetters.DESERIALIZATION, "it cannot be decoded: " + DeadLetters.reason(e));
      return;
    }
    if (!id.equals(idOf.apply(value))) {
      skip(
          record,
          DeadLetters.INVALID_RECORD,
          "its key '" + id + "' is not its id '" + idOf.apply(value) + "'");
      return;
    }
    synchronized (mirror.lock()) {
      store.put(id, value);
      mirror.put(id, value);
    }
  }

  private void skip(Record<String, byte[]> record, String errorType, String why) {
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    sink.send(
        deadLetters.of(context, key, record.value(), errorType, "Skipped " + what + ": " + why));
    LOG.warn(
        "Skipping {} record {} because {}",
        what,
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("(unknown origin)"),
        why);
  }
}
