package eu.sectoralerts.enrich;

import eu.sectoralerts.common.ConfigSource;
import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.StreamsDefaults;
import eu.sectoralerts.common.TopicSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;

/**
 * Configuration of enrich-streams, loaded by {@link #load} from flags, environment, a properties
 * file and defaults (architecture.md, "Config"). Keys: {@code kafka.bootstrap.servers}, {@code
 * schema.registry.url}, {@code application.id}, {@code state.dir}, the {@code topics.*} names of
 * {@link PipelineTopics}, {@code topics.partitions}, {@code topics.replication.factor}, {@code
 * commit.interval.ms}, {@code num.stream.threads}, {@code taxonomy.path} (a taxonomy file to tag
 * with instead of the one shipped in the jar), {@code http.host} and {@code http.port} (the health
 * and metrics endpoints), and any {@code streams.<kafka-streams-key>}, passed to Kafka Streams as
 * it is (after, so over, the settings derived here).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry URL ({@code http(s)://} or {@code mock://scope})
 * @param applicationId Kafka Streams application id; also the {@code service} of dead letters
 * @param stateDir Kafka Streams state directory
 * @param topics topic names
 * @param partitions partitions of the topics this service creates
 * @param replicationFactor replication of the topics it creates and of internal topics
 * @param commitIntervalMs Kafka Streams commit interval (with exactly-once, the output latency)
 * @param numStreamThreads stream threads
 * @param streamsOverrides extra Kafka Streams properties ({@code streams.} prefix removed)
 * @param taxonomyPath the taxonomy file; empty for the one shipped with enrich-streams
 * @param httpHost where the health and metrics endpoints listen, default {@code 0.0.0.0}
 * @param httpPort their port, default 0: any free port (logged), so several instances and the
 *     embedded pipeline never collide; deployments set one (the compose file: 7072)
 */
public record EnrichConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String applicationId,
    Path stateDir,
    PipelineTopics topics,
    int partitions,
    short replicationFactor,
    long commitIntervalMs,
    int numStreamThreads,
    Map<String, String> streamsOverrides,
    Optional<Path> taxonomyPath,
    String httpHost,
    int httpPort) {

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";
  public static final String DEFAULT_APPLICATION_ID = "sector-alerts-enrich";
  public static final int DEFAULT_PARTITIONS = 3;
  public static final short DEFAULT_REPLICATION_FACTOR = 1;
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
  public static final int DEFAULT_NUM_STREAM_THREADS = 1;
  public static final String STREAMS_PREFIX = "streams.";
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 0;

  public EnrichConfig {
    requireText(bootstrapServers, "kafka.bootstrap.servers");
    requireText(schemaRegistryUrl, "schema.registry.url");
    requireText(applicationId, "application.id");
    Objects.requireNonNull(stateDir, "state.dir");
    Objects.requireNonNull(topics, "topics");
    if (partitions < 1) {
      throw new ConfigException("topics.partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new ConfigException(
          "topics.replication.factor must be at least 1, got " + replicationFactor);
    }
    if (commitIntervalMs < 0) {
      throw new ConfigException("commit.interval.ms must not be negative, got " + commitIntervalMs);
    }
    if (numStreamThreads < 1) {
      throw new ConfigException("num.stream.threads must be at least 1, got " + numStreamThreads);
    }
    streamsOverrides = Map.copyOf(streamsOverrides);
    Objects.requireNonNull(taxonomyPath, "taxonomy.path");
    requireText(httpHost, "http.host");
    if (httpPort < 0 || httpPort > 65_535) {
      throw new ConfigException("http.port must be between 0 and 65535, got " + httpPort);
    }
  }

  /** The default state directory: {@code <java.io.tmpdir>/sector-alerts/enrich}. */
  public static Path defaultStateDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "sector-alerts", "enrich");
  }

  /**
   * Loads the configuration.
   *
   * @param overrides highest priority, e.g. parsed command-line flags, keyed like the file
   * @param env the process environment ({@code KAFKA_BOOTSTRAP_SERVERS} for {@code
   *     kafka.bootstrap.servers}, ...)
   * @param file an optional properties file
   * @throws ConfigException naming the key when a value is missing or malformed
   */
  public static EnrichConfig load(
      Map<String, String> overrides, Map<String, String> env, Optional<Path> file) {
    ConfigSource source = ConfigSource.of(overrides, env, file);
    int replication = source.getInt("topics.replication.factor", DEFAULT_REPLICATION_FACTOR);
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new ConfigException(
          "topics.replication.factor must be between 1 and " + Short.MAX_VALUE);
    }
    return new EnrichConfig(
        source.getString("kafka.bootstrap.servers", DEFAULT_BOOTSTRAP_SERVERS),
        source.getString("schema.registry.url", DEFAULT_SCHEMA_REGISTRY_URL),
        source.getString("application.id", DEFAULT_APPLICATION_ID),
        source.get("state.dir").map(Path::of).orElseGet(EnrichConfig::defaultStateDir),
        PipelineTopics.from(source),
        source.getInt("topics.partitions", DEFAULT_PARTITIONS),
        (short) replication,
        source.getLong("commit.interval.ms", DEFAULT_COMMIT_INTERVAL_MS),
        source.getInt("num.stream.threads", DEFAULT_NUM_STREAM_THREADS),
        source.withPrefix(STREAMS_PREFIX),
        source.get("taxonomy.path").filter(p -> !p.isBlank()).map(Path::of),
        source.getString("http.host", DEFAULT_HTTP_HOST),
        source.getInt("http.port", DEFAULT_HTTP_PORT));
  }

  /** The topics this service reads and writes, as it creates them. */
  public List<TopicSpec> topicSpecs() {
    Set<String> used = Set.of(topics.items(), topics.tagged(), topics.enrichDeadLetters());
    return topics.specs(partitions, replicationFactor).stream()
        .filter(spec -> used.contains(spec.name()))
        .toList();
  }

  /**
   * The Kafka Streams configuration: the shared core of {@link StreamsDefaults} (exactly-once v2,
   * internal topics replicated like ours, failing processing and production handlers), this
   * service's stream threads, and a deserialization handler that fails rather than skips. Records
   * that cannot be read or tagged never reach these handlers (the topology dead-letters them), so
   * what does is a bug or an outage; failing hands it to the uncaught-exception handler, which
   * replaces the thread on transient errors, and exactly-once makes the retried records count once.
   * The {@code streams.*} overrides come last and win.
   */
  public Properties toStreamsProperties() {
    Properties props =
        StreamsDefaults.properties(
            applicationId, bootstrapServers, stateDir, commitIntervalMs, replicationFactor);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(numStreamThreads));
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndFailExceptionHandler.class.getName());
    props.putAll(streamsOverrides);
    return props;
  }

  private static void requireText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key + " must not be blank");
    }
  }
}
