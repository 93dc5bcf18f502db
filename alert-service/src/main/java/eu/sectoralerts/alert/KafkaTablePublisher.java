package eu.sectoralerts.alert;

import eu.sectoralerts.common.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records of a compacted topic with an idempotent producer ({@code acks=all}) and waits
 * for the broker's acknowledgement, so a 201 means the record is stored. Every wait is bounded by
 * the timeout given; past it the call fails with {@link UnavailableException}.
 *
 * @param <V> the value type
 */
public final class KafkaTablePublisher<V> implements TablePublisher<V>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTablePublisher.class);

  private final Producer<String, V> producer;
  private final String topic;
  private final String what;
  private final Duration timeout;

  /**
   * @param what what the records are, for messages ("watchlist")
   */
  public KafkaTablePublisher(
      Producer<String, V> producer, String topic, String what, Duration timeout) {
    this.producer = producer;
    this.topic = topic;
    this.what = what;
    this.timeout = timeout;
  }

  /** A publisher with its own producer for {@code topic}. */
  public static <V> KafkaTablePublisher<V> create(
      String bootstrapServers,
      Topic<String, V> topic,
      String what,
      Duration timeout,
      Map<String, Object> extraConfig) {
    int millis = (int) timeout.toMillis();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "sector-alerts-" + what + "-publisher");
    // send() blocks for metadata up to max.block.ms; the broker's answer takes up to
    // delivery.timeout.ms. Together they keep one request within about the timeout.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis / 2);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis / 2);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis / 2);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putAll(extraConfig);
    return new KafkaTablePublisher<>(
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer()),
        topic.name(),
        what,
        timeout);
  }

  @Override
  public void put(String id, V value) {
    send(id, value);
  }

  @Override
  public void delete(String id) {
    send(id, null);
  }

  private void send(String id, V value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, id, value))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while storing the " + what, e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.warn("Could not publish {} {} to {}", what, id, topic, cause);
      throw new UnavailableException(
          "Could not store the " + what + " (Kafka unavailable); retry shortly.", cause);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
