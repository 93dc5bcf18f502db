package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.common.ServiceCommandLine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flags of ingest-service; how any command line is parsed is tested in common. */
class IngestMainTest {

  @Test
  void shouldMapFlagsToConfigKeys() {
    ServiceCommandLine args =
        ServiceCommandLine.parse(
            new String[] {
              "--bootstrap-servers",
              "kafka:29092",
              "--schema-registry-url=http://registry:8081",
              "--port",
              "0",
              "--config",
              "conf/ingest.properties"
            },
            IngestMain.FLAGS);

    assertThat(args)
        .isEqualTo(
            new ServiceCommandLine(
                Map.of(
                    "kafka.bootstrap.servers", "kafka:29092",
                    "schema.registry.url", "http://registry:8081",
                    "http.port", "0"),
                Optional.of(Path.of("conf/ingest.properties")),
                false));
  }

  @Test
  void shouldFeedItsFlagsIntoTheConfig() {
    ServiceCommandLine args =
        ServiceCommandLine.parse(
            new String[] {
              "--bootstrap-servers=kafka:29092",
              "--schema-registry-url=http://registry:8081",
              "--port=0"
            },
            IngestMain.FLAGS);

    IngestConfig config = IngestConfig.load(args.overrides(), Map.of(), args.configFile());

    assertThat(config.bootstrapServers()).isEqualTo("kafka:29092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
    assertThat(config.httpPort()).isZero();
  }

  @Test
  void shouldListItsFlagsInTheUsage() {
    assertThat(ServiceCommandLine.usage(IngestMain.COMMAND, IngestMain.FLAGS))
        .startsWith("Usage: ingest-service ")
        .contains(
            "--bootstrap-servers    kafka.bootstrap.servers",
            "--port                 http.port",
            "--schema-registry-url  schema.registry.url");
  }

  @Test
  void shouldRefuseToRunWithoutAnAnalystKey() {
    var commandLine =
        eu.sectoralerts.common.ServiceCommandLine.parse(
            new String[] {"--bootstrap-servers", "kafka:9092"}, IngestMain.FLAGS);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestMain.config(commandLine))
        .isInstanceOf(eu.sectoralerts.common.ConfigSource.ConfigException.class)
        .hasMessageContaining("needs an analyst key");
  }
}
