package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import eu.sectoralerts.webhooks.WebhookSignatures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscribers end to end on a real broker, one pipeline for the class (each test has its own
 * subscribers): scoped keys, inbox and live stream with explanations, live watchlist changes,
 * signed webhooks that survive a receiver outage, and one alert per item and watchlist.
 */
@ExtendWith(KafkaClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriberFlowIntegrationTest {

  private final PipelineTestSupport api = new PipelineTestSupport();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Pipeline pipeline;
  private Map<String, String> topics;
  private String analystKey;

  @BeforeAll
  void startPipeline(KafkaCluster kafka, @TempDir Path dataDir) throws IOException {
    topics = PipelineTestSupport.isolated(kafka);
    Map<String, String> overrides = new HashMap<>(topics);
    overrides.put("alert.webhooks.retry.initial", "200");
    overrides.put("alert.webhooks.retry.max", "1000");
    pipeline =
        Pipeline.start(
            PipelineSettings.embeddedDefault(dataDir)
                .onFreePorts()
                .withCluster(kafka.bootstrapServers())
                .withServiceOverrides(overrides),
            step -> {});
    analystKey = Files.readString(pipeline.analystKeyFile()).strip();
  }

  @AfterAll
  void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldShowEachSubscriberOnlyItsOwnMatchesInTheInboxAndOnTheLiveStream() throws Exception {
    String rail = api.createSubscriber(pipeline, "flow-rail");
    String chips = api.createSubscriber(pipeline, "flow-chips");
    JsonNode railList =
        api.createWatchlist(
            pipeline.alertUrl(),
            rail,
            "{\"name\": \"Fast trains\", \"sectors\": [\"rail\"], \"query\": \"high-speed AND"
                + " train*\"}");
    api.createWatchlist(
        pipeline.alertUrl(), chips, "{\"name\": \"Chips\", \"sectors\": [\"semiconductors\"]}");
    EventStream railStream = EventStream.open(http, pipeline.alertUrl(), rail);
    EventStream chipStream = EventStream.open(http, pipeline.alertUrl(), chips);

    String railItem =
        publish(
            "Operator orders high-speed trains for a new line",
            "The national railway operator orders sixty high-speed trains from a domestic maker.");
    String chipItem =
        publish(
            "Foundry adds wafer capacity",
            "A semiconductor foundry adds wafer capacity for mature-node chips.");

    JsonNode railAlerts = api.awaitAlerts(pipeline.alertUrl(), rail, 1);
    JsonNode chipAlerts = api.awaitAlerts(pipeline.alertUrl(), chips, 1);
    assertThat(railAlerts.findValuesAsText("itemId")).containsExactly(railItem);
    assertThat(chipAlerts.findValuesAsText("itemId")).containsExactly(chipItem);
    JsonNode reasons = railAlerts.get(0).get("reasons");
    assertThat(reasons.findValuesAsText("criterion")).containsExactly("sectors", "query");
    JsonNode query = reasons.get(1);
    assertThat(query.get("matched").toString()).containsIgnoringCase("high").contains("trains");
    assertThat(query.get("highlights")).isNotEmpty();
    Awaitility.await("live alerts")
        .atMost(Duration.ofSeconds(30))
        .until(() -> railStream.ids().size() == 1 && chipStream.ids().size() == 1);
    assertThat(railStream.ids()).containsExactly(railAlerts.get(0).get("id").asText());
    assertThat(chipStream.ids()).containsExactly(chipAlerts.get(0).get("id").asText());
    railStream.close();
    chipStream.close();

    String railWatchlist = "/v1/watchlists/" + railList.get("id").asText();
    String railAlert = "/v1/alerts/" + railAlerts.get(0).get("id").asText();
    assertThat(status("GET", railWatchlist, chips, null)).isEqualTo(404);
    assertThat(status("PUT", railWatchlist, chips, "{\"name\": \"mine now\"}")).isEqualTo(404);
    assertThat(status("DELETE", railWatchlist, chips, null)).isEqualTo(404);
    assertThat(status("GET", railAlert, chips, null)).isEqualTo(404);
    assertThat(status("GET", railAlert, rail, null)).isEqualTo(200);
    assertThat(status("GET", railWatchlist, null, null)).isEqualTo(401);
    assertThat(status("GET", "/v1/alerts", "sa_flow-rail." + "A".repeat(43), null)).isEqualTo(401);
  }

  @Test
  void shouldMatchTheNextItemWithChangedCriteriaWithoutARestart() throws Exception {
    String changer = api.createSubscriber(pipeline, "flow-changer");
    String everything = api.createSubscriber(pipeline, "flow-everything");
    api.createWatchlist(pipeline.alertUrl(), everything, "{\"name\": \"All\"}");
    String id =
        api.createWatchlist(
                pipeline.alertUrl(), changer, "{\"name\": \"Watch\", \"sectors\": [\"rail\"]}")
            .get("id")
            .asText();
    String first =
        publish("Tram maker wins a metro order", "A tram and metro maker wins a rail order.");
    api.awaitAlerts(pipeline.alertUrl(), changer, 1);

    assertThat(
            status(
                "PUT",
                "/v1/watchlists/" + id,
                changer,
                "{\"name\": \"Watch\", \"sectors\": [\"semiconductors\"]}"))
        .isEqualTo(200);
    String railAgain =
        publish("Rail freight corridor opens", "A new rail freight corridor opens to Europe.");
    String chips =
        publish("Chip plant expands", "A semiconductor plant expands its wafer fabrication.");

    // The catch-all watchlist shows when all three items have been matched.
    api.awaitAlerts(pipeline.alertUrl(), everything, 3);
    assertThat(api.alerts(pipeline.alertUrl(), everything).findValuesAsText("itemId"))
        .containsExactlyInAnyOrder(first, railAgain, chips);
    assertThat(api.alerts(pipeline.alertUrl(), changer).findValuesAsText("itemId"))
        .containsExactlyInAnyOrder(first, chips);
  }

  @Test
  void shouldDeliverEveryWebhookOnceWithAValidSignatureAfterTheReceiverWasDown() throws Exception {
    Receiver receiver = Receiver.start(0);
    int port = receiver.port();
    String hooks = api.createSubscriber(pipeline, "flow-hooks");
    JsonNode watchlist =
        api.createWatchlist(
            pipeline.alertUrl(),
            hooks,
            "{\"name\": \"Energy hooks\", \"query\": \"grid OR wind OR solar\", \"webhookUrl\":"
                + " \"http://127.0.0.1:"
                + port
                + "/hook\"}");
    String secret = watchlist.get("webhook").get("secret").asText();
    publish("Grid operator adds storage", "A power grid operator adds battery energy storage.");
    // Delivered means the dispatcher has the 200, not that the receiver has the request: the
    // receiver records a request before answering it, and stop(0) does not wait for the answer.
    // A receiver stopped in between cuts the exchange off, and the dispatcher rightly tries again.
    Awaitility.await("first webhook delivered")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> deliveryStatuses(hooks), statuses -> statuses.equals(List.of("DELIVERED")));
    assertThat(receiver.received).hasSize(1);
    receiver.stop();

    publish("Wind farm connects", "A large offshore wind power farm connects to the grid.");
    publish("Solar tariff changes", "A new feed-in tariff applies to solar power plants.");
    // While it is down the attempts fail, and the delivery log says so.
    Awaitility.await("failed attempts")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                api
                        .get(pipeline.alertUrl() + "/v1/deliveries", hooks)
                        .get("deliveries")
                        .findValues("error")
                        .stream()
                        .filter(e -> !e.isNull())
                        .count()
                    >= 2);
    Receiver back = Receiver.start(port);
    try {
      Awaitility.await("every webhook")
          .atMost(Duration.ofSeconds(60))
          .until(() -> receiver.received.size() + back.received.size() == 3);
      JsonNode alerts = api.awaitAlerts(pipeline.alertUrl(), hooks, 3);
      Awaitility.await("delivery log")
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> deliveryStatuses(hooks),
              statuses -> statuses.equals(List.of("DELIVERED", "DELIVERED", "DELIVERED")));
      // Counted once all three are DELIVERED, so a repeat sent before that shows up here.
      List<Delivery> all = new java.util.ArrayList<>(receiver.received);
      all.addAll(back.received);
      assertThat(all)
          .extracting(Delivery::id)
          .containsExactlyInAnyOrderElementsOf(alerts.findValuesAsText("id"));
      for (Delivery d : all) {
        assertThat(WebhookSignatures.verify(secret, d.id(), d.timestamp(), d.body(), d.signature()))
            .as("signature of %s", d.id())
            .isTrue();
      }
    } finally {
      back.stop();
    }
  }

  @Test
  void shouldAlertOncePerWatchlistWhenTheSameItemIsPublishedTwice() throws Exception {
    String twice = api.createSubscriber(pipeline, "flow-twice");
    api.createWatchlist(pipeline.alertUrl(), twice, "{\"name\": \"Ports\", \"sectors\": []}");
    api.createWatchlist(
        pipeline.alertUrl(), twice, "{\"name\": \"Policies\", \"kinds\": [\"POLICY\"]}");
    NewsItem item =
        NewsItem.newBuilder()
            .setId("itm-flow-duplicate-1")
            .setKind(ItemKind.POLICY)
            .setTitle("Port authority sets new shipping fees")
            .setBody("The port authority sets new container shipping fees for foreign carriers.")
            .setEventDate(null)
            .setEventDatePrecision(DatePrecision.DAY)
            .setPublisher("integration-test")
            .setPublishedAt(Instant.now())
            .build();
    SchemaRegistryClient registry = SchemaRegistryClients.forUrl(pipeline.registryUrl());
    try (KafkaProducer<String, NewsItem> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            AvroSerde.forValues(registry, NewsItem.class).serializer())) {
      // The same item twice, as a producer retrying after a lost acknowledgement would write it.
      producer.send(new ProducerRecord<>(topics.get("topics.items"), item.getId(), item)).get();
      producer.send(new ProducerRecord<>(topics.get("topics.items"), item.getId(), item)).get();
    }
    // Both copies were tagged: the alert service sees the item twice.
    Awaitility.await("both copies tagged")
        .atMost(Duration.ofSeconds(30))
        .until(() -> taggedCopies(item.getId()) == 2);

    // One alert per matching watchlist, and no more come however long one waits.
    api.awaitAlerts(pipeline.alertUrl(), twice, 2);
    Awaitility.await("no third alert")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.alerts(pipeline.alertUrl(), twice).size() == 2);
    JsonNode alerts = api.alerts(pipeline.alertUrl(), twice);
    assertThat(alerts.findValuesAsText("itemId")).containsExactly(item.getId(), item.getId());
    assertThat(alerts.findValuesAsText("watchlistName"))
        .containsExactlyInAnyOrder("Ports", "Policies");
  }

  // ---- helpers

  private List<String> deliveryStatuses(String key) throws IOException, InterruptedException {
    return api.get(pipeline.alertUrl() + "/v1/deliveries", key)
        .get("deliveries")
        .findValuesAsText("status");
  }

  /** How many records with this key the tagged-items topic holds (committed ones). */
  private int taggedCopies(String key) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      String topic = topics.get("topics.tagged");
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      int copies = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            copies++;
          }
        }
      }
      return copies;
    }
  }

  private String publish(String title, String body) throws IOException, InterruptedException {
    return api.post(
            pipeline.ingestUrl() + "/v1/items",
            "application/json",
            "Bearer " + analystKey,
            json.writeValueAsString(
                Map.of(
                    "kind",
                    "CORPORATE",
                    "title",
                    title,
                    "body",
                    body,
                    "publisher",
                    "integration-test")),
            202)
        .get("id")
        .asText();
  }

  private int status(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(pipeline.alertUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** One webhook POST as received. */
  record Delivery(String id, String timestamp, String signature, byte[] body) {
    @Override
    public String toString() {
      return id + "@" + timestamp;
    }
  }

  /** A local webhook receiver answering 200. */
  static final class Receiver {
    final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private Receiver(HttpServer server) {
      this.server = server;
    }

    static Receiver start(int port) throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      Receiver receiver = new Receiver(server);
      server.createContext(
          "/hook",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.received.add(
                new Delivery(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return receiver;
    }

    int port() {
      return server.getAddress().getPort();
    }

    void stop() {
      server.stop(0);
    }
  }

  /** A Server-Sent Events client collecting the ids of the alerts it receives. */
  static final class EventStream implements AutoCloseable {
    private final Map<String, Boolean> ids = new ConcurrentHashMap<>();
    private final AtomicInteger events = new AtomicInteger();
    private final Thread reader;
    private volatile InputStream body;

    private EventStream(Thread reader) {
      this.reader = reader;
    }

    static EventStream open(HttpClient http, String alertUrl, String key) throws Exception {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(alertUrl + "/v1/alerts/stream"))
                  .header("Authorization", "Bearer " + key)
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      ObjectMapper json = new ObjectMapper();
      EventStream[] self = new EventStream[1];
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                      self[0].ids.put(json.readTree(line.substring(5)).get("id").asText(), true);
                      self[0].events.incrementAndGet();
                    }
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "sse-reader");
      self[0] = new EventStream(reader);
      self[0].body = response.body();
      reader.setDaemon(true);
      reader.start();
      return self[0];
    }

    List<String> ids() {
      return List.copyOf(ids.keySet());
    }

    @Override
    public void close() throws IOException {
      body.close();
      reader.interrupt();
    }
  }
}
