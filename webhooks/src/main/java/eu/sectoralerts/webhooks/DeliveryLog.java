package eu.sectoralerts.webhooks;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes delivery records and dead letters with one idempotent {@code acks=all} producer. Every
 * write returns a future that completes once the broker acknowledged it (or failed), so the caller
 * takes its next step only on durable state. A delivery record carries the offset of its alert in a
 * header ({@value #ALERT_OFFSET_HEADER}), since the delivery schema has no field for it and a dead
 * letter written after a restart must still name it.
 */
final class DeliveryLog implements AutoCloseable {

  static final String ALERT_OFFSET_HEADER = "alert-offset";

  private final Producer<byte[], byte[]> producer;
  private final Topic<String, WebhookDelivery> deliveries;
  private final Topic<byte[], DeadLetter> deadLetters;

  DeliveryLog(
      Producer<byte[], byte[]> producer,
      Topic<String, WebhookDelivery> deliveries,
      Topic<byte[], DeadLetter> deadLetters) {
    this.producer = producer;
    this.deliveries = deliveries;
    this.deadLetters = deadLetters;
  }

  /** Writes {@code delivery} to partition {@code partition} of the deliveries topic. */
  CompletableFuture<RecordMetadata> writeDelivery(
      int partition, long alertOffset, WebhookDelivery delivery) {
    try {
      byte[] key =
          deliveries.keySerde().serializer().serialize(deliveries.name(), delivery.getId());
      byte[] value = deliveries.valueSerde().serializer().serialize(deliveries.name(), delivery);
      RecordHeaders headers =
          new RecordHeaders(
              new Header[] {
                new RecordHeader(
                    ALERT_OFFSET_HEADER,
                    Long.toString(alertOffset).getBytes(StandardCharsets.UTF_8))
              });
      return send(new ProducerRecord<>(deliveries.name(), partition, null, key, value, headers));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Writes {@code letter} to the dead-letter topic, keyed by {@code key}. */
  CompletableFuture<RecordMetadata> writeDeadLetter(byte[] key, DeadLetter letter) {
    try {
      byte[] k = deadLetters.keySerde().serializer().serialize(deadLetters.name(), key);
      byte[] v = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), letter);
      return send(new ProducerRecord<>(deadLetters.name(), k, v));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The alert offset a delivery record names, or -1. */
  static long alertOffset(Headers headers) {
    Header h = headers.lastHeader(ALERT_OFFSET_HEADER);
    if (h == null || h.value() == null) {
      return -1L;
    }
    try {
      return Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return -1L;
    }
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(metadata);
          }
        });
    return done;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
