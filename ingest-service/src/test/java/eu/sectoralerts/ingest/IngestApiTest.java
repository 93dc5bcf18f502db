package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.common.Json;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestApiTest {

  private static final Instant NOW = Instant.parse("2025-06-02T10:15:30.250Z");
  private static final int MAX_BODY = 4096;

  private static final String VALID_ITEM =
      """
      {
        "kind": "CORPORATE",
        "title": "Rail maker wins metro contract abroad",
        "body": "A state-owned train builder signed a deal to supply driverless carriages to a European capital.",
        "eventDate": "2025-05",
        "companies": ["Example Rolling Stock Group"],
        "sources": [{"name": "daily-digest.md"}],
        "publisher": "analyst-ben"
      }
      """;

  private final ObjectMapper json = Json.newMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private Javalin app;

  @BeforeEach
  void startApi() {
    IngestConfig config =
        IngestConfig.load(
            Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "max.body.bytes", Integer.toString(MAX_BODY)),
            Map.of(),
            Optional.empty());
    app = IngestApi.create(config, publisher, Clock.fixed(NOW, ZoneOffset.UTC)).start();
  }

  @AfterEach
  void stopApi() {
    app.stop();
  }

  @Test
  void shouldPublishAValidItemAndAnswerWhereItLanded() throws Exception {
    HttpResponse<String> response = postJson(VALID_ITEM);

    String expectedId =
        ItemRequest.deriveId(
            ItemKind.CORPORATE,
            "Rail maker wins metro contract abroad",
            "2025-05",
            "A state-owned train builder signed a deal to supply driverless carriages to a"
                + " European capital.");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"id": "%s", "topic": "news-items", "partition": 1, "offset": 40}
                """
                    .formatted(expectedId)));
    assertThat(publisher.published)
        .containsExactly(
            NewsItem.newBuilder()
                .setId(expectedId)
                .setKind(ItemKind.CORPORATE)
                .setTitle("Rail maker wins metro contract abroad")
                .setBody(
                    "A state-owned train builder signed a deal to supply driverless carriages to"
                        + " a European capital.")
                .setEventDate(LocalDate.of(2025, 5, 1))
                .setEventDatePrecision(DatePrecision.MONTH)
                .setSection(null)
                .setIssuingBody(null)
                .setPolicyName(null)
                .setPolicyNameOriginal(null)
                .setCompanies(List.of("Example Rolling Stock Group"))
                .setSources(List.of(new SourceRef("daily-digest.md", null)))
                .setPublisher("analyst-ben")
                .setPublishedAt(NOW)
                .build());
  }

  @Test
  void shouldGiveTheSameIdWhenTheSameItemIsPublishedTwice() throws Exception {
    JsonNode first = json.readTree(postJson(VALID_ITEM).body());
    JsonNode second = json.readTree(postJson(VALID_ITEM).body());

    assertThat(first.get("id")).isEqualTo(second.get("id"));
    assertThat(second.get("offset").asLong()).isEqualTo(41);
    assertThat(publisher.published).hasSize(2);
  }

  @Test
  void shouldKeepAnIdTheClientGave() throws Exception {
    HttpResponse<String> response =
        postJson(VALID_ITEM.replace("\"kind\"", "\"id\": \"digest-2025-05:7\", \"kind\""));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json.readTree(response.body()).get("id").asText()).isEqualTo("digest-2025-05:7");
    assertThat(publisher.published).extracting(NewsItem::getId).containsExactly("digest-2025-05:7");
  }

  @Test
  void shouldAnswerHealthy() throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri("/health")).GET().build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
  }

  @Test
  void shouldNameEveryInvalidFieldAndPublishNothing() throws Exception {
    HttpResponse<String> response =
        postJson(
            """
            {"kind": "MEMO", "title": " ", "body": "Some text.", "eventDate": "2025-02-30",
             "id": "not allowed!"}
            """);

    JsonNode error = assertError(response, 400, "invalid_request");
    assertThat(error.get("fields"))
        .isEqualTo(
            json.readTree(
                """
                [
                  {"field": "kind", "message": "must be POLICY or CORPORATE, got 'MEMO'"},
                  {"field": "title", "message": "must not be blank"},
                  {"field": "eventDate",
                   "message": "must be a date as yyyy-MM-dd, or yyyy-MM when only the month is known, got '2025-02-30'"},
                  {"field": "id",
                   "message": "must be 1 to 128 letters, digits or . _ : - characters, got 'not allowed!'"},
                  {"field": "publisher", "message": "is required"}
                ]
                """));
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRejectMalformedJson() throws Exception {
    JsonNode error = assertError(postJson("{\"kind\": \"POLICY\", "), 400, "invalid_json");

    assertThat(error.get("fields")).isEmpty();
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRejectAnEmptyOrNullBody() throws Exception {
    assertError(postJson(""), 400, "invalid_json");
    JsonNode error = assertError(postJson("null"), 400, "invalid_request");

    assertThat(error.get("fields")).isEmpty();
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRejectAWrongTypeNamingTheField() throws Exception {
    JsonNode number =
        assertError(
            postJson(VALID_ITEM.replace("\"Rail maker wins metro contract abroad\"", "42")),
            400,
            "invalid_request");
    JsonNode notAList =
        assertError(
            postJson(
                VALID_ITEM.replace(
                    "[\"Example Rolling Stock Group\"]", "\"Example Rolling Stock Group\"")),
            400,
            "invalid_request");

    // The wording comes from common's HttpErrors; what this API owes is the field's path.
    assertThat(number.get("fields")).hasSize(1);
    assertThat(number.get("fields").get(0).get("field").asText()).isEqualTo("title");
    assertThat(number.get("fields").get(0).get("message").asText())
        .startsWith("has the wrong type");
    assertThat(notAList.get("fields")).hasSize(1);
    assertThat(notAList.get("fields").get(0).get("field").asText()).isEqualTo("companies");
    assertThat(notAList.get("fields").get(0).get("message").asText())
        .startsWith("has the wrong type");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRejectAnUnknownFieldNamingIt() throws Exception {
    JsonNode error =
        assertError(
            postJson(VALID_ITEM.replace("\"title\"", "\"headline\"")), 400, "invalid_request");

    assertThat(error.get("fields"))
        .isEqualTo(
            json.readTree(
                """
                [{"field": "headline", "message": "unknown field"}]
                """));
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRejectABodyThatIsNotJson() throws Exception {
    HttpResponse<String> plain =
        http.send(
            HttpRequest.newBuilder(uri("/v1/items"))
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(VALID_ITEM))
                .build(),
            BodyHandlers.ofString());
    HttpResponse<String> untyped =
        http.send(
            HttpRequest.newBuilder(uri("/v1/items"))
                .POST(BodyPublishers.ofString(VALID_ITEM))
                .build(),
            BodyHandlers.ofString());

    assertThat(assertError(plain, 415, "unsupported_media_type").get("fields")).isEmpty();
    assertError(untyped, 415, "unsupported_media_type");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAcceptJsonWithAUtf8Charset() throws Exception {
    HttpResponse<String> response =
        post("application/json; charset=UTF-8", BodyPublishers.ofString(VALID_ITEM));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(publisher.published).hasSize(1);
  }

  @Test
  void shouldRejectABodyOverTheLimitWithDeclaredLength() throws Exception {
    String big = VALID_ITEM.replace("analyst-ben", "a".repeat(MAX_BODY));

    JsonNode error =
        assertError(
            post("application/json", BodyPublishers.ofString(big)), 413, "payload_too_large");

    assertThat(error.get("message").asText()).contains("4096 bytes");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRejectAChunkedBodyOverTheLimit() throws Exception {
    byte[] big = VALID_ITEM.replace("analyst-ben", "a".repeat(MAX_BODY)).getBytes();
    // An input-stream body has no declared length: the server must count while reading.
    BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));

    assertError(post("application/json", chunked), 413, "payload_too_large");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAnswer503WithoutStackTraceWhenPublishingFails() throws Exception {
    publisher.failing = true;

    HttpResponse<String> response = postJson(VALID_ITEM);

    JsonNode error = assertError(response, 503, "unavailable");
    assertThat(error.get("message").asText())
        .contains("broker went away")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(error.get("fields")).isEmpty();
  }

  private JsonNode assertError(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.get("fields").isArray()).isTrue();
    return body;
  }

  private HttpResponse<String> postJson(String body) throws Exception {
    return post("application/json", BodyPublishers.ofString(body));
  }

  private HttpResponse<String> post(String contentType, BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/v1/items"))
            .header("Content-Type", contentType)
            .POST(body)
            .build(),
        BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  /** Records what it is given and answers offsets 40, 41, ... on partition 1. */
  private static final class RecordingPublisher implements ItemPublisher {
    final List<NewsItem> published = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public PublishReceipt publish(NewsItem item) {
      if (failing) {
        throw new PublishException(
            "Could not publish item " + item.getId() + ": broker went away",
            new IllegalStateException("test"));
      }
      published.add(item);
      return new PublishReceipt("news-items", 1, 39 + published.size());
    }
  }
}
