package eu.sectoralerts.alert;

import static eu.sectoralerts.alert.Fixtures.taggedItem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.webhooks.HttpWebhookSender;
import eu.sectoralerts.webhooks.WebhookSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the subscriber web page needs from the API: the page itself with its security headers, the
 * taxonomy with labels, validation without storing, a test delivery to a real local HTTP receiver,
 * and the weekly counts.
 */
class SubscriberPageApiTest {

  /** A Thursday: its week starts on Monday 2024-04-29. */
  private static final Instant NOW = Instant.parse("2024-05-02T07:30:00Z");

  private static final String OPERATOR_KEY = "operator-key-for-page-tests";
  private static final String METADATA = "169.254.169.254";

  private final ObjectMapper json = Json.newMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final LiveTable<Subscriber> subscribers = new LiveTable<>();
  private final LiveTable<Watchlist> watchlists = new LiveTable<>();
  private final DirectPublisher<Watchlist> watchlistPublisher = new DirectPublisher<>(watchlists);
  private final FakeInbox inbox = new FakeInbox();
  private final FakeDeliveries deliveries = new FakeDeliveries();
  private final AtomicReference<String> refusedHost = new AtomicReference<>(METADATA);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger receiverStatus = new AtomicInteger(200);
  private HttpServer receiver;
  private AlertApi api;

  /** One POST the receiver got. */
  record Received(Map<String, String> headers, byte[] body) {}

