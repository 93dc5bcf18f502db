package eu.sectoralerts.enrich;

import static eu.sectoralerts.testkit.PrometheusSamples.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
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
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness and metrics of a running enrich-streams on a real broker. */
@ExtendWith(KafkaClusterExtension.class)
class EnrichObservabilityTest {

  @TempDir Path stateDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldBeReadyWhenRunningAndCountItemsByOutcomeWithStreamsMetrics(KafkaCluster cluster)
      throws Exception {
    String registryUrl = "mock://" + cluster.uniqueName("enrich-obs");
    String items = cluster.uniqueName("items");
    EnrichConfig config =
        EnrichConfig.load(
            Map.of(
                "kafka.bootstrap.servers", cluster.bootstrapServers(),
                "schema.registry.url", registryUrl,
                "application.id", cluster.uniqueName("enrich-obs"),
                "state.dir", stateDir.toString(),
                "topics.items", items,
                "topics.tagged", cluster.uniqueName("tagged"),
                "topics.enrich-dead-letters", cluster.uniqueName("enrich-dlq"),
                "topics.partitions", "1",
                "http.host", "127.0.0.1"),
            Map.of(),
            Optional.empty());
    try (EnrichService service = EnrichService.start(config)) {
      assertThat(get(service, "/health/live").statusCode()).isEqualTo(200);
      service.awaitRunning(Duration.ofSeconds(60));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(get(service, "/health/ready").statusCode()).isEqualTo(200));

      SchemaRegistryClient registry = SchemaRegistryClients.forUrl(registryUrl);
      NewsItem item =
          Items.policy(
                  "itm-obs-1",
                  "Ministry sets new rail signalling standard",
                  "The railway regulator issued a national standard for train control systems.")
              .build();
      byte[] encoded =
          AvroSerde.forValues(registry, NewsItem.class).serializer().serialize(items, item);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(items, bytes("itm-obs-1"), encoded)).get();
        producer.send(new ProducerRecord<>(items, bytes("junk"), bytes("not avro"))).get();
      }

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                String metrics = get(service, "/metrics").body();
                assertThat(value(metrics, "sector_alerts_items_tagged_total", "outcome=\"tagged\""))
                    .isEqualTo(1.0);
                assertThat(
                        value(
                            metrics,
                            "sector_alerts_items_tagged_total",
                            "reason=\"deserialization\""))
                    .isEqualTo(1.0);
              });
      String metrics = get(service, "/metrics").body();
      assertThat(value(metrics, "kafka_stream_alive_stream_threads", "service=\"enrich-streams\""))
          .isEqualTo(1.0);
      assertThat(metrics).contains("kafka_consumer_", "kafka_producer_", "jvm_memory_used_bytes");
      assertThat(value(metrics, "sector_alerts_items_tagged_total", "reason=\"tagging\"")).isZero();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(EnrichService service, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
