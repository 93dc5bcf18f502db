package eu.sectoralerts.registry.server;

import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.common.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaStore} on a compacted single-partition Kafka topic, with records shaped like
 * Confluent's {@code _schemas} topic. It is written by one registry at a time: a write goes
 * synchronously to the topic (idempotent producer, {@code acks=all}) before the registry applies
 * it; reads go from the last position to the end of the topic ({@code read_committed}), at start
 * and before each write. A record it cannot decode is logged with its offset and skipped.
 */
public final class KafkaSchemaStore implements SchemaStore {

  /** Confluent's name for the topic. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);

  private final String topic;
  private final String bootstrapServers;
  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final StoreRecordCodec codec = new StoreRecordCodec();

  private KafkaSchemaStore(
      String bootstrapServers,
      String topic,
      Duration timeout,
      KafkaConsumer<byte[], byte[]> consumer,
      KafkaProducer<byte[], byte[]> producer) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    this.consumer = consumer;
    this.producer = producer;
  }

  /**
   * Creates the topic when missing ({@code cleanup.policy=compact}, one partition, replication 1)
   * and opens it from its beginning.
   *
   * @param timeout bound on each Kafka operation (topic creation, reading to the end, one write)
   * @throws IllegalStateException when the cluster cannot be reached or the topic has several
   *     partitions
   */
  public static KafkaSchemaStore open(String bootstrapServers, String topic, Duration timeout) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timeout, "timeout");
    TopicAdmin.ensureTopics(
        bootstrapServers, List.of(TopicSpec.compacted(topic, 1, (short) 1)), timeout);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerConfig(bootstrapServers, topic));
    KafkaProducer<byte[], byte[]> producer = null;
    try {
      // A topic created a moment ago may not be in every broker's metadata yet: it then shows no
      // partitions. Ask again until it does, within the timeout.
      long deadline = System.nanoTime() + timeout.toNanos();
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      while ((partitions == null || partitions.isEmpty()) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        partitions = consumer.partitionsFor(topic, timeout);
      }
      if (partitions == null || partitions.size() != 1) {
        throw new IllegalStateException(
            "Schema topic "
                + topic
                + " must have exactly one partition (so its order is the registry's order), has "
                + (partitions == null ? 0 : partitions.size()));
      }
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(Set.of(tp));
      consumer.seekToBeginning(Set.of(tp));
      producer = new KafkaProducer<>(producerConfig(bootstrapServers, topic, timeout));
      return new KafkaSchemaStore(bootstrapServers, topic, timeout, consumer, producer);
    } catch (RuntimeException e) {
      if (producer != null) {
        producer.close(Duration.ZERO);
      }
      consumer.close();
      throw e;
    }
  }

  /** The topic this store keeps its records in. */
  public String topic() {
    return topic;
  }

  @Override
  public void catchUp(Consumer<StoreRecord> sink) {
    try {
      long end = consumer.endOffsets(Set.of(partition), timeout).getOrDefault(partition, 0L);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() - deadline > 0) {
          throw new SchemaStoreException(
              "Could not read schema topic "
                  + topic
                  + " to its end (offset "
                  + end
                  + ") within "
                  + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          decode(record).ifPresent(sink);
        }
      }
    } catch (KafkaException e) {
      throw new SchemaStoreException(
          "Could not read schema topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private Optional<StoreRecord> decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return codec.decode(record.key(), record.value());
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "Skipping record at offset {} of schema topic {}: {}",
          record.offset(),
          topic,
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void append(StoreRecord record) {
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(topic, 0, codec.key(record), codec.value(record));
    try {
      // The producer gives up after delivery.timeout.ms, so this wait is bounded.
      producer.send(out).get();
    } catch (ExecutionException e) {
      throw new SchemaStoreException(
          "Could not write to schema topic " + topic + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (KafkaException e) {
      throw new SchemaStoreException(
          "Could not write to schema topic " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaStoreException("Interrupted while writing to schema topic " + topic, e);
    }
  }

  @Override
  public String describe() {
    return "topic " + topic + " at " + bootstrapServers;
  }

  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(5));
    } finally {
      consumer.close();
    }
  }

  private static Map<String, Object> consumerConfig(String bootstrapServers, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + topic);
    return config;
  }

  private static Map<String, Object> producerConfig(
      String bootstrapServers, String topic, Duration timeout) {
    int deliveryMs = (int) Math.max(timeout.toMillis(), 2_000);
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMs / 2);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer-" + topic);
    return config;
  }
}
