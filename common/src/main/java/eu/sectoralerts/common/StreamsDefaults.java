package eu.sectoralerts.common;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
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
 */
public final class StreamsDefaults {

  private StreamsDefaults() {}

  /**
   * A new {@link Properties} with: the application id, bootstrap servers and state directory;
   * {@code processing.guarantee=exactly_once_v2}; the commit interval (with exactly-once, the
   * output latency); the replication factor of internal topics; the processing and production
   * exception handlers.
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
    return props;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
