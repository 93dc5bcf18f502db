package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does, end to end on a real broker: a subscriber creates a watchlist, an analyst
 * publishes an item over HTTP, and the subscriber reads the alert from the inbox.
 */
@ExtendWith(KafkaClusterExtension.class)
class PipelineIntegrationTest {

  private static final Duration ALERT_WAIT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldAlertTheSubscriberWhoseWatchlistMatchesAPublishedItem(
      KafkaCluster kafka, @TempDir Path dataDir) throws Exception {
    PipelineSettings settings =
        PipelineSettings.embeddedDefault(dataDir)
            .onFreePorts()
            .withCluster(kafka.bootstrapServers())
            .withServiceOverrides(isolated(kafka));

    try (Pipeline pipeline = Pipeline.start(settings, step -> {})) {
      JsonNode railWatch =
          post(
              pipeline.alertUrl() + "/v1/watchlists",
              """
              {"subscriberId": "rolling-stock-gmbh", "name": "Rail policy",
               "sectors": ["rail"], "minLevel": "NONE"}
              """,
              201);
      post(
          pipeline.alertUrl() + "/v1/watchlists",
          """
          {"subscriberId": "pill-makers-sa", "name": "Drugs", "sectors": ["pharma-biotech"]}
          """,
          201);

      JsonNode published =
          postAsAnalyst(
              pipeline,
              "/v1/items",
              """
              {"kind": "POLICY", "title": "Railway authority speeds up high-speed rail upgrade",
               "body": "The national railway administration wants more high-speed rail lines and new rolling stock built by domestic suppliers.",
               "eventDate": "2026-10-01", "issuingBody": "NRA", "publisher": "integration-test"}
              """,
              202);
      String itemId = published.get("id").asText();

      JsonNode alerts = awaitAlerts(pipeline.alertUrl(), "rolling-stock-gmbh", 1);
      JsonNode alert = alerts.get(0);
      assertThat(alert.get("itemId").asText()).isEqualTo(itemId);
      assertThat(alert.get("watchlistId").asText()).isEqualTo(railWatch.get("id").asText());
      assertThat(alert.get("title").asText())
          .isEqualTo("Railway authority speeds up high-speed rail upgrade");
      assertThat(alert.get("sectors").get(0).asText()).isEqualTo("rail");
      assertThat(alert.get("reasons").toString()).contains("sectors").contains("rail");

      // The other subscriber's watchlist does not match: its inbox stays empty.
      assertThat(getAlerts(pipeline.alertUrl(), "pill-makers-sa")).isEmpty();
    }
  }

  @Test
  void shouldKeepWatchlistsAndAlertsAcrossARestartOnTheSameDataDirectory(@TempDir Path dataDir)
      throws Exception {
    PipelineSettings settings = PipelineSettings.embeddedDefault(dataDir).onFreePorts();
    String watchlistId;
    try (Pipeline pipeline = Pipeline.start(settings, step -> {})) {
      watchlistId =
          post(
                  pipeline.alertUrl() + "/v1/watchlists",
                  """
                  {"subscriberId": "chip-buyer", "name": "Chips", "sectors": ["semiconductors"]}
                  """,
                  201)
              .get("id")
              .asText();
      postAsAnalyst(
          pipeline,
          "/v1/items",
          """
          {"kind": "CORPORATE", "title": "Chip foundry adds capacity",
           "body": "A domestic semiconductor foundry adds wafer capacity for integrated circuits.",
           "publisher": "integration-test"}
          """,
          202);
      awaitAlerts(pipeline.alertUrl(), "chip-buyer", 1);
    }

    String firstKey = Files.readString(dataDir.resolve("analyst.key"));
    try (Pipeline restarted = Pipeline.start(settings, step -> {})) {
      // The same key file, hence the same key, serves the restarted pipeline.
      assertThat(Files.readString(restarted.analystKeyFile())).isEqualTo(firstKey);
      JsonNode alerts = awaitAlerts(restarted.alertUrl(), "chip-buyer", 1);
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).get("watchlistId").asText()).isEqualTo(watchlistId);
      JsonNode watchlists = get(restarted.alertUrl() + "/v1/watchlists?subscriber=chip-buyer");
      assertThat(watchlists.toString()).contains(watchlistId);
    }
  }

  /** Topic names and application ids of this test only: the cluster is shared by the run. */
  private static Map<String, String> isolated(KafkaCluster kafka) {
    Map<String, String> config = new HashMap<>();
    for (String topic :
        List.of(
            "items",
            "tagged",
            "watchlists",
            "alerts",
            "enrich-dead-letters",
            "alert-dead-letters")) {
      config.put("topics." + topic, kafka.uniqueName(topic));
    }
    config.put("enrich.application.id", kafka.uniqueName("enrich"));
    config.put("alert.application.id", kafka.uniqueName("alert"));
    return config;
  }

  private JsonNode awaitAlerts(String alertUrl, String subscriber, int expected) {
    return Awaitility.await("alerts for " + subscriber)
        .atMost(ALERT_WAIT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> getAlerts(alertUrl, subscriber), alerts -> alerts.size() >= expected);
  }

  private JsonNode getAlerts(String alertUrl, String subscriber) throws Exception {
    return get(alertUrl + "/v1/alerts?subscriber=" + subscriber).get("alerts");
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** Publishes to ingest-service with the analyst key the pipeline keeps in its data dir. */
  private JsonNode postAsAnalyst(Pipeline pipeline, String path, String body, int expectedStatus)
      throws IOException, InterruptedException {
    String key = Files.readString(pipeline.analystKeyFile()).strip();
    return post(pipeline.ingestUrl() + path, body, expectedStatus, "Bearer " + key);
  }

  private JsonNode post(String url, String body, int expectedStatus)
      throws IOException, InterruptedException {
    return post(url, body, expectedStatus, null);
  }

  private JsonNode post(String url, String body, int expectedStatus, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("POST %s: %s", url, response.body())
        .isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }
}
