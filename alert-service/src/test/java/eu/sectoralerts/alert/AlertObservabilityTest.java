package eu.sectoralerts.alert;

import static eu.sectoralerts.testkit.PrometheusSamples.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness and metrics of a running alert-service on a real broker. */
@ExtendWith(KafkaClusterExtension.class)
class AlertObservabilityTest {

  private static final String OPERATOR_KEY = "observability-operator-key";

  @TempDir Path stateDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldCountAlertsByChannelAndTheirLagWithStreamsMetrics(KafkaCluster cluster)
      throws Exception {
    String registryUrl = "mock://" + cluster.uniqueName("alert-obs");
    String tagged = cluster.uniqueName("tagged");
    Map<String, String> settings = new HashMap<>();
    for (String topic :
        List.of(
            "watchlists", "alerts", "alert-dead-letters", "subscribers", "webhook-deliveries")) {
      settings.put("topics." + topic, cluster.uniqueName(topic));
    }
    settings.put("topics.tagged", tagged);
    settings.put("topics.partitions", "1");
    settings.put("kafka.bootstrap.servers", cluster.bootstrapServers());
    settings.put("schema.registry.url", registryUrl);
    settings.put("application.id", cluster.uniqueName("alert-obs"));
    settings.put("state.dir", stateDir.toString());
    settings.put("http.host", "127.0.0.1");
    settings.put("http.port", "0");
    settings.put("admin.keys", KeyDigests.digestOf(OPERATOR_KEY));
    AlertConfig config = AlertConfig.load(settings, Map.of(), Optional.empty());

    try (AlertService service = AlertService.start(config)) {
      service.awaitRunning(Duration.ofSeconds(60));
      assertThat(get(service, "/health/live", null).statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(get(service, "/health/ready", null).statusCode()).isEqualTo(200));

      String key =
          post(service, "/v1/subscribers", OPERATOR_KEY, "{\"id\": \"obs\", \"name\": \"Obs\"}")
              .get("apiKey")
              .asText();
      post(service, "/v1/watchlists", key, "{\"name\": \"Rail\", \"sectors\": [\"rail\"]}");

      TaggedItem item =
          Fixtures.taggedItem(
              "itm-obs", ItemKind.POLICY, List.of("rail"), List.of(), RiskLevel.LOW);
      Instant published = Instant.now().minusMillis(250);
      item =
          TaggedItem.newBuilder(item)
              .setItem(NewsItem.newBuilder(item.getItem()).setPublishedAt(published).build())
              .build();
      byte[] value =
          AvroSerde.forValues(SchemaRegistryClients.forUrl(registryUrl), TaggedItem.class)
              .serializer()
              .serialize(tagged, item);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        producer
            .send(new ProducerRecord<>(tagged, "itm-obs".getBytes(StandardCharsets.UTF_8), value))
            .get();
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(json.readTree(get(service, "/v1/alerts", key).body()).get("alerts"))
                      .hasSize(1));

      String metrics = get(service, "/metrics", null).body();
      assertThat(value(metrics, "sector_alerts_alerts_total", "channel=\"inbox\"")).isEqualTo(1.0);
      assertThat(value(metrics, "sector_alerts_alerts_total", "channel=\"sse\"")).isZero();
      assertThat(value(metrics, "sector_alerts_alerts_total", "channel=\"webhook\"")).isZero();
      assertThat(value(metrics, "sector_alerts_webhook_deliveries_total", "outcome=\"delivered\""))
          .isZero();
      assertThat(value(metrics, "sector_alerts_publish_to_alert_seconds_count", "alert-service"))
          .isEqualTo(1.0);
      double lag = value(metrics, "sector_alerts_publish_to_alert_seconds_sum", "alert-service");
      // At least the 250 ms it was published before sending, at most the test's own minute.
      assertThat(lag).isBetween(0.25, 60.0);
      assertThat(value(metrics, "kafka_stream_alive_stream_threads", "alert-service"))
          .isEqualTo(1.0);
    }
  }

  private JsonNode post(AlertService service, String path, String key, String body)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(service, path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private HttpResponse<String> get(AlertService service, String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(AlertService service, String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }
}
