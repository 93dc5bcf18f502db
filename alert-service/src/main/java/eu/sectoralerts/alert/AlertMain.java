package eu.sectoralerts.alert;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.ServiceCommandLine;
import eu.sectoralerts.common.ServiceCommandLine.UsageException;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the alert service alone: {@code alert-service [--bootstrap-servers HOST:PORT]
 * [--schema-registry-url URL] [--port PORT] [--state-dir DIR] [--config FILE] [--help]} (see {@link
 * ServiceCommandLine}), flags winning over environment, file and defaults. Exit status 2 for a bad
 * command line or configuration, 1 when the service cannot start, 0 after {@code --help}; otherwise
 * it runs until the JVM is asked to stop, which closes the service.
 */
public final class AlertMain {

  private static final Logger LOG = LoggerFactory.getLogger(AlertMain.class);

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
    // The operator's terminal is the audience: logging may not be configured when run alone.
    PrintStream err = System.err;
    String usage = ServiceCommandLine.usage(COMMAND, FLAGS);
    AlertConfig config;
    try {
      ServiceCommandLine commandLine = ServiceCommandLine.parse(args, FLAGS);
      if (commandLine.help()) {
        err.println(usage);
        return;
      }
      config = AlertConfig.load(commandLine.overrides(), System.getenv(), commandLine.configFile());
    } catch (UsageException | ConfigException e) {
      err.println(e.getMessage());
      err.println(usage);
      System.exit(2);
      return;
    }

    AlertService service;
    try {
      service = AlertService.start(config);
    } catch (RuntimeException e) {
      err.println(COMMAND + " could not start: " + e.getMessage());
      LOG.error("{} could not start", COMMAND, e);
      System.exit(1);
      return;
    }
    // Kafka Streams' and the HTTP server's threads keep the JVM alive once main returns.
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, COMMAND + "-shutdown"));
  }
}
