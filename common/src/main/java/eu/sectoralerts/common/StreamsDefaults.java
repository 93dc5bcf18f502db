package eu.sectoralerts.common;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

/**
 * The Kafka Streams settings every sector-alerts topology shares; a service adds what is its own
 * (threads, its deserialization handler) and then its {@code streams.*} overrides, last.
 *
 * <p>The topologies dead-letter the records they cannot read or process themselves, so what still
 * reaches Kafka's handlers is a fault, not bad data. Processing: {@link
 * LogAndFailProcessingExceptionHandler}, so the transaction aborts and the replaced stream thread
 * retries the record; exactly-once makes the retry count once. Production: {@link
 * DefaultProductionExceptionHandler} fails rather than lose an output record.
 *
 * <p>The producers compress ({@value #COMPRESSION}) in batches of up to {@value #BATCH_BYTES}
 * bytes: one item's alerts, about 32 in the bench, each carry the whole item, and Kafka's default
 * batches of 16 KB held five of them uncompressed. Compressed in large batches, the alerts topic
 * and the inbox changelog took an eighth of the bytes, and the bench's whole pipeline half the CPU
 * at 200 items/s; the plain keys let a service's {@code streams.*} overrides replace them.
 */
public final class StreamsDefaults {

  /** The producers' compression codec: fast, and most of an alert batch is the same item. */
  static final String COMPRESSION = "lz4";

  /** The producers' batch size: room for all the alerts of an item to compress together. */
  static final int BATCH_BYTES = 256 * 1024;

  private StreamsDefaults() {}

  /**
   * A new {@link Properties} with: the application id, bootstrap servers and state directory;
   * {@code processing.guarantee=exactly_once_v2}; the commit interval (with exactly-once, the
   * output latency); the replication factor of internal topics; the processing and production
   * exception handlers; the producers' compression and batch size.
   *
   * <p>Not here: {@code ensure.explicit.internal.resource.naming}. Kafka 4.1 checks it only in a
   * {@code StreamsBuilder} built with a {@code TopologyConfig}; handed to {@code KafkaStreams} it
   * is recorded, not checked. Each topology's tests assert instead that nothing is auto-named.
   *
   * @throws IllegalArgumentException for a blank id or servers, a replication factor below 1 or a
   *     negative commit interval
   */
  public static Properties properties(
      String applicationId,
      String bootstrapServers,
      Path stateDir,
      long commitIntervalMs,
      short replicationFactor) {
    requireText(applicationId, "applicationId");
    requireText(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(stateDir, "stateDir");
    if (commitIntervalMs < 0) {
      throw new IllegalArgumentException(
          "commitIntervalMs must not be negative, got " + commitIntervalMs);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be at least 1, got " + replicationFactor);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndFailProcessingExceptionHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DefaultProductionExceptionHandler.class.getName());
    // Plain keys, which Streams hands to its producers: a producer-prefixed default would beat a
    // plain override.
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(BATCH_BYTES));
    return props;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
