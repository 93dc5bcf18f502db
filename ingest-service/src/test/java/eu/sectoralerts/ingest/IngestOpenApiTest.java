package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.OpenApiDocument;
import eu.sectoralerts.common.ServiceMetrics;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at {@code /openapi.json} held to the implementation. */
class IngestOpenApiTest {

  private static final String KEY = "openapi-analyst-key";
  private static final String ITEM =
      """
      {"kind": "CORPORATE", "title": "Battery maker opens a plant in Hungary",
       "body": "A cell manufacturer began building a factory near a European car cluster.",
       "eventDate": "2025-04-11", "companies": ["Example Cells"],
       "sources": [{"name": "weekly.md", "url": "https://example.org/weekly"}],
       "publisher": "analyst-ida"}
      """;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ServiceMetrics metrics = ServiceMetrics.create("ingest-service");
  private Javalin app;
  private OpenApiDocument served;

  @BeforeEach
  void start() throws Exception {
    IngestConfig config =
        IngestConfig.load(
            Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "analyst.keys", KeyDigests.digestOf(KEY)),
            Map.of(),
            Optional.empty());
    AtomicLong offsets = new AtomicLong();
    ItemPublisher publisher =
        (NewsItem item) ->
            new ItemPublisher.PublishReceipt("news-items", 0, offsets.getAndIncrement());
    app =
        IngestApi.create(
                config,
                publisher,
                PublishedIds.inMemory(),
                Clock.fixed(Instant.parse("2025-06-02T08:00:00Z"), ZoneOffset.UTC),
                metrics)
            .start();
    HttpResponse<byte[]> document =
        http.send(
            HttpRequest.newBuilder(uri("/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(document.statusCode()).isEqualTo(200);
    served = OpenApiDocument.parse(document.body());
  }

  @AfterEach
  void stop() {
    app.stop();
    metrics.close();
  }

  @Test
  void shouldDescribeExactlyTheRoutesTheServerHas() {
    assertThat(served.version()).isEqualTo("3.1.0");
    assertThat(served.operations()).isEqualTo(OpenApiDocument.routesOf(app));
    assertThat(served.operations()).contains("POST /v1/items", "GET /health/ready", "GET /metrics");
  }

  @Test
  void shouldDescribeTheBodiesOfPublishingAnItemTwice() throws Exception {
    assertThat(served.problems("ItemRequest", json.readTree(ITEM))).isEmpty();

    HttpResponse<String> first = post("/v1/items", "application/json", ITEM);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(served.problems("Accepted", json.readTree(first.body()))).isEmpty();

    HttpResponse<String> again = post("/v1/items", "application/json", ITEM);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(served.problems("AlreadyPublished", json.readTree(again.body()))).isEmpty();
    // The schemas are strict enough to tell the two answers apart.
    assertThat(served.problems("Accepted", json.readTree(again.body()))).isNotEmpty();
  }

  @Test
  void shouldDescribeErrorsAndBriefingAnswers() throws Exception {
    HttpResponse<String> invalid = post("/v1/items", "application/json", "{\"kind\": \"OTHER\"}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    JsonNode error = json.readTree(invalid.body());
    assertThat(served.problems("ApiError", error)).isEmpty();
    assertThat(error.get("fields")).isNotEmpty();

    HttpResponse<String> dryRun = post("/v1/briefings?dryRun=true", "text/plain", briefing());
    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    JsonNode answer = json.readTree(dryRun.body());
    assertThat(answer.get("items")).isNotEmpty();
    assertThat(served.problems("BriefingAnswer", answer)).isEmpty();

    HttpResponse<String> ready =
        http.send(
            HttpRequest.newBuilder(uri("/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(served.problems("Readiness", json.readTree(ready.body()))).isEmpty();
  }

  private static String briefing() throws Exception {
    try (InputStream in =
        IngestOpenApiTest.class.getResourceAsStream("/briefings/plain-briefing.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }
}
