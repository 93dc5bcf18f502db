package eu.sectoralerts.ingest;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.ServiceMetrics;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ItemPublisher} on a Kafka producer: key the item id (UTF-8), value the item in the
 * registry's wire format. The producer is idempotent with {@code acks=all}, and each publish waits
 * for the acknowledgement (bounded by a timeout), so a returned receipt means the item is stored on
 * every in-sync replica. {@link #publishAll} (a briefing's items) writes through a second,
 * transactional producer, created on first use: the items become visible to {@code read_committed}
 * readers all together or not at all.
 */
public final class KafkaItemPublisher implements ItemPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaItemPublisher.class);

  private final Producer<String, NewsItem> producer;
  private final Supplier<Producer<String, NewsItem>> transactionalFactory;
  private final String topic;
  private final Duration timeout;
  private final Object transactionLock = new Object();
  private Producer<String, NewsItem> transactional; // guarded by transactionLock

  /**
   * A publisher on a caller-built producer, which this publisher then owns and closes; {@link
   * #publishAll} then publishes one item after the other.
   *
   * @param timeout how long {@link #publish} waits for the acknowledgement
   */
  public KafkaItemPublisher(Producer<String, NewsItem> producer, String topic, Duration timeout) {
    this(producer, null, topic, timeout);
  }

  /**
   * A publisher on caller-built producers, which this publisher then owns and closes.
   *
   * @param transactionalFactory makes the producer (with a {@code transactional.id}) that {@link
   *     #publishAll} uses; called on first use and again after a fatal error
   */
  public KafkaItemPublisher(
      Producer<String, NewsItem> producer,
      Supplier<Producer<String, NewsItem>> transactionalFactory,
      String topic,
      Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.transactionalFactory = transactionalFactory;
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A publisher with its own idempotent producers writing to {@code topic}. */
  public static KafkaItemPublisher create(
      String bootstrapServers, SchemaRegistryClient registry, String topic, Duration timeout) {
    return new KafkaItemPublisher(
        new KafkaProducer<>(
            producerConfig(bootstrapServers, timeout),
            new StringSerializer(),
            AvroSerde.forValues(registry, NewsItem.class).serializer()),
        () ->
            new KafkaProducer<>(
                transactionalConfig(bootstrapServers, timeout),
                new StringSerializer(),
                AvroSerde.forValues(registry, NewsItem.class).serializer()),
        topic,
        timeout);
  }

  /**
   * The batch producer's settings: those of {@link #producerConfig} plus a transactional id unique
   * to this process (two instances must never fence each other) and a transaction timeout short
   * enough that a crashed instance's open transaction holds readers back only briefly.
   */
  static Map<String, Object> transactionalConfig(String bootstrapServers, Duration timeout) {
    Map<String, Object> config = new HashMap<>(producerConfig(bootstrapServers, timeout));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-briefings");
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest-service-" + UUID.randomUUID());
    config.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, Math.max(10_000, 3 * timeout.toMillis())));
    return Map.copyOf(config);
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

  /**
   * Whether the producer holds a connection to a broker now. An idle producer still refreshes its
   * metadata every {@code metadata.max.age.ms} (5 min), within {@code connections.max.idle.ms} (9
   * min), so a reachable cluster keeps it connected; a lost cluster drops the count to 0.
   */
  @Override
  public boolean connected() {
    for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
      MetricName name = e.getKey();
      if (name.name().equals("connection-count")
          && name.group().equals("producer-metrics")
          && e.getValue().metricValue() instanceof Number n
          && n.doubleValue() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Connects the producer now (it would otherwise wait for the first item), so readiness is true
   * from the start.
   *
   * @throws PublishException when the topic's metadata cannot be fetched in time
   */
  public void connect() {
    try {
      producer.partitionsFor(topic);
    } catch (KafkaException e) {
      throw failure("the producer", "cannot reach the cluster: " + e.getMessage(), e);
    }
  }

  /** Publishes the producer's metrics ({@code kafka_producer_*}) in {@code metrics}. */
  public void bindMetrics(ServiceMetrics metrics) {
    metrics.bind(producer);
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
      throw failure("item " + id, "interrupted while waiting for the broker", e);
    } catch (ExecutionException e) {
      throw failure("item " + id, String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      throw failure("item " + id, "no acknowledgement within " + timeout, e);
    } catch (KafkaException | IllegalStateException e) {
      // send() itself fails for serialization (e.g. registry down) and metadata timeouts.
      throw failure("item " + id, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public List<PublishReceipt> publishAll(List<NewsItem> items) {
    if (transactionalFactory == null) {
      return ItemPublisher.super.publishAll(items);
    }
    if (items.isEmpty()) {
      return List.of();
    }
    String what = items.size() + " items (" + items.get(0).getId() + ", ...)";
    synchronized (transactionLock) {
      Producer<String, NewsItem> tx;
      try {
        tx = transactional();
      } catch (KafkaException | IllegalStateException e) {
        throw failure(what, "cannot start a transaction: " + e.getMessage(), e);
      }
      try {
        tx.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (NewsItem item : items) {
          sent.add(tx.send(new ProducerRecord<>(topic, item.getId(), item)));
        }
        tx.commitTransaction();
        List<PublishReceipt> receipts = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
          // Complete once the commit returned: a failed send fails the commit.
          RecordMetadata metadata = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          receipts.add(
              new PublishReceipt(metadata.topic(), metadata.partition(), metadata.offset()));
        }
        LOG.info("Published {} items to {} in one transaction", items.size(), topic);
        return receipts;
      } catch (KafkaException | IllegalStateException e) {
        abort(tx);
        throw failure(what, String.valueOf(e.getMessage()), e);
      } catch (ExecutionException e) {
        abort(tx);
        throw failure(what, String.valueOf(e.getCause().getMessage()), e.getCause());
      } catch (TimeoutException e) {
        throw failure(what, "no acknowledgement within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort(tx);
        throw failure(what, "interrupted while waiting for the broker", e);
      }
    }
  }

  private Producer<String, NewsItem> transactional() {
    if (transactional == null) {
      Producer<String, NewsItem> created = transactionalFactory.get();
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      transactional = created;
    }
    return transactional;
  }

  /** Aborts; a producer that cannot abort (fenced, fatal error) is dropped and made anew. */
  private void abort(Producer<String, NewsItem> tx) {
    try {
      tx.abortTransaction();
    } catch (KafkaException | IllegalStateException e) {
      LOG.warn("Dropping the transactional producer after a fatal error: {}", e.toString());
      tx.close(Duration.ZERO);
      transactional = null;
    }
  }

  /**
   * @param what "item ID" or "N items (...)"
   */
  private PublishException failure(String what, String reason, Throwable cause) {
    LOG.warn("Could not publish {} to {}: {}", what, topic, reason, cause);
    return new PublishException(
        "Could not publish " + what + " to topic " + topic + ": " + reason, cause);
  }

  /** Sends what is pending (waiting at most the publish timeout), then closes the producers. */
  @Override
  public void close() {
    producer.close(timeout);
    synchronized (transactionLock) {
      if (transactional != null) {
        transactional.close(timeout);
        transactional = null;
      }
    }
  }
}
