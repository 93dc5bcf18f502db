package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.enrich.EnrichMain.CommandLine;
import eu.sectoralerts.enrich.EnrichMain.UsageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrichMainTest {

  @Test
  void shouldMapFlagsToConfigKeys() {
    CommandLine commandLine =
        EnrichMain.parse(
            new String[] {
              "--bootstrap-servers",
              "broker:9092",
              "--schema-registry-url=http://registry:8081",
              "--state-dir",
              "/data/enrich",
              "--config",
              "enrich.properties"
            });

    assertThat(commandLine)
        .isEqualTo(
            new CommandLine(
                Map.of(
                    "kafka.bootstrap.servers", "broker:9092",
                    "schema.registry.url", "http://registry:8081",
                    "state.dir", "/data/enrich"),
                Optional.of(Path.of("enrich.properties")),
                false));
  }

  @Test
  void shouldAcceptNoFlags() {
    assertThat(EnrichMain.parse(new String[0]))
        .isEqualTo(new CommandLine(Map.of(), Optional.empty(), false));
  }

  @Test
  void shouldRejectAnUnknownFlag() {
    assertThatThrownBy(() -> EnrichMain.parse(new String[] {"--bootstrap", "x"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option: --bootstrap");
  }

  @Test
  void shouldRejectAFlagWithoutItsValue() {
    assertThatThrownBy(() -> EnrichMain.parse(new String[] {"--state-dir"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --state-dir needs a value");
    assertThatThrownBy(() -> EnrichMain.parse(new String[] {"--config", "--state-dir", "x"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --config needs a value");
  }

  @Test
  void shouldRecogniseAHelpRequest() {
    assertThat(EnrichMain.parse(new String[] {"--help"}).help()).isTrue();
  }
}
