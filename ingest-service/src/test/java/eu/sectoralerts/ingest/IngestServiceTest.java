package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.common.KeyDigests;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestServiceTest {

  @Test
  void shouldRefuseToStartWhenTheClusterCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    IngestConfig config =
        IngestConfig.load(
            Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + closedPort,
                "schema.registry.url", "mock://ingest-service-test",
                "http.port", "0",
                "startup.timeout", "PT1S",
                "analyst.keys", KeyDigests.digestOf("a-test-key")),
            Map.of(),
            Optional.empty());

    assertThatThrownBy(() -> IngestService.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Kafka cluster");
  }

  @Test
  void shouldRefuseToStartWithoutAnAnalystKeySayingHowToConfigureOne() {
    IngestConfig config =
        IngestConfig.load(
            Map.of("schema.registry.url", "mock://ingest-service-test", "http.port", "0"),
            Map.of(),
            Optional.empty());

    assertThatThrownBy(() -> IngestService.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("No analyst key is configured")
        .hasMessageContaining("analyst.keys")
        .hasMessageContaining("ANALYST_KEYS")
        .hasMessageContaining("sha256sum");
  }
}
