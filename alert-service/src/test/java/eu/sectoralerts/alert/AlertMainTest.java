package eu.sectoralerts.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertMainTest {

  @Test
  void shouldTurnFlagsIntoConfigOverrides() throws Exception {
    AlertMain.CommandLine commandLine =
        AlertMain.parse(
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
            });

    assertThat(commandLine)
        .isEqualTo(
            new AlertMain.CommandLine(
                Map.of(
                    "kafka.bootstrap.servers", "kafka:9092",
                    "schema.registry.url", "http://registry:8081",
                    "http.port", "0",
                    "state.dir", "/tmp/alert-state"),
                Optional.of(Path.of("alert.properties"))));
  }

  @Test
  void shouldRejectAnUnknownFlag() {
    assertThatThrownBy(() -> AlertMain.parse(new String[] {"--bootstrap", "kafka:9092"}))
        .isInstanceOf(AlertMain.UsageException.class)
        .hasMessage("Unknown option: --bootstrap");
  }

  @Test
  void shouldRejectAFlagWithoutValue() {
    assertThatThrownBy(() -> AlertMain.parse(new String[] {"--port"}))
        .isInstanceOf(AlertMain.UsageException.class)
        .hasMessage("Option --port needs a value");
  }
}
