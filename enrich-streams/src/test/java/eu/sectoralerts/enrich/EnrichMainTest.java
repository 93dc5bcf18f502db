package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.common.ServiceCommandLine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flags of enrich-streams; how any command line is parsed is tested in common. */
class EnrichMainTest {

  @Test
  void shouldMapFlagsToConfigKeys() {
    ServiceCommandLine commandLine =
        ServiceCommandLine.parse(
            new String[] {
              "--bootstrap-servers",
              "broker:9092",
              "--schema-registry-url=http://registry:8081",
              "--state-dir",
              "/data/enrich",
              "--taxonomy",
              "rules.yaml",
              "--config",
              "enrich.properties"
            },
            EnrichMain.FLAGS);

    assertThat(commandLine)
        .isEqualTo(
            new ServiceCommandLine(
                Map.of(
                    "kafka.bootstrap.servers", "broker:9092",
                    "schema.registry.url", "http://registry:8081",
                    "state.dir", "/data/enrich",
                    "taxonomy.path", "rules.yaml"),
                Optional.of(Path.of("enrich.properties")),
                false));
  }

  @Test
  void shouldFeedItsFlagsIntoTheConfig() {
    ServiceCommandLine commandLine =
        ServiceCommandLine.parse(
            new String[] {
              "--bootstrap-servers=broker:9092",
              "--schema-registry-url=mock://enrich-main",
              "--state-dir=/data/enrich"
            },
            EnrichMain.FLAGS);

    EnrichConfig config =
        EnrichConfig.load(commandLine.overrides(), Map.of(), commandLine.configFile());

    assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("mock://enrich-main");
    assertThat(config.stateDir()).isEqualTo(Path.of("/data/enrich"));
  }

  @Test
  void shouldListItsFlagsInTheUsage() {
    assertThat(ServiceCommandLine.usage(EnrichMain.COMMAND, EnrichMain.FLAGS))
        .startsWith("Usage: enrich-streams ")
        .contains(
            "--bootstrap-servers    kafka.bootstrap.servers",
            "--schema-registry-url  schema.registry.url",
            "--state-dir            state.dir")
        .doesNotContain("--port");
  }
}
