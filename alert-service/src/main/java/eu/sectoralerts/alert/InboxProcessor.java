package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files each alert in its subscriber's inbox under an {@link InboxKeys} key (writing the same alert
 * again overwrites it with itself), then tells the live feed. The feed may see an alert again after
 * a crash (the transaction that filed it is retried); listeners de-duplicate by alert id.
 */
final class InboxProcessor implements Processor<byte[], Alert, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);

  private final String storeName;
  private final Consumer<Alert> feed;
  private KeyValueStore<String, Alert> inbox;

  InboxProcessor(String storeName, Consumer<Alert> feed) {
    this.storeName = storeName;
    this.feed = feed;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.inbox = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<byte[], Alert> record) {
    Alert alert = record.value();
    inbox.put(InboxKeys.key(alert.getSubscriberId(), alert.getCreatedAt(), alert.getId()), alert);
    try {
      feed.accept(alert);
    } catch (RuntimeException e) {
      // The inbox holds the alert; a live listener that failed reads it from there on reconnect.
      LOG.warn("Live feed failed on alert {}", alert.getId(), e);
    }
  }
}
