package eu.sectoralerts.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Pipeline} runs: where its data lives, which ports it listens on, and whether it starts
 * its own broker ({@code bootstrapServers} empty) or joins an existing cluster.
 *
 * @param dataDir broker data, streams state and anything else that must survive a restart
 * @param bootstrapServers an existing cluster to use instead of starting a broker
 * @param registryUrl an existing schema registry to use instead of starting one
 * @param host the host services bind to and advertise
 * @param kafkaPort client port of the embedded broker (0: free port)
 * @param controllerPort KRaft controller port of the embedded broker (0: free port)
 * @param registryPort schema registry port (0: free port)
 * @param ingestPort ingest-service HTTP port (0: free port)
 * @param alertPort alert-service HTTP port (0: free port)
 * @param serviceOverrides extra config given to every service (e.g. {@code topics.items}); a key
 *     prefixed {@code ingest.}, {@code enrich.} or {@code alert.} goes to that service only
 */
public record PipelineSettings(
    Path dataDir,
    Optional<String> bootstrapServers,
    Optional<String> registryUrl,
    String host,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    int ingestPort,
    int alertPort,
    Map<String, String> serviceOverrides) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_INGEST_PORT = 7070;
  public static final int DEFAULT_ALERT_PORT = 7071;

  public PipelineSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(host, "host");
    serviceOverrides = Map.copyOf(serviceOverrides);
  }

  /** The embedded default: own broker, the documented ports. */
  public static PipelineSettings embeddedDefault(Path dataDir) {
    return new PipelineSettings(
        dataDir,
        Optional.empty(),
        Optional.empty(),
        "localhost",
        DEFAULT_KAFKA_PORT,
        DEFAULT_CONTROLLER_PORT,
        DEFAULT_REGISTRY_PORT,
        DEFAULT_INGEST_PORT,
        DEFAULT_ALERT_PORT,
        Map.of());
  }

  /** Every port free, chosen at start: for tests and for running beside another pipeline. */
  public PipelineSettings onFreePorts() {
    return new PipelineSettings(
        dataDir, bootstrapServers, registryUrl, host, 0, 0, 0, 0, 0, serviceOverrides);
  }

  /** The same settings against an existing cluster. */
  public PipelineSettings withCluster(String servers) {
    return new PipelineSettings(
        dataDir,
        Optional.of(servers),
        registryUrl,
        host,
        kafkaPort,
        controllerPort,
        registryPort,
        ingestPort,
        alertPort,
        serviceOverrides);
  }

  /** The same settings with extra service config. */
  public PipelineSettings withServiceOverrides(Map<String, String> overrides) {
    return new PipelineSettings(
        dataDir,
        bootstrapServers,
        registryUrl,
        host,
        kafkaPort,
        controllerPort,
        registryPort,
        ingestPort,
        alertPort,
        overrides);
  }
}
