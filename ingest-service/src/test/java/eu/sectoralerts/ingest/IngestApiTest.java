package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.ServiceMetrics;
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
  private static final int MAX_BRIEFING = 16_384;
  private static final String KEY = "test-analyst-key";

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
  private final PublishedIds publishedIds = PublishedIds.inMemory();
  private final ServiceMetrics metrics = ServiceMetrics.create("ingest-service");
  private Javalin app;

  @BeforeEach
  void startApi() {
    IngestConfig config =
        IngestConfig.load(
            Map.of(
                "http.host", "127.0.0.1",
                "http.port", "0",
                "max.body.bytes", Integer.toString(MAX_BODY),
                "max.briefing.bytes", Integer.toString(MAX_BRIEFING),
                "analyst.keys", KeyDigests.digestOf(KEY)),
            Map.of(),
            Optional.empty());
    app =
        IngestApi.create(config, publisher, publishedIds, Clock.fixed(NOW, ZoneOffset.UTC), metrics)
            .start();
  }

  @AfterEach
  void stopApi() {
    app.stop();
    metrics.close();
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
                {"id": "%s", "topic": "news-items", "partition": 1, "offset": 40,
                 "status": "published"}
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
  void shouldPublishNothingWhenTheSameItemComesAgain() throws Exception {
    JsonNode first = json.readTree(postJson(VALID_ITEM).body());
    HttpResponse<String> again = postJson(VALID_ITEM);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json.readTree(again.body()))
        .isEqualTo(
            json.readTree(
                """
                {"id": "%s", "status": "already-published"}
                """
                    .formatted(first.get("id").asText())));
    assertThat(publisher.published).hasSize(1);
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
                .header("Authorization", "Bearer " + KEY)
                .POST(BodyPublishers.ofString(VALID_ITEM))
                .build(),
            BodyHandlers.ofString());
    HttpResponse<String> untyped =
        http.send(
            HttpRequest.newBuilder(uri("/v1/items"))
                .header("Authorization", "Bearer " + KEY)
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
  void shouldAnswer503WithoutStackTraceWhenPublishingFailsAndAcceptTheRetry() throws Exception {
    publisher.failing = true;

    HttpResponse<String> response = postJson(VALID_ITEM);

    JsonNode error = assertError(response, 503, "unavailable");
    assertThat(error.get("message").asText())
        .contains("broker went away")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(error.get("fields")).isEmpty();

    publisher.failing = false;
    assertThat(postJson(VALID_ITEM).statusCode()).isEqualTo(202);
    assertThat(publisher.published).hasSize(1);
  }

  @Test
  void shouldRefuseRequestsWithoutAValidAnalystKey() throws Exception {
    for (String path : List.of("/v1/items", "/v1/briefings")) {
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(uri(path))
                  .header("Content-Type", "application/json")
                  .POST(BodyPublishers.ofString(VALID_ITEM))
                  .build(),
              BodyHandlers.ofString());
      HttpResponse<String> wrong = send(path, "application/json", "Bearer not-the-key", VALID_ITEM);
      HttpResponse<String> basic = send(path, "application/json", "Basic " + KEY, VALID_ITEM);

      assertThat(assertError(missing, 401, "unauthorized").get("message").asText())
          .contains("Authorization: Bearer");
      assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(assertError(wrong, 401, "unauthorized").get("message").asText())
          .doesNotContain("not-the-key");
      assertError(basic, 401, "unauthorized");
    }
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAnswerHealthWithoutAKey() throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri("/health")).GET().build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldParseABriefingWithoutPublishingInADryRun() throws Exception {
    HttpResponse<String> response =
        postBriefing("?source=plain-briefing.txt&dryRun=true", "text/plain", briefing());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("source").asText()).isEqualTo("plain-briefing.txt");
    assertThat(answer.get("briefingDate").asText()).isEqualTo("2024-02-07");
    assertThat(answer.get("published").asInt()).isZero();
    assertThat(answer.get("alreadyPublished").asInt()).isZero();
    assertThat(answer.get("items")).hasSize(7);
    assertThat(answer.get("items").get(0))
        .isEqualTo(
            json.readTree(
                """
                {"id": "%s", "kind": "POLICY", "section": "top", "eventDate": "2023-12-28",
                 "title": "Hydrogen trucks get a subsidy round", "status": "parsed"}
                """
                    .formatted(parsedBriefing().items().get(0).getId())));
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldPublishEveryItemOfABriefingAndAnswerTheirIds() throws Exception {
    HttpResponse<String> response =
        postBriefing(
            "?source=plain-briefing.txt&publisher=analyst-kim",
            "text/markdown; charset=utf-8",
            briefing());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("published").asInt()).isEqualTo(7);
    assertThat(answer.get("alreadyPublished").asInt()).isZero();
    List<NewsItem> expected =
        new eu.sectoralerts.ingest.briefing.BriefingParser(Clock.fixed(NOW, ZoneOffset.UTC))
            .parse("plain-briefing.txt", briefing(), "analyst-kim")
            .items();
    assertThat(publisher.published).containsExactlyElementsOf(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(answer.get("items").get(i).get("id").asText()).isEqualTo(expected.get(i).getId());
      assertThat(answer.get("items").get(i).get("status").asText()).isEqualTo("published");
    }
  }

  @Test
  void shouldPublishNothingNewWhenTheSameBriefingComesAgain() throws Exception {
    postBriefing("?source=a.txt", "text/plain", briefing());
    HttpResponse<String> again = postBriefing("?source=b.txt", "text/plain", briefing());

    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode answer = json.readTree(again.body());
    assertThat(answer.get("published").asInt()).isZero();
    assertThat(answer.get("alreadyPublished").asInt()).isEqualTo(7);
    answer
        .get("items")
        .forEach(item -> assertThat(item.get("status").asText()).isEqualTo("already-published"));
    assertThat(publisher.published).hasSize(7);
  }

  @Test
  void shouldPublishOnlyTheItemsNotPublishedBefore() throws Exception {
    String known = parsedBriefing().items().get(2).getId();
    publishedIds.claim(known);

    JsonNode answer = json.readTree(postBriefing("", "text/plain", briefing()).body());

    assertThat(answer.get("source").asText()).isEqualTo("briefing");
    assertThat(answer.get("published").asInt()).isEqualTo(6);
    assertThat(answer.get("alreadyPublished").asInt()).isEqualTo(1);
    assertThat(answer.get("items").get(2).get("status").asText()).isEqualTo("already-published");
    assertThat(publisher.published).extracting(NewsItem::getId).doesNotContain(known);
  }

  @Test
  void shouldGiveMonthOnlyDatesAsYearAndMonth() throws Exception {
    String overview =
        """
        Policy Update | June 2023

        Lasers

        Key message: The plan wants domestic fibre lasers in every new welding line.
        """;
    JsonNode answer = json.readTree(postBriefing("?dryRun=true", "text/plain", overview).body());

    assertThat(answer.get("items").get(0).get("eventDate").asText()).isEqualTo("2023-06");
  }

  @Test
  void shouldRefuseDocumentsThatAreNoBriefingAndPublishNothing() throws Exception {
    JsonNode notBriefing =
        assertError(
            postBriefing("?source=memo.txt", "text/plain", "Lunch is at noon.\n"),
            422,
            "unprocessable_briefing");
    JsonNode badDate =
        assertError(
            postBriefing(
                "", "text/plain", briefing().replace("December 28, 2023", "Decembruary 28")),
            422,
            "unprocessable_briefing");
    JsonNode empty = assertError(postBriefing("", "text/plain", ""), 400, "invalid_request");
    HttpResponse<String> binary =
        send(
            "/v1/briefings",
            "text/plain",
            "Bearer " + KEY,
            BodyPublishers.ofByteArray(new byte[] {'%', 'P', 'D', 'F', 0, 7}));

    assertThat(notBriefing.get("message").asText()).startsWith("No items found in memo.txt");
    assertThat(badDate.get("message").asText()).contains("Unreadable date 'Decembruary 28'");
    assertThat(empty.get("message").asText()).contains("empty");
    assertThat(assertError(binary, 400, "invalid_request").get("message").asText())
        .contains("binary");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldRefuseABriefingOfTheWrongTypeOrSize() throws Exception {
    assertError(postBriefing("", "application/json", briefing()), 415, "unsupported_media_type");
    assertError(
        postBriefing("", "text/plain; charset=latin1", briefing()), 415, "unsupported_media_type");
    JsonNode tooBig =
        assertError(
            postBriefing("", "text/plain", briefing() + "x".repeat(MAX_BRIEFING)),
            413,
            "payload_too_large");
    assertError(postBriefing("?dryRun=maybe", "text/plain", briefing()), 400, "invalid_request");

    assertThat(tooBig.get("message").asText()).contains("16384 bytes");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldPublishNoneOfABriefingWhenStoringFailsAndAcceptTheRetry() throws Exception {
    publisher.failing = true;

    JsonNode error = assertError(postBriefing("", "text/plain", briefing()), 503, "unavailable");

    assertThat(error.get("message").asText()).contains("retrying is safe");
    assertThat(publisher.published).isEmpty();
    publisher.failing = false;
    JsonNode retry = json.readTree(postBriefing("", "text/plain", briefing()).body());
    assertThat(retry.get("published").asInt()).isEqualTo(7);
  }

  private static String briefing() {
    try (var in = IngestApiTest.class.getResourceAsStream("/briefings/plain-briefing.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static eu.sectoralerts.ingest.briefing.ParsedBriefing parsedBriefing() {
    return new eu.sectoralerts.ingest.briefing.BriefingParser(Clock.fixed(NOW, ZoneOffset.UTC))
        .parse("plain-briefing.txt", briefing(), "briefing-import");
  }

  private HttpResponse<String> postBriefing(String query, String contentType, String body)
      throws Exception {
    return send("/v1/briefings" + query, contentType, "Bearer " + KEY, body);
  }

  private HttpResponse<String> send(
      String path, String contentType, String authorization, String body) throws Exception {
    return send(path, contentType, authorization, BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(
      String path, String contentType, String authorization, BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .header("Authorization", authorization)
            .POST(body)
            .build(),
        BodyHandlers.ofString());
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
    return send("/v1/items", contentType, "Bearer " + KEY, body);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  /**
   * Records what it is given and answers offsets 40, 41, ... on partition 1; publishes a batch all
   * or nothing, as the Kafka publisher does.
   */
  private static final class RecordingPublisher implements ItemPublisher {
    final List<NewsItem> published = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public synchronized List<PublishReceipt> publishAll(List<NewsItem> items) {
      if (failing) {
        throw new PublishException(
            "Could not publish " + items.size() + " items: broker went away",
            new IllegalStateException("test"));
      }
      return items.stream().map(this::publish).toList();
    }

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
