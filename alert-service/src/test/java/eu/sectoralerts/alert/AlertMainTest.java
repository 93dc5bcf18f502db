package eu.sectoralerts.alert;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.common.ServiceCommandLine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flags of alert-service; how any command line is parsed is tested in common. */
class AlertMainTest {

  @Test
  void shouldTurnFlagsIntoConfigOverrides() {
    ServiceCommandLine commandLine =
        ServiceCommandLine.parse(
            new String[] {
              "--bootstrap-servers",
              "kafka:9092",
              "--schema-registry-url=http://registry:8081",
              "--port",
              "0",
              "--state-dir",
              "/tmp/alert-state",
              "--config",
              "alert.properties"
            },
            AlertMain.FLAGS);

    assertThat(commandLine)
        .isEqualTo(
            new ServiceCommandLine(
                Map.of(
                    "kafka.bootstrap.servers", "kafka:9092",
                    "schema.registry.url", "http://registry:8081",
                    "http.port", "0",
                    "state.dir", "/tmp/alert-state"),
                Optional.of(Path.of("alert.properties")),
                false));
  }

  @Test
  void shouldFeedItsFlagsIntoTheConfig() {
    ServiceCommandLine commandLine =
        ServiceCommandLine.parse(
            new String[] {
              "--bootstrap-servers=kafka:9092",
              "--schema-registry-url=http://registry:8081",
              "--port=0",
              "--state-dir=/tmp/alert-state"
            },
            AlertMain.FLAGS);

    AlertConfig config =
        AlertConfig.load(commandLine.overrides(), Map.of(), commandLine.configFile());

    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
    assertThat(config.httpPort()).isZero();
    assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/alert-state"));
  }

  @Test
  void shouldListItsFlagsInTheUsage() {
    assertThat(ServiceCommandLine.usage(AlertMain.COMMAND, AlertMain.FLAGS))
        .startsWith("Usage: alert-service ")
        .contains(
            "--bootstrap-servers    kafka.bootstrap.servers",
            "--port                 http.port",
            "--schema-registry-url  schema.registry.url",
            "--state-dir            state.dir");
  }
}
