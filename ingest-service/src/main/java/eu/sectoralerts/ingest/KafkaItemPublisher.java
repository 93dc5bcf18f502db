package eu.sectoralerts.ingest;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ItemPublisher} on a Kafka producer: key the item id (UTF-8), value the item in the
 * registry's wire format. The producer is idempotent with {@code acks=all}, and each publish waits
 * for the acknowledgement (bounded by a timeout), so a returned receipt means the item is stored on
 * every in-sync replica.
 */
public final class KafkaItemPublisher implements ItemPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaItemPublisher.class);

  private final Producer<String, NewsItem> producer;
  private final String topic;
  private final Duration timeout;

  /**
   * A publisher on a caller-built producer, which this publisher then owns and closes.
   *
   * @param timeout how long {@link #publish} waits for the acknowledgement
   */
  public KafkaItemPublisher(Producer<String, NewsItem> producer, String topic, Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A publisher with its own idempotent producer writing to {@code topic}. */
  public static KafkaItemPublisher create(
      String bootstrapServers, SchemaRegistryClient registry, String topic, Duration timeout) {
    return new KafkaItemPublisher(
        new KafkaProducer<>(
            producerConfig(bootstrapServers, timeout),
            new StringSerializer(),
            AvroSerde.forValues(registry, NewsItem.class).serializer()),
        topic,
        timeout);
  }

  /** The producer settings: durable, idempotent, and giving up within {@code timeout}. */
  static Map<String, Object> producerConfig(String bootstrapServers, Duration timeout) {
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG,
        "ingest-service",
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.LINGER_MS_CONFIG,
        0,
        // The producer must itself give up by the time the caller stops waiting, or a record
        // reported as failed could still be written long after; the broker's own dedup keeps
        // retries
        // within that window safe. delivery.timeout.ms must be >= linger.ms + request.timeout.ms.
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        timeoutMs,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        timeoutMs,
        ProducerConfig.MAX_BLOCK_MS_CONFIG,
        timeoutMs);
  }

  @Override
  public PublishReceipt publish(NewsItem item) {
    String id = item.getId();
    try {
      RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(topic, id, item))
              // A little beyond the producer's own deadline, so its precise error wins the race.
              .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      LOG.info(
          "Published item {} to {}-{} at offset {}",
          id,
          metadata.topic(),
          metadata.partition(),
          metadata.offset());
      return new PublishReceipt(metadata.topic(), metadata.partition(), metadata.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(id, "interrupted while waiting for the broker", e);
    } catch (ExecutionException e) {
      throw failure(id, String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      throw failure(id, "no acknowledgement within " + timeout, e);
    } catch (KafkaException | IllegalStateException e) {
      // send() itself fails for serialization (e.g. registry down) and metadata timeouts.
      throw failure(id, String.valueOf(e.getMessage()), e);
    }
  }

  private PublishException failure(String id, String reason, Throwable cause) {
    LOG.warn("Could not publish item {} to {}: {}", id, topic, reason, cause);
    return new PublishException(
        "Could not publish item " + id + " to topic " + topic + ": " + reason, cause);
  }

  /** Sends what is pending (waiting at most the publish timeout), then closes the producer. */
  @Override
  public void close() {
    producer.close(timeout);
  }
}
