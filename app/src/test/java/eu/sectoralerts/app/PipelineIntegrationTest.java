package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does, end to end on a real broker: a subscriber creates a watchlist, an analyst
 * publishes an item over HTTP, and the subscriber reads the alert from the inbox.
 */
@ExtendWith(KafkaClusterExtension.class)
class PipelineIntegrationTest {

  private final PipelineTestSupport api = new PipelineTestSupport();

  @Test
  void shouldAlertTheSubscriberWhoseWatchlistMatchesAPublishedItem(
      KafkaCluster kafka, @TempDir Path dataDir) throws Exception {
    PipelineSettings settings =
        PipelineSettings.embeddedDefault(dataDir)
            .onFreePorts()
            .withCluster(kafka.bootstrapServers())
            .withServiceOverrides(PipelineTestSupport.isolated(kafka));

    try (Pipeline pipeline = Pipeline.start(settings, step -> {})) {
      String rail = api.createSubscriber(pipeline, "rolling-stock-gmbh");
      String pills = api.createSubscriber(pipeline, "pill-makers-sa");
      JsonNode railWatch =
          api.createWatchlist(
              pipeline.alertUrl(),
              rail,
              """
              {"name": "Rail policy", "sectors": ["rail"], "minLevel": "NONE"}
              """);
      api.createWatchlist(
          pipeline.alertUrl(),
          pills,
          """
          {"name": "Drugs", "sectors": ["pharma-biotech"]}
          """);

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

      JsonNode alerts = api.awaitAlerts(pipeline.alertUrl(), rail, 1);
      JsonNode alert = alerts.get(0);
      assertThat(alert.get("itemId").asText()).isEqualTo(itemId);
      assertThat(alert.get("watchlistId").asText()).isEqualTo(railWatch.get("id").asText());
      assertThat(alert.get("title").asText())
          .isEqualTo("Railway authority speeds up high-speed rail upgrade");
      assertThat(alert.get("sectors").get(0).asText()).isEqualTo("rail");
      assertThat(alert.get("reasons").toString()).contains("sectors").contains("rail");

      // The other subscriber's watchlist does not match: its inbox stays empty.
      assertThat(api.alerts(pipeline.alertUrl(), pills)).isEmpty();
    }
  }

  @Test
  void shouldKeepWatchlistsAndAlertsAcrossARestartOnTheSameDataDirectory(@TempDir Path dataDir)
      throws Exception {
    PipelineSettings settings = PipelineSettings.embeddedDefault(dataDir).onFreePorts();
    String watchlistId;
    String key;
    try (Pipeline pipeline = Pipeline.start(settings, step -> {})) {
      key = api.createSubscriber(pipeline, "chip-buyer");
      watchlistId =
          api.createWatchlist(
                  pipeline.alertUrl(),
                  key,
                  """
                  {"name": "Chips", "sectors": ["semiconductors"]}
                  """)
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
      api.awaitAlerts(pipeline.alertUrl(), key, 1);
    }

    String firstKey = Files.readString(dataDir.resolve("analyst.key"));
    try (Pipeline restarted = Pipeline.start(settings, step -> {})) {
      // The same key file, hence the same key, serves the restarted pipeline.
      assertThat(Files.readString(restarted.analystKeyFile())).isEqualTo(firstKey);
      // The subscriber and its key survive the restart too.
      JsonNode alerts = api.awaitAlerts(restarted.alertUrl(), key, 1);
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).get("watchlistId").asText()).isEqualTo(watchlistId);
      JsonNode watchlists = api.get(restarted.alertUrl() + "/v1/watchlists", key);
      assertThat(watchlists.toString()).contains(watchlistId);
    }
  }

  /** Publishes to ingest-service with the analyst key the pipeline keeps in its data dir. */
  private JsonNode postAsAnalyst(Pipeline pipeline, String path, String body, int expectedStatus)
      throws IOException, InterruptedException {
    String key = Files.readString(pipeline.analystKeyFile()).strip();
    return api.post(
        pipeline.ingestUrl() + path, "application/json", "Bearer " + key, body, expectedStatus);
  }
}
