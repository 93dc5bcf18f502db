package eu.sectoralerts.enrich;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.ServiceCommandLine;
import eu.sectoralerts.common.ServiceCommandLine.UsageException;
import java.io.PrintStream;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs enrich-streams alone against an external cluster and schema registry: {@code enrich-streams
 * [--bootstrap-servers HOST:PORT] [--schema-registry-url URL] [--state-dir DIR] [--taxonomy FILE]
 * [--config FILE] [--help]} (see {@link ServiceCommandLine}), flags winning over environment, file
 * and defaults. Exit status 2 for a bad command line or configuration, 1 when the service cannot
 * start or stops on an error, 0 after {@code --help}; otherwise it runs until the JVM is asked to
 * stop, which closes the service.
 */
public final class EnrichMain {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichMain.class);

  static final String COMMAND = "enrich-streams";

  /** This service's flags and the config key each sets. */
  static final Map<String, String> FLAGS =
      Map.of(
          "--bootstrap-servers", "kafka.bootstrap.servers",
          "--schema-registry-url", "schema.registry.url",
          "--state-dir", "state.dir",
          "--taxonomy", "taxonomy.path");

  private EnrichMain() {}

  public static void main(String[] args) {
    // The operator's terminal is the audience: logging may not be configured when run alone.
    PrintStream err = System.err;
    String usage = ServiceCommandLine.usage(COMMAND, FLAGS);
    EnrichConfig config;
    try {
      ServiceCommandLine commandLine = ServiceCommandLine.parse(args, FLAGS);
      if (commandLine.help()) {
        err.println(usage);
        return;
      }
      config =
          EnrichConfig.load(commandLine.overrides(), System.getenv(), commandLine.configFile());
    } catch (UsageException | ConfigException e) {
      err.println(e.getMessage());
      err.println(usage);
      System.exit(2);
      return;
    }

    EnrichService service;
    try {
      service = EnrichService.start(config);
    } catch (RuntimeException e) {
      err.println(COMMAND + " could not start: " + e.getMessage());
      LOG.error("{} could not start", COMMAND, e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, COMMAND + "-shutdown"));
    try {
      KafkaStreams.State end = service.awaitTermination();
      if (end == KafkaStreams.State.ERROR) {
        LOG.error("{} stopped on an error it could not recover from", COMMAND);
        System.exit(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
    }
  }
}
