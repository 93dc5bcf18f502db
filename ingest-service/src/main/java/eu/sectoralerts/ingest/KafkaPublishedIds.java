package eu.sectoralerts.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PublishedIds} read from the items topic itself: a consumer without a group reads every
 * partition's keys from the beginning ({@code read_committed}, so an aborted briefing import does
 * not count), {@link #start} returns once it has caught up with the end offsets of that moment, and
 * a background thread then follows new records, including those other instances publish. The ids
 * are held in memory (some tens of bytes each). Partitions added to the topic after start are not
 * followed until the next start.
 */
public final class KafkaPublishedIds implements PublishedIds {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublishedIds.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Set<String> onTopic = ConcurrentHashMap.newKeySet();
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  private final Consumer<String, byte[]> consumer;
  private final Thread follower;
  private volatile boolean running = true;

  private KafkaPublishedIds(Consumer<String, byte[]> consumer) {
    this.consumer = consumer;
    this.follower = new Thread(this::follow, "ingest-published-ids");
    this.follower.setDaemon(true);
  }

  /**
   * Reads the ids on {@code topic} and starts following it.
   *
   * @throws IllegalStateException when the topic cannot be read up to its end within {@code
   *     timeout}
   */
  public static KafkaPublishedIds start(String bootstrapServers, String topic, Duration timeout) {
    return start(
        new KafkaConsumer<>(
            consumerConfig(bootstrapServers),
            new StringDeserializer(),
            new ByteArrayDeserializer()),
        topic,
        timeout);
  }

  /** The same on a caller-built consumer, which this index then owns and closes. */
  static KafkaPublishedIds start(
      Consumer<String, byte[]> consumer, String topic, Duration timeout) {
    KafkaPublishedIds ids = new KafkaPublishedIds(consumer);
    try {
      long started = System.nanoTime();
      ids.catchUp(topic, timeout);
      LOG.info(
          "Read {} item ids already on {} in {} ms",
          ids.onTopic.size(),
          topic,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e instanceof IllegalStateException
          ? e
          : new IllegalStateException(
              "Could not read the item ids already on topic " + topic + ": " + e.getMessage(), e);
    }
    ids.follower.start();
    return ids;
  }

  static Map<String, Object> consumerConfig(String bootstrapServers) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-published-ids",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
  }

  private void catchUp(String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "Topic " + topic + " has no partitions to read item ids from");
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Could not read the item ids on topic " + topic + " within " + timeout);
      }
      add(consumer.poll(POLL));
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void follow() {
    try {
      while (running) {
        try {
          add(consumer.poll(POLL));
        } catch (WakeupException e) {
          // close() asks the thread to stop
        } catch (KafkaException e) {
          // The index lags while the cluster is away; publishing itself reports the outage.
          LOG.warn(
              "Following the items topic for published ids failed, retrying: {}", e.toString());
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void add(Iterable<ConsumerRecord<String, byte[]>> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.key() != null) {
        onTopic.add(record.key());
      }
    }
  }

  @Override
  public boolean claim(String id) {
    return !onTopic.contains(id) && claimed.add(id);
  }

  @Override
  public void release(String id) {
    claimed.remove(id);
  }

  /** Whether an id has been read from the topic; for tests. */
  boolean seenOnTopic(String id) {
    return onTopic.contains(id);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      follower.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