  @BeforeEach
  void start() throws IOException {
    subscribers.loadAll(Map.of());
    watchlists.loadAll(Map.of());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Map<String, String> headers = new java.util.HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
          received.add(new Received(headers, body));
          exchange.sendResponseHeaders(receiverStatus.get(), -1);
          exchange.close();
        });
    receiver.start();
    api =
        AlertApi.start(
            "127.0.0.1",
            0,
            new AlertApi.Deps(
                new KeyDigests(List.of(KeyDigests.digestOf(OPERATOR_KEY))),
                subscribers,
                new DirectPublisher<>(subscribers),
                watchlists,
                watchlistPublisher,
                inbox,
                new AlertFeed(),
                deliveries,
                new WatchlistRequest.Checks(
                    query ->
                        query.contains("((")
                            ? Optional.of("Cannot parse query at column 1: unbalanced '('")
                            : Optional.empty(),
                    url ->
                        url.contains(refusedHost.get())
                            ? Optional.of("must not point at a metadata address")
                            : Optional.empty(),
                    () -> "whsec_" + "c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzLi4u"),
                new TestDeliveries(
                    new HttpWebhookSender(Duration.ofSeconds(2)),
                    Duration.ofSeconds(2),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    new SecureRandom()),
                3,
                Duration.ofSeconds(1),
                () -> KafkaStreams.State.RUNNING,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom()));
  }

  @AfterEach
  void stop() {
    api.close();
    receiver.stop(0);
  }

  // ---- the page

  @Test
  void shouldServeThePageWithASelfOnlyContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = send("GET", "/app/", null, null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.body())
        .contains("<script type=\"module\" src=\"/app/app.js\"></script>")
        .contains("<link rel=\"stylesheet\" href=\"/app/app.css\">");
  }

  @Test
  void shouldServeTheScriptAndStyleSheetWithTheirTypesAndRevalidateByETag() throws Exception {
    HttpResponse<String> script = send("GET", "/app/app.js", null, null);
    HttpResponse<String> style = send("GET", "/app/app.css", null, null);

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(contentType(script)).isEqualTo("text/javascript;charset=utf-8");
    assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(contentType(style)).isEqualTo("text/css;charset=utf-8");
    String etag = script.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        http.send(
            HttpRequest.newBuilder(uri("/app/app.js")).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void shouldRedirectTheRootToThePage() throws Exception {
    HttpResponse<String> root = send("GET", "/", null, null);

    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/app/");
    assertThat(send("GET", "/app", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerAnUnknownFileOfThePageWithTheJson404() throws Exception {
    HttpResponse<String> missing = send("GET", "/app/secrets.txt", null, null);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json.readTree(missing.body()).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void shouldBuildThePageWithoutInlineCodeOrHtmlFromStrings() throws Exception {
    String page = send("GET", "/app/", null, null).body();
    String script = send("GET", "/app/app.js", null, null).body();

    // The CSP would block inline code anyway; this keeps the page from ever relying on it.
    assertThat(page)
        .doesNotContain("style=")
        .doesNotContainPattern(" on[a-z]+=")
        .doesNotContain("<script>");
    assertThat(script)
        .doesNotContain("innerHTML")
        .doesNotContain("outerHTML")
        .doesNotContain("insertAdjacentHTML")
        .doesNotContain("document.write")
        .doesNotContain("eval(")
        .doesNotContain("localStorage");
  }

  // ---- taxonomy

  @Test
  void shouldListEveryTaxonomyIdWithALabelWithoutAKey() throws Exception {
    HttpResponse<String> response = send("GET", "/v1/taxonomy", null, null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode taxonomy = json.readTree(response.body());
    assertThat(taxonomy.get("sectors").findValuesAsText("id"))
        .containsExactlyElementsOf(TaxonomyIds.SECTORS);
    assertThat(taxonomy.get("risks").findValuesAsText("id"))
        .containsExactlyElementsOf(TaxonomyIds.RISKS);
    assertThat(taxonomy.get("sectors").findValuesAsText("label"))
        .doesNotHaveDuplicates()
        .allSatisfy(label -> assertThat(label).isNotBlank());
    assertThat(taxonomy.get("risks").findValuesAsText("label"))
        .doesNotHaveDuplicates()
        .allSatisfy(label -> assertThat(label).isNotBlank());
    assertThat(taxonomy.get("sectors").get(9))
        .isEqualTo(
            json.readTree(
                "{\"id\": \"rail\", \"label\": \"Rail\", \"description\": \"Railways,"
                    + " high-speed rail, maglev, rolling stock\"}"));
    assertThat(taxonomy.get("levels").toString())
        .isEqualTo("[\"NONE\",\"LOW\",\"MEDIUM\",\"HIGH\"]");
    assertThat(taxonomy.get("kinds").toString()).isEqualTo("[\"POLICY\",\"CORPORATE\"]");
  }

  // ---- validation

  @Test
  void shouldAnswerValidForAGoodWatchlistAndStoreNothing() throws Exception {
    String key = subscriber("acme");

    HttpResponse<String> response =
        send(
            "POST",
            "/v1/watchlists/validate",
            key,
            "{\"name\": \"Rail\", \"sectors\": [\"rail\"], \"query\": \"train*\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"valid\": true}"));
    assertThat(watchlistPublisher.written).isEmpty();
  }

  @Test
  void shouldRejectAnInvalidWatchlistWithTheSameProblemAsACreate() throws Exception {
    String key = subscriber("acme");
    String bad =
        "{\"name\": \" \", \"sectors\": [\"rail\", \"trains\"], \"query\": \"((rail\","
            + " \"webhookUrl\": \"http://"
            + METADATA
            + "/latest\"}";

    HttpResponse<String> validated = send("POST", "/v1/watchlists/validate", key, bad);
    HttpResponse<String> created = send("POST", "/v1/watchlists", key, bad);

    assertThat(validated.statusCode()).isEqualTo(400);
    assertThat(json.readTree(validated.body())).isEqualTo(json.readTree(created.body()));
    assertThat(json.readTree(validated.body()).get("fields").findValuesAsText("field"))
        .containsExactly("name", "sectors[1]", "query", "webhookUrl");
    assertThat(watchlistPublisher.written).isEmpty();
  }

  @Test
  void shouldValidateOnlyForASubscriber() throws Exception {
    assertThat(send("POST", "/v1/watchlists/validate", null, "{\"name\": \"x\"}").statusCode())
        .isEqualTo(401);
    assertThat(
            send("POST", "/v1/watchlists/validate", OPERATOR_KEY, "{\"name\": \"x\"}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void shouldValidateEvenWhenTheSubscriberHasAsManyWatchlistsAsAllowed() throws Exception {
    String key = subscriber("acme");
    for (int i = 0; i < 3; i++) {
      createWatchlist(key, "{\"name\": \"List " + i + "\"}");
    }

    assertThat(send("POST", "/v1/watchlists", key, "{\"name\": \"One more\"}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/v1/watchlists/validate", key, "{\"name\": \"Edited\"}").statusCode())
        .isEqualTo(200);
  }

  // ---- test delivery

  @Test
  void shouldSendOneSignedSampleToTheWebhookAndRecordNoDelivery() throws Exception {
    String key = subscriber("acme");
    JsonNode watchlist =
        json.readTree(
            send(
                    "POST",
                    "/v1/watchlists",
                    key,
                    "{\"name\": \"Rail hooks\", \"sectors\": [\"rail\"], \"webhookUrl\": \""
                        + hookUrl()
                        + "\"}")
                .body());
    String id = watchlist.get("id").asText();

    HttpResponse<String> response =
        send("POST", "/v1/watchlists/" + id + "/test-delivery", key, null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode result = json.readTree(response.body());
    assertThat(result.get("status").asInt()).isEqualTo(200);
    assertThat(result.get("delivered").asBoolean()).isTrue();
    assertThat(result.get("durationMs").asLong()).isNotNegative();
    assertThat(result.has("error")).isFalse();
    assertThat(received).hasSize(1);
    Received sample = received.get(0);
    String msgId = sample.headers().get("webhook-id");
    assertThat(msgId).matches("test-[0-9a-f]{16}");
    assertThat(sample.headers().get("webhook-timestamp"))
        .isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(sample.headers().get("content-type")).isEqualTo("application/json");
    assertThat(
            WebhookSignatures.verify(
                watchlist.get("webhook").get("secret").asText(),
                msgId,
                sample.headers().get("webhook-timestamp"),
                sample.body(),
                sample.headers().get("webhook-signature")))
        .isTrue();
    JsonNode payload = json.readTree(new String(sample.body(), StandardCharsets.UTF_8));
    assertThat(payload.get("type").asText()).isEqualTo("webhook.test");
    assertThat(payload.get("data").get("watchlistId").asText()).isEqualTo(id);
    assertThat(payload.get("data").get("watchlistName").asText()).isEqualTo("Rail hooks");
    assertThat(payload.get("data").get("sectors").toString()).isEqualTo("[\"rail\"]");
    assertThat(deliveries.all).isEmpty();
  }

  @Test
  void shouldReportTheReceiversErrorStatusAsTheResult() throws Exception {
    String key = subscriber("acme");
    String id =
        createWatchlist(key, "{\"name\": \"Hooks\", \"webhookUrl\": \"" + hookUrl() + "\"}");
    receiverStatus.set(503);

    JsonNode result =
        json.readTree(send("POST", "/v1/watchlists/" + id + "/test-delivery", key, null).body());

    assertThat(result.get("status").asInt()).isEqualTo(503);
    assertThat(result.get("delivered").asBoolean()).isFalse();
    assertThat(received).hasSize(1);
  }

  @Test
  void shouldReportAnUnreachableReceiverAsAnError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String key = subscriber("acme");
    String id =
        createWatchlist(
            key,
            "{\"name\": \"Hooks\", \"webhookUrl\": \"http://127.0.0.1:" + closedPort + "/x\"}");

    HttpResponse<String> response =
        send("POST", "/v1/watchlists/" + id + "/test-delivery", key, null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode result = json.readTree(response.body());
    assertThat(result.get("status").isNull()).isTrue();
    assertThat(result.get("delivered").asBoolean()).isFalse();
    assertThat(result.get("error").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseATestWithoutAWebhookToARefusedUrlOrOfAnotherSubscriber() throws Exception {
    String acme = subscriber("acme");
    String globex = subscriber("globex");
    String plain = createWatchlist(acme, "{\"name\": \"No hook\"}");
    String hooked =
        createWatchlist(acme, "{\"name\": \"Hooks\", \"webhookUrl\": \"" + hookUrl() + "\"}");

    HttpResponse<String> noHook =
        send("POST", "/v1/watchlists/" + plain + "/test-delivery", acme, null);
    HttpResponse<String> others =
        send("POST", "/v1/watchlists/" + hooked + "/test-delivery", globex, null);
    // The host now counts as refused, as when a name starts resolving to a private address.
    refusedHost.set("127.0.0.1");
    HttpResponse<String> refused =
        send("POST", "/v1/watchlists/" + hooked + "/test-delivery", acme, null);

    assertThat(fieldOf(noHook)).isEqualTo("webhookUrl");
    assertThat(others.statusCode()).isEqualTo(404);
    assertThat(fieldOf(refused)).isEqualTo("webhookUrl");
    assertThat(json.readTree(refused.body()).get("fields").get(0).get("message").asText())
        .isEqualTo("must not point at a metadata address");
    assertThat(received).isEmpty();
  }

  // ---- weekly counts

  @Test
  void shouldCountTheSubscribersAlertsPerWeekByPrimarySector() throws Exception {
    String key = subscriber("acme");
    subscriber("globex");
    inbox.add(alert("a1", "acme", "wl-1", List.of("rail", "automotive"), "2024-05-02T06:00:00Z"));
    inbox.add(alert("a2", "acme", "wl-2", List.of("semiconductors"), "2024-04-29T00:00:00Z"));
    inbox.add(alert("a3", "acme", "wl-1", List.of("rail"), "2024-04-28T23:59:59Z"));
    inbox.add(alert("a4", "acme", "wl-1", List.of("rail"), "2024-04-01T12:00:00Z"));
    inbox.add(alert("g1", "globex", "wl-9", List.of("rail"), "2024-05-01T12:00:00Z"));

    HttpResponse<String> all = send("GET", "/v1/alerts/weekly?weeks=3", key, null);
    HttpResponse<String> one = send("GET", "/v1/alerts/weekly?weeks=3&watchlist=wl-2", key, null);

    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(json.readTree(all.body()))
        .isEqualTo(
            json.readTree(
                """
                {"weeks": [
                  {"start": "2024-04-15", "total": 0, "bySector": {}},
                  {"start": "2024-04-22", "total": 1, "bySector": {"rail": 1}},
                  {"start": "2024-04-29", "total": 2, "bySector": {"semiconductors": 1, "rail": 1}}
                ], "truncated": false}
                """));
    assertThat(json.readTree(one.body()).get("weeks").get(2).get("bySector"))
        .isEqualTo(json.readTree("{\"semiconductors\": 1}"));
  }

  @Test
  void shouldCountTwelveWeeksByDefaultAndRefuseAnOutOfRangeNumber() throws Exception {
    String key = subscriber("acme");

    JsonNode weekly = json.readTree(send("GET", "/v1/alerts/weekly", key, null).body());

    assertThat(weekly.get("weeks")).hasSize(12);
    assertThat(weekly.get("weeks").get(11).get("start").asText()).isEqualTo("2024-04-29");
    assertThat(fieldOf(send("GET", "/v1/alerts/weekly?weeks=0", key, null))).isEqualTo("weeks");
    assertThat(fieldOf(send("GET", "/v1/alerts/weekly?weeks=53", key, null))).isEqualTo("weeks");
    assertThat(send("GET", "/v1/alerts/weekly", null, null).statusCode()).isEqualTo(401);
  }

  // ---- helpers

  /** The Content-Type without spaces: servers differ in whether they put one after the ';'. */
  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static Alert alert(
      String id, String subscriber, String watchlist, List<String> sectors, String at) {
    return new Alert(
        id,
        subscriber,
        watchlist,
        "Watchlist " + watchlist,
        taggedItem("itm-" + id, ItemKind.POLICY, sectors, List.of(), RiskLevel.LOW),
        List.of(new MatchReason("sectors", List.of(sectors.get(0)), List.of())),
        Instant.parse(at));
  }

  private String subscriber(String id) throws Exception {
    return ApiRequests.subscriber(api.port(), OPERATOR_KEY, id);
  }

  private String createWatchlist(String key, String body) throws Exception {
    return ApiRequests.createWatchlist(api.port(), key, body);
  }

  private static String fieldOf(HttpResponse<String> response) throws IOException {
    return ApiRequests.fieldOf(response);
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    return ApiRequests.send(api.port(), method, path, key, body);
  }

  private URI uri(String path) {
    return ApiRequests.uri(api.port(), path);
  }
}
