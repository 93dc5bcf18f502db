package eu.sectoralerts.alert;

import static eu.sectoralerts.alert.Fixtures.taggedItem;
import static eu.sectoralerts.alert.Fixtures.watchlist;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertApiTest {

  private static final Instant NOW = Instant.parse("2024-05-02T07:30:00Z");
  private static final UUID UUID_1 = UUID.fromString("00000000-0000-4000-8000-000000000001");

  private final ObjectMapper json = Json.newMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakePublisher publisher = new FakePublisher();
  private final FakeInbox inbox = new FakeInbox();
  private final Map<String, List<Watchlist>> watchlists = new java.util.HashMap<>();
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.RUNNING);
  private AlertApi api;

  @BeforeEach
  void startApi() {
    api =
        AlertApi.start(
            "127.0.0.1",
            0,
            new AlertApi.Deps(
                publisher,
                subscriber -> watchlists.getOrDefault(subscriber, List.of()),
                inbox,
                state::get,
                Clock.fixed(NOW, ZoneOffset.UTC),
                () -> UUID_1));
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void shouldPublishAValidWatchlistAndAnswer201WithIt() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/watchlists",
            """
            {"subscriberId": "acme", "name": "  Rail suppliers ", "sectors": ["rail"],
             "risks": ["market-access", "competition"], "minLevel": "MEDIUM", "kinds": ["POLICY"]}
            """);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"id": "wl-00000000-0000-4000-8000-000000000001", "subscriberId": "acme",
                 "name": "Rail suppliers", "sectors": ["rail"],
                 "risks": ["market-access", "competition"], "minLevel": "MEDIUM",
                 "kinds": ["POLICY"], "createdAt": "2024-05-02T07:30:00Z"}
                """));
    assertThat(publisher.published)
        .containsExactly(
            new Watchlist(
                "wl-00000000-0000-4000-8000-000000000001",
                "acme",
                "Rail suppliers",
                List.of("rail"),
                List.of("market-access", "competition"),
                RiskLevel.MEDIUM,
                List.of(ItemKind.POLICY),
                NOW,
                NOW));
  }

  @Test
  void shouldDefaultOptionalCriteriaToMatchAnything() throws Exception {
    HttpResponse<String> response =
        post("/v1/watchlists", "{\"subscriberId\": \"acme\", \"name\": \"Everything\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(publisher.published)
        .containsExactly(
            new Watchlist(
                "wl-" + UUID_1,
                "acme",
                "Everything",
                List.of(),
                List.of(),
                RiskLevel.NONE,
                List.of(),
                NOW,
                NOW));
  }

  @Test
  void shouldAnswer400NamingAnUnknownSector() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/watchlists",
            "{\"subscriberId\": \"acme\", \"name\": \"Trains\", \"sectors\": [\"railways\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"status": 400, "error": "invalid_request",
                 "message": "Invalid watchlist: sectors[0]",
                 "fields": [{"field": "sectors[0]", "message": "is not a sector id: 'railways'"}]}
                """));
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldNameEveryInvalidField() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/watchlists",
            """
            {"subscriberId": "acme corp", "name": " ", "sectors": ["rail", "trains"],
             "risks": ["tariffs"], "minLevel": "SEVERE", "kinds": ["POLICY", "RUMOUR"]}
            """);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).findValuesAsText("field"))
        .containsExactly("subscriberId", "name", "sectors[1]", "risks[0]", "minLevel", "kinds[1]");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAnswer400ForAnUnknownJsonField() throws Exception {
    HttpResponse<String> response =
        post("/v1/watchlists", "{\"subscriberId\": \"acme\", \"name\": \"x\", \"sector\": []}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).findValuesAsText("field")).containsExactly("sector");
  }

  @Test
  void shouldAnswer400ForABodyThatIsNotAWatchlistObject() throws Exception {
    HttpResponse<String> empty = post("/v1/watchlists", "");
    HttpResponse<String> nullBody = post("/v1/watchlists", "null");
    HttpResponse<String> broken = post("/v1/watchlists", "{\"subscriberId\": ");

    assertThat(List.of(empty.statusCode(), nullBody.statusCode(), broken.statusCode()))
        .containsExactly(400, 400, 400);
    assertThat(json.readTree(broken.body()).get("error").asText()).isEqualTo("invalid_json");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAnswer503WhenTheWatchlistCannotBeStored() throws Exception {
    publisher.failure = new UnavailableException("Kafka is away");

    HttpResponse<String> response =
        post("/v1/watchlists", "{\"subscriberId\": \"acme\", \"name\": \"x\"}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"status": 503, "error": "unavailable", "message": "Kafka is away", "fields": []}
                """));
  }

  @Test
  void shouldListASubscribersWatchlists() throws Exception {
    watchlists.put(
        "acme",
        List.of(watchlist("wl-1", "acme", List.of("rail"), List.of(), RiskLevel.LOW, List.of())));

    HttpResponse<String> response = get("/v1/watchlists?subscriber=acme");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"subscriber": "acme", "watchlists": [
                  {"id": "wl-1", "subscriberId": "acme", "name": "Watchlist wl-1",
                   "sectors": ["rail"], "risks": [], "minLevel": "LOW", "kinds": [],
                   "createdAt": "2024-02-01T08:00:00Z"}]}
                """));
  }

  @Test
  void shouldAnswerASubscribersAlertsAsJson() throws Exception {
    inbox.alerts =
        List.of(
            new Alert(
                "alr-0123456789abcdef",
                "acme",
                "wl-1",
                "Rail suppliers",
                taggedItem(
                    "itm-9",
                    ItemKind.POLICY,
                    List.of("rail"),
                    List.of("competition"),
                    RiskLevel.HIGH),
                List.of(new MatchReason("sectors", List.of("rail"))),
                Instant.parse("2024-05-01T10:00:00Z")));

    HttpResponse<String> response = get("/v1/alerts?subscriber=acme&limit=5");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"subscriber": "acme", "alerts": [
                  {"id": "alr-0123456789abcdef", "watchlistId": "wl-1",
                   "watchlistName": "Rail suppliers", "itemId": "itm-9", "kind": "POLICY",
                   "title": "Ministry sets targets for intercity rolling stock renewal (itm-9)",
                   "eventDate": "2024-01-15", "sectors": ["rail"], "risks": ["competition"],
                   "level": "HIGH", "score": 80, "europeanFirms": ["Siemens"],
                   "issuingBodies": ["MOT"],
                   "reasons": [{"criterion": "sectors", "matched": ["rail"]}],
                   "createdAt": "2024-05-01T10:00:00Z"}]}
                """));
    assertThat(inbox.queries).containsExactly("acme/5");
  }

  @Test
  void shouldReadFiftyAlertsByDefault() throws Exception {
    HttpResponse<String> response = get("/v1/alerts?subscriber=acme");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()))
        .isEqualTo(json.readTree("{\"subscriber\": \"acme\", \"alerts\": []}"));
    assertThat(inbox.queries).containsExactly("acme/50");
  }

  @Test
  void shouldAnswer400WhenTheSubscriberIsMissing() throws Exception {
    HttpResponse<String> response = get("/v1/alerts");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                """
                {"status": 400, "error": "invalid_request",
                 "message": "Invalid field 'subscriber': query parameter is required",
                 "fields": [{"field": "subscriber", "message": "query parameter is required"}]}
                """));
    assertThat(inbox.queries).isEmpty();
  }

  @Test
  void shouldAnswer400ForALimitOutOfRange() throws Exception {
    HttpResponse<String> response = get("/v1/alerts?subscriber=acme&limit=501");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).findValuesAsText("field")).containsExactly("limit");
  }

  @Test
  void shouldAnswer503WhileTheInboxIsNotReady() throws Exception {
    inbox.failure = new UnavailableException("Not ready: Kafka Streams is REBALANCING");

    HttpResponse<String> response = get("/v1/alerts?subscriber=acme");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("unavailable");
  }

  @Test
  void shouldReportHealthFromTheStreamsState() throws Exception {
    HttpResponse<String> up = get("/health");
    state.set(KafkaStreams.State.REBALANCING);
    HttpResponse<String> starting = get("/health");

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(json.readTree(up.body()))
        .isEqualTo(json.readTree("{\"status\": \"UP\", \"streams\": \"RUNNING\"}"));
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(json.readTree(starting.body()))
        .isEqualTo(json.readTree("{\"status\": \"STARTING\", \"streams\": \"REBALANCING\"}"));
  }

  @Test
  void shouldAnswerAnUnknownPathWithAJson404() throws Exception {
    HttpResponse<String> response = get("/v1/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("not_found");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private static final class FakePublisher implements WatchlistPublisher {
    final List<Watchlist> published = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;

    @Override
    public void publish(Watchlist watchlist) {
      if (failure != null) {
        throw failure;
      }
      published.add(watchlist);
    }
  }

  private static final class FakeInbox implements AlertInbox {
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile List<Alert> alerts = new ArrayList<>();
    volatile RuntimeException failure;

    @Override
    public List<Alert> newestFirst(String subscriberId, int limit) {
      if (failure != null) {
        throw failure;
      }
      queries.add(subscriberId + "/" + limit);
      return alerts;
    }
  }
}
