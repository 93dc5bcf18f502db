package eu.sectoralerts.ingest;

import eu.sectoralerts.common.ConfigSource;
import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of ingest-service, loaded by {@link #load} from flags, environment, a properties
 * file and defaults (in that order of priority). Every value is checked here, so a running service
 * never meets a nonsensical setting; an invalid value is a {@link ConfigException} naming its key.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}, default {@code localhost:9092}
 * @param schemaRegistryUrl {@code schema.registry.url}, default {@code http://localhost:8081}
 * @param httpHost {@code http.host}, default {@code 0.0.0.0}
 * @param httpPort {@code http.port}, default 7070; 0 picks a free port
 * @param maxBodyBytes {@code max.body.bytes}, default 65536: larger item requests answer 413
 * @param maxBriefingBytes {@code max.briefing.bytes}, default 1 MiB: larger briefings answer 413
 * @param analystKeys {@code analyst.keys}: SHA-256 hex digests of the accepted analyst keys,
 *     comma-separated; none by default, and the service refuses to start without one
 * @param topics the {@code topics.*} names
 * @param topicPartitions {@code topics.partitions}, default 3, used when creating topics
 * @param topicReplicationFactor {@code topics.replication.factor}, default 1
 * @param publishTimeout {@code publish.timeout}, default 10 s: how long a request waits for the
 *     broker's acknowledgement before answering 503
 * @param startupTimeout {@code startup.timeout}, default 30 s: how long start waits for the cluster
 *     when creating topics
 */
public record IngestConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String httpHost,
    int httpPort,
    int maxBodyBytes,
    int maxBriefingBytes,
    KeyDigests analystKeys,
    PipelineTopics topics,
    int topicPartitions,
    short topicReplicationFactor,
    Duration publishTimeout,
    Duration startupTimeout) {

  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String MAX_BODY_BYTES = "max.body.bytes";
  public static final String MAX_BRIEFING_BYTES = "max.briefing.bytes";
  public static final String ANALYST_KEYS = "analyst.keys";
  public static final String TOPIC_PARTITIONS = "topics.partitions";
  public static final String TOPIC_REPLICATION_FACTOR = "topics.replication.factor";
  public static final String PUBLISH_TIMEOUT = "publish.timeout";
  public static final String STARTUP_TIMEOUT = "startup.timeout";

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 7070;
  public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
  public static final int DEFAULT_MAX_BRIEFING_BYTES = 1_048_576;
  public static final int DEFAULT_TOPIC_PARTITIONS = 3;
  public static final int DEFAULT_TOPIC_REPLICATION_FACTOR = 1;
  public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

  public IngestConfig {
    requireText(BOOTSTRAP_SERVERS, bootstrapServers);
    requireText(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    requireText(HTTP_HOST, httpHost);
    Objects.requireNonNull(topics, "topics");
    requireText("topics.items", topics.items());
    Objects.requireNonNull(publishTimeout, PUBLISH_TIMEOUT);
    Objects.requireNonNull(startupTimeout, STARTUP_TIMEOUT);
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException(
          HTTP_PORT + " must be between 0 and 65535, got " + httpPort);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException(MAX_BODY_BYTES + " must be positive, got " + maxBodyBytes);
    }
    if (maxBriefingBytes < 1) {
      throw new IllegalArgumentException(
          MAX_BRIEFING_BYTES + " must be positive, got " + maxBriefingBytes);
    }
    Objects.requireNonNull(analystKeys, ANALYST_KEYS);
    if (topicPartitions < 1) {
      throw new IllegalArgumentException(
          TOPIC_PARTITIONS + " must be at least 1, got " + topicPartitions);
    }
    if (topicReplicationFactor < 1) {
      throw new IllegalArgumentException(
          TOPIC_REPLICATION_FACTOR + " must be at least 1, got " + topicReplicationFactor);
    }
    requirePositive(PUBLISH_TIMEOUT, publishTimeout);
    requirePositive(STARTUP_TIMEOUT, startupTimeout);
  }

  /**
   * Loads the configuration.
   *
   * @param overrides highest priority, e.g. command-line flags, keyed like the file
   * @param env the process environment ({@code kafka.bootstrap.servers} is read from {@code
   *     KAFKA_BOOTSTRAP_SERVERS}, and so on)
   * @param file an optional properties file
   * @throws ConfigException when a value is malformed or out of range; the message names the key
   */
  public static IngestConfig load(
      Map<String, String> overrides, Map<String, String> env, Optional<Path> file) {
    ConfigSource source = ConfigSource.of(overrides, env, file);
    int replication = source.getInt(TOPIC_REPLICATION_FACTOR, DEFAULT_TOPIC_REPLICATION_FACTOR);
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new ConfigException(
          "Config "
              + TOPIC_REPLICATION_FACTOR
              + " must be between 1 and "
              + Short.MAX_VALUE
              + ", got "
              + replication);
    }
    try {
      return new IngestConfig(
          source.getString(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS),
          source.getString(SCHEMA_REGISTRY_URL, DEFAULT_SCHEMA_REGISTRY_URL),
          source.getString(HTTP_HOST, DEFAULT_HTTP_HOST),
          source.getInt(HTTP_PORT, DEFAULT_HTTP_PORT),
          source.getInt(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
          source.getInt(MAX_BRIEFING_BYTES, DEFAULT_MAX_BRIEFING_BYTES),
          source
              .get(ANALYST_KEYS)
              .map(v -> KeyDigests.parse(ANALYST_KEYS, v))
              .orElse(KeyDigests.none()),
          PipelineTopics.from(source),
          source.getInt(TOPIC_PARTITIONS, DEFAULT_TOPIC_PARTITIONS),
          (short) replication,
          source.getDuration(PUBLISH_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT),
          source.getDuration(STARTUP_TIMEOUT, DEFAULT_STARTUP_TIMEOUT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Config " + e.getMessage());
    }
  }

  /** The defaults, as if no flag, environment variable or file set anything. */
  public static IngestConfig defaults() {
    return load(Map.of(), Map.of(), Optional.empty());
  }

  private static void requireText(String key, String value) {
    Objects.requireNonNull(value, key);
    if (value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank");
    }
  }

  private static void requirePositive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }
}
