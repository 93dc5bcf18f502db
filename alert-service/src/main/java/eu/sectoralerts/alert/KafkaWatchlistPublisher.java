package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;
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
 * Publishes watchlists with an idempotent producer ({@code acks=all}) and waits for the broker's
 * acknowledgement, so a 201 means the watchlist is stored. Every wait is bounded by the timeout
 * given; past it the call fails with {@link UnavailableException}.
 */
public final class KafkaWatchlistPublisher implements WatchlistPublisher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaWatchlistPublisher.class);

  private final Producer<String, Watchlist> producer;
  private final String topic;
  private final Duration timeout;

  public KafkaWatchlistPublisher(
      Producer<String, Watchlist> producer, String topic, Duration timeout) {
    this.producer = producer;
    this.topic = topic;
    this.timeout = timeout;
  }

  /** A publisher with its own producer for {@code topic}. */
  public static KafkaWatchlistPublisher create(
      String bootstrapServers,
      Topic<String, Watchlist> topic,
      Duration timeout,
      Map<String, Object> extraConfig) {
    int millis = (int) timeout.toMillis();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "sector-alerts-watchlists-publisher");
    // send() blocks for metadata up to max.block.ms; the broker's answer takes up to
    // delivery.timeout.ms. Together they keep one request within about the timeout.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis / 2);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis / 2);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis / 2);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putAll(extraConfig);
    return new KafkaWatchlistPublisher(
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer()),
        topic.name(),
        timeout);
  }

  @Override
  public void publish(Watchlist watchlist) {
    try {
      producer
          .send(new ProducerRecord<>(topic, watchlist.getId(), watchlist))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while storing the watchlist", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.warn("Could not publish watchlist {} to {}", watchlist.getId(), topic, cause);
      throw new UnavailableException(
          "Could not store the watchlist (Kafka unavailable); retry shortly.", cause);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
