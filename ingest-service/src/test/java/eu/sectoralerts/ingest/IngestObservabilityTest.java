package eu.sectoralerts.ingest;

import static eu.sectoralerts.testkit.PrometheusSamples.value;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, readiness and metrics of a running ingest-service on a real broker. */
@ExtendWith(KafkaClusterExtension.class)
class IngestObservabilityTest {

  private static final String KEY = "observability-analyst-key";
  private static final String ITEM =
      """
      {"kind": "POLICY", "title": "Port authority tightens berth rules",
       "body": "A coastal province limited foreign-flagged berthing slots at two container ports.",
       "publisher": "analyst-ida"}
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldBeReadyAndCountItemsByOutcomeWithProducerMetrics(KafkaCluster cluster)
      throws Exception {
    IngestConfig config =
        IngestConfig.load(
            Map.of(
                "kafka.bootstrap.servers",
                cluster.bootstrapServers(),
                "schema.registry.url",
                "mock://" + cluster.uniqueName("ingest-obs"),
                "http.host",
                "127.0.0.1",
                "http.port",
                "0",
                "topics.items",
                cluster.uniqueName("items"),
                "analyst.keys",
                KeyDigests.digestOf(KEY)),
            Map.of(),
            Optional.empty());
    try (IngestService service = IngestService.start(config)) {
      assertThat(get(service, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(service, "/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("\"READY\"", "CONNECTED");
      assertThat(get(service, "/health").statusCode()).isEqualTo(200);

      assertThat(postItem(service).statusCode()).isEqualTo(202);
      assertThat(postItem(service).statusCode()).isEqualTo(200);
      assertThat(postItem(service).statusCode()).isEqualTo(200);

      HttpResponse<String> scrape = get(service, "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      String metrics = scrape.body();
      assertThat(value(metrics, "sector_alerts_items_published_total", "outcome=\"published\""))
          .isEqualTo(1.0);
      assertThat(
              value(
                  metrics, "sector_alerts_items_published_total", "outcome=\"already-published\""))
          .isEqualTo(2.0);
      assertThat(value(metrics, "sector_alerts_items_published_total", "outcome=\"failed\""))
          .isZero();
      // The producer's own figures: at least the one record sent, over a live connection.
      assertThat(value(metrics, "kafka_producer_record_send_total", "service=\"ingest-service\""))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(value(metrics, "kafka_producer_connection_count", "service=\"ingest-service\""))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(metrics).contains("jvm_memory_used_bytes");
    }
  }

  private HttpResponse<String> postItem(IngestService service) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(service, "/v1/items"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(ITEM))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(IngestService service, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(service, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(IngestService service, String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }
}
