package eu.sectoralerts.ingest;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.ServiceCommandLine;
import eu.sectoralerts.common.ServiceCommandLine.UsageException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest-service alone: {@code ingest-service [--bootstrap-servers HOST:PORT]
 * [--schema-registry-url URL] [--port N] [--config FILE] [--help]} (see {@link
 * ServiceCommandLine}), flags winning over environment, file and defaults. Exit status 2 for a bad
 * command line or configuration, 1 when the service cannot start, 0 after {@code --help}; otherwise
 * it runs until the JVM is asked to stop, which closes the service.
 */
public final class IngestMain {

  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  static final String COMMAND = "ingest-service";

  /** This service's flags and the config key each sets. */
  static final Map<String, String> FLAGS =
      Map.of(
          "--bootstrap-servers", IngestConfig.BOOTSTRAP_SERVERS,
          "--schema-registry-url", IngestConfig.SCHEMA_REGISTRY_URL,
          "--port", IngestConfig.HTTP_PORT);

  private IngestMain() {}

  public static void main(String[] args) {
    // The operator's terminal is the audience: logging may not be configured when run alone.
    PrintStream err = System.err;
    String usage = ServiceCommandLine.usage(COMMAND, FLAGS);
    IngestConfig config;
    try {
      ServiceCommandLine commandLine = ServiceCommandLine.parse(args, FLAGS);
      if (commandLine.help()) {
        err.println(usage);
        return;
      }
      config =
          IngestConfig.load(commandLine.overrides(), System.getenv(), commandLine.configFile());
    } catch (UsageException | ConfigException e) {
      err.println(e.getMessage());
      err.println(usage);
      System.exit(2);
      return;
    }

    if (config.analystKeys().isEmpty()) {
      err.println(COMMAND + " needs an analyst key: " + AnalystKeys.HOW_TO_CONFIGURE);
      System.exit(2);
      return;
    }

    IngestService service;
    try {
      service = IngestService.start(config);
    } catch (RuntimeException e) {
      err.println(COMMAND + " could not start: " + e.getMessage());
      LOG.error("{} could not start", COMMAND, e);
      System.exit(1);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                COMMAND + "-shutdown"));
    try {
      // HTTP threads may be daemon (virtual) threads: main keeps the JVM alive until shutdown.
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
