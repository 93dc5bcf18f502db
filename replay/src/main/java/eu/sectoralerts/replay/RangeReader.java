package eu.sectoralerts.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the records of a time range from planned offsets, the same way for the replay and for the
 * baseline: each partition from its planned start until its first record whose timestamp is at or
 * after the range's end, or its planned (captured) end. Every record before that is handed on,
 * including those whose timestamp lies before the range's start (producer timestamps need not grow
 * with offsets); the handler decides what to do with them.
 */
final class RangeReader {

  /**
   * What one read gave: the offsets actually covered, the records and bytes handed on, and whether
   * every partition was read to its end (false when stopped early).
   */
  record Read(
      List<PartitionRange> ranges, long records, long bytes, long nanos, boolean finished) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final long toMillis;

  RangeReader(KafkaConsumer<byte[], byte[]> consumer, String topic, TimeRange range) {
    this.consumer = consumer;
    this.topic = topic;
    this.toMillis = range.to().toEpochMilli();
  }

  /**
   * Reads {@code plan}, handing each record of the range to {@code handler}; after each poll {@code
   * afterPoll} runs on this thread. Stops early once {@code stopped} says so. Timed from assigning
   * the partitions to the last record.
   */
  Read read(
      List<PartitionRange> plan,
      BooleanSupplier stopped,
      Consumer<ConsumerRecord<byte[], byte[]>> handler,
      Runnable afterPoll) {
    long started = System.nanoTime();
    Map<TopicPartition, Long> limits = new HashMap<>();
    Map<Integer, Long> ends = new HashMap<>();
    for (PartitionRange range : plan) {
      ends.put(range.partition(), range.end());
      if (!range.isEmpty()) {
        limits.put(new TopicPartition(topic, range.partition()), range.end());
      }
    }
    consumer.assign(limits.keySet());
    limits.forEach((tp, end) -> consumer.seek(tp, startOf(plan, tp.partition())));
    long records = 0;
    long bytes = 0;
    while (!limits.isEmpty() && !stopped.getAsBoolean()) {
      ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Long limit = limits.get(tp);
        if (limit == null || record.offset() >= limit) {
          continue;
        }
        if (record.timestamp() >= toMillis) {
          // The range ends here in this partition.
          limits.put(tp, record.offset());
          ends.put(record.partition(), record.offset());
          continue;
        }
        records++;
        bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
        handler.accept(record);
      }
      finished(limits);
      afterPoll.run();
    }
    List<PartitionRange> ranges = new ArrayList<>();
    for (PartitionRange range : plan) {
      ranges.add(new PartitionRange(range.partition(), range.start(), ends.get(range.partition())));
    }
    return new Read(
        List.copyOf(ranges), records, bytes, System.nanoTime() - started, limits.isEmpty());
  }

  private static long startOf(List<PartitionRange> plan, int partition) {
    return plan.stream().filter(r -> r.partition() == partition).findFirst().orElseThrow().start();
  }

  /**
   * Drops and pauses the partitions whose position reached their limit. The position also moves
   * past transaction markers and aborted records, so a range ending in a marker finishes too.
   */
  private void finished(Map<TopicPartition, Long> limits) {
    List<TopicPartition> done =
        limits.entrySet().stream()
            .filter(e -> consumer.position(e.getKey()) >= e.getValue())
            .map(Map.Entry::getKey)
            .toList();
    if (!done.isEmpty()) {
      consumer.pause(done);
      done.forEach(limits::remove);
    }
  }
}
