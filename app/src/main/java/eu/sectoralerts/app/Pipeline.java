package eu.sectoralerts.app;

import eu.sectoralerts.alert.AlertConfig;
import eu.sectoralerts.alert.AlertService;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.embedded.BrokerSettings;
import eu.sectoralerts.embedded.KafkaKraftBroker;
import eu.sectoralerts.enrich.EnrichConfig;
import eu.sectoralerts.enrich.EnrichService;
import eu.sectoralerts.ingest.IngestConfig;
import eu.sectoralerts.ingest.IngestService;
import eu.sectoralerts.registry.server.SchemaRegistryServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: an in-process broker (unless a cluster is given), the schema
 * registry, ingest-service, enrich-streams and alert-service, each the same code that runs alone in
 * production. Started in dependency order, stopped in reverse; a failure while starting stops what
 * had started and rethrows. ingest-service accepts the analyst key kept in {@code
 * <data-dir>/analyst.key} (made on first start), besides any key configured for it.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  static final String SCHEMAS_TOPIC = "_schemas";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private String bootstrapServers;
  private String registryUrl;
  private IngestService ingest;
  private EnrichService enrich;
  private AlertService alert;
  private String host;
  private Path analystKeyFile;
  private Path adminKeyFile;

  private Pipeline() {}

  /**
   * Starts everything and waits until both stream applications are running.
   *
   * @param progress receives one short line per step, for the operator's console
   */
  public static Pipeline start(PipelineSettings settings, Consumer<String> progress) {
    Pipeline pipeline = new Pipeline();
    try {
      pipeline.startAll(settings, progress);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  private void startAll(PipelineSettings settings, Consumer<String> progress) {
    host = settings.host();
    Optional<String> cluster = settings.bootstrapServers();
    if (cluster.isPresent()) {
      bootstrapServers = cluster.get();
      progress.accept("Using Kafka cluster at " + bootstrapServers);
    } else {
      progress.accept(
          "Starting Kafka broker (data in " + settings.dataDir().resolve("kafka") + ")");
      KafkaKraftBroker broker =
          KafkaKraftBroker.start(
              BrokerSettings.onFreePorts(settings.dataDir().resolve("kafka"))
                  .withPorts(settings.kafkaPort(), settings.controllerPort()));
      started.push(broker);
      bootstrapServers = broker.bootstrapServers();
    }

    if (settings.registryUrl().isPresent()) {
      registryUrl = settings.registryUrl().get();
      progress.accept("Using schema registry at " + registryUrl);
    } else {
      progress.accept("Starting schema registry");
      SchemaRegistryServer registry =
          SchemaRegistryServer.start(
              bootstrapServers, settings.host(), settings.registryPort(), SCHEMAS_TOPIC);
      started.push(registry);
      registryUrl = registry.url();
    }

    Map<String, String> common = new HashMap<>();
    settings.serviceOverrides().entrySet().stream()
        .filter(e -> !isServiceSpecific(e.getKey()))
        .forEach(e -> common.put(e.getKey(), e.getValue()));
    common.put("kafka.bootstrap.servers", bootstrapServers);
    common.put("schema.registry.url", registryUrl);
    Map<String, String> env = System.getenv();

    progress.accept("Starting ingest-service");
    Map<String, String> ingestConfig = serviceConfig(common, settings, "ingest.");
    analystKeyFile = KeyFile.in(settings.dataDir());
    withKeyDigest(
        ingestConfig,
        IngestConfig.ANALYST_KEYS,
        KeyDigests.digestOf(KeyFile.readOrCreate(analystKeyFile, new SecureRandom())));
    ingestConfig.put("http.port", Integer.toString(settings.ingestPort()));
    ingestConfig.putIfAbsent("http.host", settings.host());
    ingest = IngestService.start(IngestConfig.load(ingestConfig, env, Optional.empty()));
    started.push(ingest);

    progress.accept("Starting enrich-streams");
    Map<String, String> enrichConfig = serviceConfig(common, settings, "enrich.");
    enrichConfig.put("state.dir", settings.dataDir().resolve("streams").toString());
    enrich = EnrichService.start(EnrichConfig.load(enrichConfig, env, Optional.empty()));
    started.push(enrich);

    progress.accept("Starting alert-service");
    Map<String, String> alertConfig = serviceConfig(common, settings, "alert.");
    adminKeyFile = KeyFile.adminIn(settings.dataDir());
    withKeyDigest(
        alertConfig,
        AlertConfig.ADMIN_KEYS,
        KeyDigests.digestOf(KeyFile.readOrCreate(adminKeyFile, new SecureRandom())));
    // The embedded default is for trying things out on one machine: webhooks to a local receiver.
    alertConfig.putIfAbsent("webhooks.allow-http", "true");
    alertConfig.putIfAbsent("webhooks.allow-private-addresses", "true");
    alertConfig.put("http.port", Integer.toString(settings.alertPort()));
    alertConfig.putIfAbsent("http.host", settings.host());
    alertConfig.put("state.dir", settings.dataDir().resolve("streams").toString());
    alert = AlertService.start(AlertConfig.load(alertConfig, env, Optional.empty()));
    started.push(alert);

    awaitRunning(Duration.ofSeconds(60));
  }

  /** Keys configured otherwise (flag or environment) stay valid beside the file's. */
  private static void withKeyDigest(Map<String, String> config, String key, String digest) {
    String configured =
        config.getOrDefault(key, System.getenv(eu.sectoralerts.common.ConfigSource.envName(key)));
    config.put(
        key, configured == null || configured.isBlank() ? digest : configured + "," + digest);
  }

  private static final java.util.List<String> SERVICE_PREFIXES =
      java.util.List.of("ingest.", "enrich.", "alert.");

  private static boolean isServiceSpecific(String key) {
    return SERVICE_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** Shared config plus the overrides addressed to one service ({@code alert.application.id}). */
  private static Map<String, String> serviceConfig(
      Map<String, String> common, PipelineSettings settings, String prefix) {
    Map<String, String> config = new HashMap<>(common);
    settings
        .serviceOverrides()
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                config.put(key.substring(prefix.length()), value);
              }
            });
    return config;
  }

  private void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    enrich.awaitRunning(timeout);
    alert.awaitRunning(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public String ingestUrl() {
    return "http://" + host + ":" + ingest.port();
  }

  /** The file holding the analyst key ingest-service accepts. */
  public Path analystKeyFile() {
    return analystKeyFile;
  }

  /** The file holding the operator key alert-service accepts. */
  public Path adminKeyFile() {
    return adminKeyFile;
  }

  public String alertUrl() {
    return "http://" + host + ":" + alert.port();
  }

  /** Stops what was started, newest first; goes on past a component that fails to stop. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
