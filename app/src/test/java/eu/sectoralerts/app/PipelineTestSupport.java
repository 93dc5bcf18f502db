package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.testkit.KafkaCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * What the end-to-end tests do as a user would: call the pipeline's HTTP APIs with JSON and wait
 * for a subscriber's alerts; and the config that keeps one test's topics and stream applications
 * apart from the others' on the shared cluster.
 */
final class PipelineTestSupport {

  static final Duration ALERT_WAIT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  /** Topic names and application ids of one test only: the cluster is shared by the run. */
  static Map<String, String> isolated(KafkaCluster kafka) {
    Map<String, String> config = new HashMap<>();
    for (String topic :
        List.of(
            "items",
            "tagged",
            "watchlists",
            "alerts",
            "enrich-dead-letters",
            "alert-dead-letters",
            "subscribers",
            "webhook-deliveries")) {
      config.put("topics." + topic, kafka.uniqueName(topic));
    }
    config.put("enrich.application.id", kafka.uniqueName("enrich"));
    config.put("alert.application.id", kafka.uniqueName("alert"));
    return config;
  }

  /** Creates a subscriber with the pipeline's operator key; returns the subscriber's API key. */
  String createSubscriber(Pipeline pipeline, String id) throws IOException, InterruptedException {
    String operatorKey = java.nio.file.Files.readString(pipeline.adminKeyFile()).strip();
    return post(
            pipeline.alertUrl() + "/v1/subscribers",
            "application/json",
            "Bearer " + operatorKey,
            "{\"id\": \"" + id + "\", \"name\": \"Company " + id + "\"}",
            201)
        .get("apiKey")
        .asText();
  }

  /** Creates a watchlist as the subscriber with {@code key}; the stored watchlist. */
  JsonNode createWatchlist(String alertUrl, String key, String body)
      throws IOException, InterruptedException {
    return post(alertUrl + "/v1/watchlists", "application/json", "Bearer " + key, body, 201);
  }

  /** Waits until the subscriber's inbox holds at least {@code expected} alerts; returns them. */
  JsonNode awaitAlerts(String alertUrl, String key, int expected) {
    return Awaitility.await("alerts")
        .atMost(ALERT_WAIT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> alerts(alertUrl, key), alerts -> alerts.size() >= expected);
  }

  /** The inbox of the subscriber with {@code key}, newest first. */
  JsonNode alerts(String alertUrl, String key) throws IOException, InterruptedException {
    return get(alertUrl + "/v1/alerts?limit=500", key).get("alerts");
  }

  /** GET without credentials that must answer 200; its JSON body. */
  JsonNode get(String url) throws IOException, InterruptedException {
    return get(url, null);
  }

  /** GET that must answer 200; its JSON body. */
  JsonNode get(String url, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** POST that must answer {@code expectedStatus}; its JSON body. */
  JsonNode post(
      String url, String contentType, String authorization, String body, int expectedStatus)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
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
