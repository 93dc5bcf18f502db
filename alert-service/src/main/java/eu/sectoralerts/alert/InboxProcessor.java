package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Files each alert in its subscriber's inbox under an {@link InboxKeys} key; writing the same alert
 * again (a replay) overwrites it with itself.
 */
final class InboxProcessor implements Processor<byte[], Alert, Void, Void> {

  private final String storeName;
  private KeyValueStore<String, Alert> inbox;

  InboxProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.inbox = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<byte[], Alert> record) {
    Alert alert = record.value();
    inbox.put(InboxKeys.key(alert.getSubscriberId(), alert.getCreatedAt(), alert.getId()), alert);
  }
}
