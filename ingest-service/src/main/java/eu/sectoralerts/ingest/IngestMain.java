package eu.sectoralerts.ingest;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.ServiceCommandLine;
import eu.sectoralerts.common.ServiceLauncher;
import java.util.Map;

/**
 * Runs ingest-service alone: {@code ingest-service [--bootstrap-servers HOST:PORT]
 * [--schema-registry-url URL] [--port N] [--config FILE] [--help]} (see {@link
 * ServiceCommandLine}), flags winning over environment, file and defaults. Exit status 2 for a bad
 * command line or configuration, 1 when the service cannot start, 0 after {@code --help}; otherwise
 * it runs until the JVM is asked to stop, which closes the service.
 */
public final class IngestMain {

  static final String COMMAND = "ingest-service";

  /** This service's flags and the config key each sets. */
  static final Map<String, String> FLAGS =
      Map.of(
          "--bootstrap-servers", IngestConfig.BOOTSTRAP_SERVERS,
          "--schema-registry-url", IngestConfig.SCHEMA_REGISTRY_URL,
          "--port", IngestConfig.HTTP_PORT);

  private IngestMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(COMMAND, FLAGS, args, IngestMain::config, IngestService::start)
        .ifPresent(ServiceLauncher.Launched::awaitClose);
  }

  /** The configuration, refused without an analyst key: nobody could publish. */
  static IngestConfig config(ServiceCommandLine commandLine) {
    IngestConfig config =
        IngestConfig.load(commandLine.overrides(), System.getenv(), commandLine.configFile());
    if (config.analystKeys().isEmpty()) {
      throw new ConfigException(
          COMMAND + " needs an analyst key: " + KeyDigests.howToConfigure("analyst.keys"));
    }
    return config;
  }
}
