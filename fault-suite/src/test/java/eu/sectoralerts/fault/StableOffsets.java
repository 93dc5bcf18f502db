package eu.sectoralerts.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic's high watermarks next to its last stable offsets: while a transaction is open on a
 * partition, {@code read_committed} consumers cannot read past its first record, however much was
 * committed after it. Calls take turns (a consumer is not for several threads at once): the crash
 * case reads the marks at a kill while another thread still watches the previous kill's.
 */
final class StableOffsets implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> committed;
  private final KafkaConsumer<byte[], byte[]> uncommitted;

  StableOffsets(String bootstrapServers) {
    committed = consumer(bootstrapServers, "read_committed");
    uncommitted = consumer(bootstrapServers, "read_uncommitted");
  }

  /** High watermarks (everything written, open transactions included). */
  synchronized Map<TopicPartition, Long> written(String topic) {
    return uncommitted.endOffsets(partitions(topic), Duration.ofSeconds(30));
  }

  /** Last stable offsets (what {@code read_committed} consumers can reach). */
  synchronized Map<TopicPartition, Long> stable(String topic) {
    return committed.endOffsets(partitions(topic), Duration.ofSeconds(30));
  }

  /** Whether {@code read_committed} consumers can read everything up to {@code marks}. */
  boolean stableUpTo(String topic, Map<TopicPartition, Long> marks) {
    Map<TopicPartition, Long> stable = stable(topic);
    return marks.entrySet().stream()
        .allMatch(e -> stable.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  /** Whether no transaction is open on the topic. */
  boolean settled(String topic) {
    return stableUpTo(topic, written(topic));
  }

  private synchronized List<TopicPartition> partitions(String topic) {
    return committed.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public synchronized void close() {
    committed.close();
    uncommitted.close();
  }
}
