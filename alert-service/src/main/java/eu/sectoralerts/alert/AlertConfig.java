package eu.sectoralerts.alert;

import eu.sectoralerts.common.ConfigSource;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.StreamsDefaults;
import eu.sectoralerts.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The alert service's configuration, loaded once by {@link #load} from flags, environment, an
 * optional properties file and defaults (in that order of priority, see {@link ConfigSource}).
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}, default {@code localhost:9092}
 * @param schemaRegistryUrl {@code schema.registry.url}, default {@code http://localhost:8081}
 * @param applicationId {@code application.id}, default {@code sector-alerts-alert}
 * @param stateDir {@code state.dir}, default {@code <java.io.tmpdir>/sector-alerts/alert}
 * @param httpHost {@code http.host}, default {@code 0.0.0.0}
 * @param httpPort {@code http.port}, default 7071; 0 picks a free port
 * @param topics the {@code topics.*} names
 * @param partitions {@code topics.partitions} of the topics this service creates, default 3
 * @param replicationFactor {@code topics.replication.factor}, default 1
 * @param commitIntervalMs {@code commit.interval.ms}, default 100
 * @param streamsOverrides every {@code streams.*} key, prefix removed, passed to Kafka Streams last
 * @param adminKeys {@code admin.keys}: SHA-256 hex digests of the operators' keys, comma-separated
 *     (operators create subscribers); none: the service refuses to start
 * @param maxWatchlistsPerSubscriber {@code watchlists.max-per-subscriber}, default 1000
 * @param webhookGroupId {@code webhooks.group.id}, default {@code <application.id>-webhooks}
 * @param webhooks {@code webhooks.timeout} (10s), {@code webhooks.retry.initial} (5s), {@code
 *     webhooks.retry.max} (1h), {@code webhooks.give-up-after} (24h), {@code
 *     webhooks.max-in-flight} (64), {@code webhooks.max-in-flight-per-endpoint} (4), {@code
 *     webhooks.allow-http} (false), {@code webhooks.allow-private-addresses} (false; both only for
 *     development)
 * @param applicationServer {@code application.server}, {@code host:port} at which the other
 *     instances reach this one's HTTP API (env {@code APPLICATION_SERVER}); empty: none, every
 *     inbox query is answered here. Set it when several instances share the application id: each
 *     answers inbox requests for the subscribers whose alerts partition it hosts and forwards the
 *     others to the instance that does
 * @param standbyReplicas {@code num.standby.replicas}, default 1: warm copies of each inbox and
 *     de-duplication store on another instance, which takes over at once when one stops
 * @param streamThreads {@code num.stream.threads}, default 2: with exactly-once, a thread waits for
 *     the broker at each commit, and a second one matches meanwhile
 */
public record AlertConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String applicationId,
    Path stateDir,
    String httpHost,
    int httpPort,
    PipelineTopics topics,
    int partitions,
    short replicationFactor,
    long commitIntervalMs,
    Map<String, String> streamsOverrides,
    KeyDigests adminKeys,
    int maxWatchlistsPerSubscriber,
    String webhookGroupId,
    WebhookSettings webhooks,
    Optional<String> applicationServer,
    int standbyReplicas,
    int streamThreads) {

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";
  public static final String DEFAULT_APPLICATION_ID = "sector-alerts-alert";
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 7071;
  public static final int DEFAULT_PARTITIONS = 3;
  public static final short DEFAULT_REPLICATION_FACTOR = 1;
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
  public static final int DEFAULT_MAX_WATCHLISTS_PER_SUBSCRIBER = 1000;
  public static final String ADMIN_KEYS = "admin.keys";
  public static final String APPLICATION_SERVER = "application.server";
  public static final String STANDBY_REPLICAS = "num.standby.replicas";
  public static final int DEFAULT_STANDBY_REPLICAS = 1;
  public static final String STREAM_THREADS = "num.stream.threads";
  public static final int DEFAULT_STREAM_THREADS = 1;

  public AlertConfig {
    requireText(bootstrapServers, "kafka.bootstrap.servers");
    requireText(schemaRegistryUrl, "schema.registry.url");
    requireText(applicationId, "application.id");
    requireText(httpHost, "http.host");
    Objects.requireNonNull(stateDir, "state.dir");
    Objects.requireNonNull(topics, "topics");
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigSource.ConfigException(
          "Config http.port must be between 0 and 65535, got " + httpPort);
    }
    if (partitions < 1) {
      throw new ConfigSource.ConfigException(
          "Config topics.partitions must be >= 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new ConfigSource.ConfigException(
          "Config topics.replication.factor must be >= 1, got " + replicationFactor);
    }
    if (commitIntervalMs < 0) {
      throw new ConfigSource.ConfigException(
          "Config commit.interval.ms must be >= 0, got " + commitIntervalMs);
    }
    streamsOverrides = Map.copyOf(streamsOverrides);
    Objects.requireNonNull(adminKeys, ADMIN_KEYS);
    requireText(webhookGroupId, "webhooks.group.id");
    Objects.requireNonNull(webhooks, "webhooks");
    if (maxWatchlistsPerSubscriber < 1) {
      throw new ConfigSource.ConfigException(
          "Config watchlists.max-per-subscriber must be >= 1, got " + maxWatchlistsPerSubscriber);
    }
    Objects.requireNonNull(applicationServer, APPLICATION_SERVER);
    applicationServer.ifPresent(AlertConfig::requireHostAndPort);
    if (standbyReplicas < 0) {
      throw new ConfigSource.ConfigException(
          "Config " + STANDBY_REPLICAS + " must be >= 0, got " + standbyReplicas);
    }
    if (streamThreads < 1) {
      throw new ConfigSource.ConfigException(
          "Config " + STREAM_THREADS + " must be >= 1, got " + streamThreads);
    }
  }

  private static void requireHostAndPort(String server) {
    int colon = server.lastIndexOf(':');
    boolean valid = colon > 0 && colon < server.length() - 1;
    if (valid) {
      try {
        int port = Integer.parseInt(server.substring(colon + 1));
        valid = port > 0 && port <= 65535;
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw new ConfigSource.ConfigException(
          "Config " + APPLICATION_SERVER + " must be host:port, got '" + server + "'");
    }
  }

  /**
   * Loads the configuration.
   *
   * @param overrides highest priority, e.g. parsed command-line flags
   * @param env the process environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code HTTP_PORT}, ...)
   * @param file an optional properties file
   * @throws ConfigSource.ConfigException naming the key when a value is malformed
   */
  public static AlertConfig load(
      Map<String, String> overrides, Map<String, String> env, Optional<Path> file) {
    ConfigSource source = ConfigSource.of(overrides, env, file);
    int replication = source.getInt("topics.replication.factor", DEFAULT_REPLICATION_FACTOR);
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new ConfigSource.ConfigException(
          "Config topics.replication.factor must be between 1 and "
              + Short.MAX_VALUE
              + ", got "
              + replication);
    }
    String applicationId = source.getString("application.id", DEFAULT_APPLICATION_ID);
    WebhookSettings defaults = WebhookSettings.defaults();
    WebhookSettings webhooks;
    KeyDigests adminKeys;
    try {
      adminKeys =
          source
              .get(ADMIN_KEYS)
              .map(v -> KeyDigests.parse(ADMIN_KEYS, v))
              .orElse(KeyDigests.none());
      webhooks =
          new WebhookSettings(
              source.getDuration("webhooks.timeout", defaults.requestTimeout()),
              source.getDuration("webhooks.retry.initial", defaults.initialBackoff()),
              source.getDuration("webhooks.retry.max", defaults.maxBackoff()),
              source.getDuration("webhooks.give-up-after", defaults.giveUpAfter()),
              source.getInt("webhooks.max-in-flight", defaults.maxInFlight()),
              source.getInt(
                  "webhooks.max-in-flight-per-endpoint", defaults.maxInFlightPerEndpoint()),
              source.getBoolean("webhooks.allow-http", defaults.allowHttp()),
              source.getBoolean(
                  "webhooks.allow-private-addresses", defaults.allowPrivateAddresses()));
    } catch (IllegalArgumentException e) {
      throw new ConfigSource.ConfigException("Config " + e.getMessage());
    }
    return new AlertConfig(
        source.getString("kafka.bootstrap.servers", DEFAULT_BOOTSTRAP_SERVERS),
        source.getString("schema.registry.url", DEFAULT_SCHEMA_REGISTRY_URL),
        applicationId,
        source.get("state.dir").map(Path::of).orElseGet(AlertConfig::defaultStateDir),
        source.getString("http.host", DEFAULT_HTTP_HOST),
        source.getInt("http.port", DEFAULT_HTTP_PORT),
        PipelineTopics.from(source),
        source.getInt("topics.partitions", DEFAULT_PARTITIONS),
        (short) replication,
        source.getLong("commit.interval.ms", DEFAULT_COMMIT_INTERVAL_MS),
        source.withPrefix("streams."),
        adminKeys,
        source.getInt("watchlists.max-per-subscriber", DEFAULT_MAX_WATCHLISTS_PER_SUBSCRIBER),
        source.getString("webhooks.group.id", applicationId + "-webhooks"),
        webhooks,
        source.get(APPLICATION_SERVER).filter(s -> !s.isBlank()).map(String::strip),
        source.getInt(STANDBY_REPLICAS, DEFAULT_STANDBY_REPLICAS),
        source.getInt(STREAM_THREADS, DEFAULT_STREAM_THREADS));
  }

  /** {@code <java.io.tmpdir>/sector-alerts/alert}. */
  public static Path defaultStateDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "sector-alerts", "alert");
  }

  /**
   * The Kafka Streams properties: the shared core of {@link StreamsDefaults} (exactly-once v2, this
   * config's ids and directories, the processing and production handlers) and this service's
   * deserialization handler. The topology turns bad input into dead letters itself, so the handlers
   * only see what it cannot: deserialization (sources read bytes; should it happen anyway, log and
   * go on), processing (an unexpected failure is a fault, not bad data: fail, so the transaction
   * aborts and the replaced thread retries), production (fail rather than lose an alert); the
   * standby replicas, the stream threads and {@code application.server}. {@code streams.*}
   * overrides are applied last and win.
   */
  public Properties toStreamsProperties() {
    Properties props =
        StreamsDefaults.properties(
            applicationId, bootstrapServers, stateDir, commitIntervalMs, replicationFactor);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
    applicationServer.ifPresent(s -> props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s));
    props.putAll(streamsOverrides);
    return props;
  }

  private static void requireText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new ConfigSource.ConfigException("Config " + key + " must not be blank");
    }
  }
}
