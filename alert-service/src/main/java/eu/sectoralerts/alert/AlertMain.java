package eu.sectoralerts.alert;

import eu.sectoralerts.common.ServiceCommandLine;
import eu.sectoralerts.common.ServiceLauncher;
import java.util.Map;

/**
 * Runs the alert service alone: {@code alert-service [--bootstrap-servers HOST:PORT]
 * [--schema-registry-url URL] [--port PORT] [--state-dir DIR] [--config FILE] [--help]} (see {@link
 * ServiceCommandLine}), flags winning over environment, file and defaults. Exit status 2 for a bad
 * command line or configuration, 1 when the service cannot start, 0 after {@code --help}; otherwise
 * it runs until the JVM is asked to stop, which closes the service.
 */
public final class AlertMain {

  static final String COMMAND = "alert-service";

  /** This service's flags and the config key each sets. */
  static final Map<String, String> FLAGS =
      Map.of(
          "--bootstrap-servers", "kafka.bootstrap.servers",
          "--schema-registry-url", "schema.registry.url",
          "--port", "http.port",
          "--state-dir", "state.dir");

  private AlertMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(
            COMMAND,
            FLAGS,
            args,
            commandLine ->
                AlertConfig.load(
                    commandLine.overrides(), System.getenv(), commandLine.configFile()),
            AlertService::start)
        .ifPresent(ServiceLauncher.Launched::awaitClose);
  }
}
