package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class OpsEndpointsTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void shouldAnswerLiveAlwaysAndReadyOnlyWhenReady() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (ServiceMetrics metrics = ServiceMetrics.create("test-service")) {
      Javalin server =
          OpsEndpoints.startServer(
              "127.0.0.1",
              0,
              metrics,
              () -> new OpsEndpoints.Readiness(ready.get(), ready.get() ? "RUNNING" : "STARTING"));
      try {
        assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get(server, "/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"status\":\"NOT_READY\"", "STARTING");
        assertThat(get(server, "/health").statusCode()).isEqualTo(503);

        ready.set(true);
        HttpResponse<String> isReady = get(server, "/health/ready");
        assertThat(isReady.statusCode()).isEqualTo(200);
        assertThat(isReady.body()).contains("\"status\":\"READY\"", "RUNNING");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void shouldServeTheServiceAndJvmMetricsInPrometheusFormat() throws Exception {
    try (ServiceMetrics metrics = ServiceMetrics.create("test-service")) {
      metrics.registry().counter("sector.alerts.things", "outcome", "done").increment(3);
      Javalin server =
          OpsEndpoints.startServer(
              "127.0.0.1", 0, metrics, () -> new OpsEndpoints.Readiness(true, "RUNNING"));
      try {
        HttpResponse<String> response = get(server, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
            .contains("sector_alerts_things_total{outcome=\"done\",service=\"test-service\"} 3.0")
            .contains("jvm_memory_used_bytes");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void shouldCallOnlyRunningStreamsReady() {
    assertThat(OpsEndpoints.Readiness.of(KafkaStreams.State.RUNNING).ready()).isTrue();
    assertThat(OpsEndpoints.Readiness.of(KafkaStreams.State.REBALANCING).ready()).isFalse();
    assertThat(OpsEndpoints.Readiness.of(KafkaStreams.State.ERROR).state()).isEqualTo("ERROR");
  }

  private HttpResponse<String> get(Javalin server, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
