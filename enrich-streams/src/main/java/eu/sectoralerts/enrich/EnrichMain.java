package eu.sectoralerts.enrich;

import eu.sectoralerts.common.ServiceCommandLine;
import eu.sectoralerts.common.ServiceLauncher;
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
    ServiceLauncher.launch(
            COMMAND,
            FLAGS,
            args,
            commandLine ->
                EnrichConfig.load(
                    commandLine.overrides(), System.getenv(), commandLine.configFile()),
            EnrichService::start)
        .ifPresent(
            launched -> {
              try {
                if (launched.service().awaitTermination() == KafkaStreams.State.ERROR) {
                  LOG.error("{} stopped on an error it could not recover from", COMMAND);
                  System.exit(1);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }
}
