package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sectoralerts.alert.AlertConfig;
import eu.sectoralerts.alert.AlertService;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.enrich.EnrichConfig;
import eu.sectoralerts.enrich.EnrichService;
import eu.sectoralerts.ingest.IngestConfig;
import eu.sectoralerts.ingest.IngestService;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two enrich-streams and two alert-service instances sharing their application ids on a real
 * broker: they split the partitions, a subscriber's inbox reads the same through either alert
 * instance, and closing one instance of each hands its work to the other with no alert lost or
 * written twice.
 */
@ExtendWith(KafkaClusterExtension.class)
class ScaleOutIntegrationTest {

  private static final String ANALYST_KEY = "scale-out-analyst-key";
  private static final String OPERATOR_KEY = "scale-out-operator-key";

  /**
   * Their inboxes fall on every one of the 3 partitions (checked below), so each alert-service
   * instance holds some and a request to the other must be routed.
   */
  private static final List<String> SUBSCRIBERS = List.of("north", "south", "east", "ridge");

  @TempDir Path enrichOne;
  @TempDir Path enrichTwo;
  @TempDir Path alertOne;
  @TempDir Path alertTwo;

  private final PipelineTestSupport api = new PipelineTestSupport();

  @Test
  void shouldShareTheWorkAnswerAlikeAndLoseOrRepeatNothingWhenAnInstanceStops(KafkaCluster cluster)
      throws Exception {
    Map<String, String> shared = PipelineTestSupport.isolated(cluster);
    shared.put("kafka.bootstrap.servers", cluster.bootstrapServers());
    shared.put("schema.registry.url", "mock://" + cluster.uniqueName("scale-out"));
    shared.put("topics.partitions", "3");
    shared.put("http.host", "127.0.0.1");
    String enrichId = shared.remove("enrich.application.id");
    String alertId = shared.remove("alert.application.id");

    Set<Integer> partitions = new HashSet<>();
    for (String id : SUBSCRIBERS) {
      partitions.add(
          org.apache.kafka.common.utils.Utils.toPositive(
                  org.apache.kafka.common.utils.Utils.murmur2(
                      id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              % 3);
    }
    assertThat(partitions).as("partitions of the subscribers' inboxes").containsOnly(0, 1, 2);

    List<AutoCloseable> running = new ArrayList<>();
    try {
      IngestService ingest = IngestService.start(ingestConfig(shared));
      running.add(ingest);
      EnrichService enrich1 = EnrichService.start(enrichConfig(shared, enrichId, enrichOne));
      running.add(enrich1);
      EnrichService enrich2 = EnrichService.start(enrichConfig(shared, enrichId, enrichTwo));
      running.add(enrich2);
      AlertService alert1 = AlertService.start(alertConfig(shared, alertId, alertOne));
      running.add(alert1);
      AlertService alert2 = AlertService.start(alertConfig(shared, alertId, alertTwo));
      running.add(alert2);
      for (EnrichService enrich : List.of(enrich1, enrich2)) {
        enrich.awaitRunning(Duration.ofSeconds(90));
      }
      for (AlertService alert : List.of(alert1, alert2)) {
        alert.awaitRunning(Duration.ofSeconds(90));
      }
      String url1 = "http://127.0.0.1:" + alert1.port();
      String url2 = "http://127.0.0.1:" + alert2.port();

      // Subscribers and catch-all watchlists, written through both instances.
      Map<String, String> keys = new HashMap<>();
      for (int i = 0; i < SUBSCRIBERS.size(); i++) {
        String id = SUBSCRIBERS.get(i);
        String url = i % 2 == 0 ? url1 : url2;
        String key =
            api.post(
                    url + "/v1/subscribers",
                    "application/json",
                    "Bearer " + OPERATOR_KEY,
                    "{\"id\": \"" + id + "\", \"name\": \"Firm " + id + "\"}",
                    201)
                .get("apiKey")
                .asText();
        api.createWatchlist(url, key, "{\"name\": \"All of it\"}");
        keys.put(id, key);
      }
      // Both instances see every watchlist before items flow (each matches its own partitions).
      for (String url : List.of(url1, url2)) {
        for (Map.Entry<String, String> e : keys.entrySet()) {
          Awaitility.await()
              .atMost(PipelineTestSupport.ALERT_WAIT)
              .ignoreExceptions()
              .until(
                  () ->
                      api.get(url + "/v1/watchlists", e.getValue()).get("watchlists").size() == 1);
        }
      }

      String ingestUrl = "http://127.0.0.1:" + ingest.port();
      publish(ingestUrl, 0, 6);
      for (String id : SUBSCRIBERS) {
        JsonNode viaOne = api.awaitAlerts(url1, keys.get(id), 6);
        JsonNode viaTwo = api.awaitAlerts(url2, keys.get(id), 6);
        assertThat(viaOne).as("inbox of %s", id).hasSize(6);
        assertThat(viaTwo).as("inbox of %s through the other instance", id).isEqualTo(viaOne);
      }

      // One instance of each stops; the others take over its partitions.
      alert1.close();
      running.remove(alert1);
      enrich1.close();
      running.remove(enrich1);
      publish(ingestUrl, 6, 6);
      for (String id : SUBSCRIBERS) {
        JsonNode inbox = api.awaitAlerts(url2, keys.get(id), 12);
        Set<String> items = new HashSet<>();
        inbox.forEach(alert -> items.add(alert.get("itemId").asText()));
        assertThat(items).as("items alerted to %s", id).hasSize(12);
      }

      assertThat(alertIdsOnTopic(cluster, shared.get("topics.alerts"), 48))
          .as("one alert per item and subscriber, none twice")
          .hasSize(48)
          .doesNotHaveDuplicates();
    } finally {
      for (int i = running.size() - 1; i >= 0; i--) {
        running.get(i).close();
      }
    }
  }

  /** Every alert id on the topic (read_committed), once {@code expected} are there and no more. */
  private static List<String> alertIdsOnTopic(KafkaCluster cluster, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<String> ids = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + PipelineTestSupport.ALERT_WAIT.toNanos();
      int quietPolls = 0;
      // Until all are there, then a few more polls: a duplicate would come in the same
      // transactions as the originals, so it would be visible by now.
      while (System.nanoTime() < deadline && (ids.size() < expected || quietPolls < 3)) {
        int before = ids.size();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          ids.add(alertIdOf(record.value()));
        }
        quietPolls = ids.size() >= expected && ids.size() == before ? quietPolls + 1 : 0;
      }
    }
    return ids;
  }

