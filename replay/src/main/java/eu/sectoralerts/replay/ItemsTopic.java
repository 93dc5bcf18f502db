package eu.sectoralerts.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reading the items topic for a replay: the consumer settings both the replay and the baseline use
 * (read_committed, no group, so nothing is committed and no group appears on the cluster) and the
 * offsets a time range covers.
 */
final class ItemsTopic {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_POLL_RECORDS = 2000;

  private ItemsTopic() {}

  /**
   * The planned offsets and an estimate of the offsets up to the range's end.
   *
   * @param ranges per partition, from the range's start to the end captured now
   */
  record Planned(List<PartitionRange> ranges, long estimate) {}

  /** A byte-array consumer for {@code request}'s cluster, without a group. */
  static KafkaConsumer<byte[], byte[]> consumer(ReplayRequest request, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, request.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    config.putAll(request.clientConfig());
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * The offsets of each partition that {@code range} may cover, as {@link OffsetPlan} decides from
   * the broker's answers.
   *
   * @throws ReplayException when the topic does not exist or the cluster does not answer
   */
  static Planned plan(Consumer<?, ?> consumer, String topic, TimeRange range) {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new ReplayException("The items topic '" + topic + "' does not exist");
      }
      // Assigned, so a read_committed consumer keeps the last stable offsets it is told.
      consumer.assign(partitions);
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      Map<TopicPartition, OffsetAndTimestamp> from =
          consumer.offsetsForTimes(at(partitions, range.from().toEpochMilli()), TIMEOUT);
      Map<TopicPartition, OffsetAndTimestamp> to =
          consumer.offsetsForTimes(at(partitions, range.to().toEpochMilli()), TIMEOUT);
      List<PartitionRange> ranges =
          OffsetPlan.plan(
              byPartition(from, o -> o == null ? null : o.offset()),
              byPartition(beginning, o -> o),
              byPartition(end, o -> o));
      return new Planned(
          ranges, OffsetPlan.estimate(ranges, byPartition(to, o -> o == null ? null : o.offset())));
    } catch (KafkaException e) {
      throw new ReplayException(
          "Cannot read the offsets of topic '" + topic + "': " + e.getMessage(), e);
    }
  }

  private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, long timestamp) {
    return partitions.stream().collect(Collectors.toMap(p -> p, p -> timestamp));
  }

  private static <V> Map<Integer, Long> byPartition(
      Map<TopicPartition, V> answer, Function<V, Long> offset) {
    // Not Collectors.toMap: it refuses null values, and "no such record" is one.
    Map<Integer, Long> result = new HashMap<>();
    answer.forEach((tp, value) -> result.put(tp.partition(), offset.apply(value)));
    return result;
  }
}
