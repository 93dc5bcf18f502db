package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestMainTest {

  @Test
  void shouldMapFlagsToConfigKeys() {
    IngestMain.Args args =
        IngestMain.parse(
            new String[] {
              "--bootstrap-servers",
              "kafka:29092",
              "--schema-registry-url=http://registry:8081",
              "--port",
              "0",
              "--config",
              "conf/ingest.properties"
            });

    assertThat(args)
        .isEqualTo(
            new IngestMain.Args(
                Map.of(
                    "kafka.bootstrap.servers", "kafka:29092",
                    "schema.registry.url", "http://registry:8081",
                    "http.port", "0"),
                Optional.of(Path.of("conf/ingest.properties"))));
  }

  @Test
  void shouldAcceptNoArguments() {
    assertThat(IngestMain.parse(new String[0]))
        .isEqualTo(new IngestMain.Args(Map.of(), Optional.empty()));
  }

  @Test
  void shouldRejectAnUnknownFlag() {
    assertThatThrownBy(() -> IngestMain.parse(new String[] {"--prot", "7070"}))
        .isInstanceOf(IngestMain.UsageException.class)
        .hasMessage("Unknown argument: --prot");
  }

  @Test
  void shouldRejectAFlagWithoutValue() {
    assertThatThrownBy(() -> IngestMain.parse(new String[] {"--port"}))
        .isInstanceOf(IngestMain.UsageException.class)
        .hasMessage("Missing value after --port");
  }
}