  /** The alert id: the first Avro string after the 5-byte wire-format header. */
  private static String alertIdOf(byte[] value) {
    int pos = 5;
    long raw = 0;
    int shift = 0;
    int b;
    do {
      b = value[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    int length = (int) ((raw >>> 1) ^ -(raw & 1));
    return new String(value, pos, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  private void publish(String ingestUrl, int from, int count)
      throws IOException, InterruptedException {
    for (int i = from; i < from + count; i++) {
      api.post(
          ingestUrl + "/v1/items",
          "application/json",
          "Bearer " + ANALYST_KEY,
          "{\"kind\": \"CORPORATE\", \"title\": \"Rolling stock order number "
              + i
              + "\", \"body\": \"A train maker agreed to deliver metro carriages to a European city,"
              + " batch "
              + i
              + ".\", \"publisher\": \"scale-out-test\"}",
          202);
    }
  }

  private static IngestConfig ingestConfig(Map<String, String> shared) {
    Map<String, String> config = new HashMap<>(shared);
    config.put("http.port", "0");
    config.put("analyst.keys", KeyDigests.digestOf(ANALYST_KEY));
    return IngestConfig.load(config, Map.of(), Optional.empty());
  }

  private static EnrichConfig enrichConfig(Map<String, String> shared, String id, Path state) {
    Map<String, String> config = new HashMap<>(shared);
    config.put("application.id", id);
    config.put("state.dir", state.toString());
    config.put("http.port", "0");
    return EnrichConfig.load(config, Map.of(), Optional.empty());
  }

  private static AlertConfig alertConfig(Map<String, String> shared, String id, Path state)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> config = new HashMap<>(shared);
    config.put("application.id", id);
    config.put("state.dir", state.toString());
    config.put("http.port", Integer.toString(port));
    config.put("application.server", "127.0.0.1:" + port);
    config.put("num.standby.replicas", "1");
    config.put("admin.keys", KeyDigests.digestOf(OPERATOR_KEY));
    return AlertConfig.load(config, Map.of(), Optional.empty());
  }
}
