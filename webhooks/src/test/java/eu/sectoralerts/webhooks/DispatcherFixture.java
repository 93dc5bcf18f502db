package eu.sectoralerts.webhooks;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.avro.WebhookTarget;
import eu.sectoralerts.common.ContentIds;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.Topic;
import eu.sectoralerts.common.TopicSpec;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.testkit.KafkaCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One isolated setup per test on the shared cluster: its own alerts, deliveries and dead-letter
 * topics (two partitions, like a small deployment), a fake watchlist store, a producer of alerts
 * and the dispatchers a test starts (closed with the fixture).
 */
final class DispatcherFixture implements AutoCloseable {

  static final int PARTITIONS = 2;
  private static final ObjectMapper JSON = Json.newMapper();

  /** Watchlists in memory, as alert-service's global store would hold them. */
  static final class Watchlists implements WatchlistLookup {
    private final Map<String, Watchlist> byId = new ConcurrentHashMap<>();

    @Override
    public Optional<Watchlist> find(String watchlistId) {
      return Optional.ofNullable(byId.get(watchlistId));
    }

    @Override
    public boolean anyWebhookOf(String subscriberId) {
      return byId.values().stream()
          .anyMatch(w -> w.getSubscriberId().equals(subscriberId) && w.getWebhook() != null);
    }

    void put(Watchlist w) {
      byId.put(w.getId(), w);
    }

    void delete(String id) {
      byId.remove(id);
    }
  }

  final KafkaCluster cluster;
  final Watchlists watchlists = new Watchlists();
  final Topic<String, Alert> alerts;
  final Topic<String, WebhookDelivery> deliveries;
  final Topic<byte[], DeadLetter> deadLetters;
  final String groupId;
  private final KafkaProducer<String, Alert> producer;
  private final List<WebhookDispatcher> started = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();
  volatile Function<Alert, String> payload = DispatcherFixture::render;

  DispatcherFixture(KafkaCluster cluster) {
    this.cluster = cluster;
    SchemaRegistryClient registry =
        SchemaRegistryClients.forUrl("mock://" + cluster.uniqueName("webhooks"));
    this.alerts =
        new Topic<>(
            cluster.uniqueName("alerts"),
            Serdes.String(),
            AvroSerde.forValues(registry, Alert.class));
    this.deliveries =
        new Topic<>(
            cluster.uniqueName("webhook-deliveries"),
            Serdes.String(),
            AvroSerde.forValues(registry, WebhookDelivery.class));
    this.deadLetters =
        new Topic<>(
            cluster.uniqueName("alert-dead-letters"),
            Serdes.ByteArray(),
            AvroSerde.forValues(registry, DeadLetter.class));
    this.groupId = cluster.uniqueName("webhooks");
    cluster.createTopics(
        List.of(
            TopicSpec.retained(alerts.name(), PARTITIONS, (short) 1, Duration.ofDays(1).toMillis()),
            TopicSpec.compacted(deliveries.name(), PARTITIONS, (short) 1),
            TopicSpec.retained(deadLetters.name(), 1, (short) 1, Duration.ofDays(1).toMillis())));
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            alerts.keySerde().serializer(),
            alerts.valueSerde().serializer());
  }

  /** Short timeouts and backoffs; http and loopback allowed (the receivers are local). */
  static WebhookSettings fast() {
    return new WebhookSettings(
        Duration.ofSeconds(2),
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        64,
        4,
        true,
        true);
  }

  WebhookDispatcher start(WebhookSettings settings) {
    WebhookDispatcher dispatcher =
        WebhookDispatcher.start(
            new WebhookDispatcher.Config(
                cluster.bootstrapServers(),
                groupId,
                alerts,
                deliveries,
                deadLetters,
                settings,
                watchlists,
                alert -> payload.apply(alert),
                null,
                null,
                Clock.systemUTC(),
                new Random(11),
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)));
    started.add(dispatcher);
    await().atMost(Duration.ofSeconds(30)).until(dispatcher::isReady);
    return dispatcher;
  }

  /** A watchlist of {@code subscriberId} with a webhook to {@code url} (null: no webhook). */
  Watchlist watchlist(String subscriberId, URI url) {
    Instant now = Instant.now();
    Watchlist w =
        Watchlist.newBuilder()
            .setId("wl-" + UUID.randomUUID())
            .setSubscriberId(subscriberId)
            .setName("Rail suppliers")
            .setSectors(List.of("rail"))
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .setWebhook(
                url == null
                    ? null
                    : new WebhookTarget(url.toString(), WebhookSecrets.newSecret(random)))
            .build();
    watchlists.put(w);
    return w;
  }

  /** A new alert of {@code watchlist} about a fresh item. */
  Alert alert(Watchlist watchlist) {
    Instant now = Instant.now();
    String itemId = "itm-" + UUID.randomUUID().toString().substring(0, 8);
    NewsItem item =
        NewsItem.newBuilder()
            .setId(itemId)
            .setKind(ItemKind.POLICY)
            .setTitle("Ministry lists rolling-stock makers for a procurement review")
            .setBody("A notice names train makers whose tenders will be checked again.")
            .setPublisher("analyst-test")
            .setPublishedAt(now)
            .build();
    TaggedItem tagged =
        TaggedItem.newBuilder()
            .setItem(item)
            .setSectors(List.of("rail"))
            .setLevel(RiskLevel.MEDIUM)
            .setScore(45)
            .setTaxonomyVersion("test")
            .setTaggedAt(now)
            .build();
    return Alert.newBuilder()
        .setId(ContentIds.of("alr-", itemId, watchlist.getId()))
        .setSubscriberId(watchlist.getSubscriberId())
        .setWatchlistId(watchlist.getId())
        .setWatchlistName(watchlist.getName())
        .setItem(tagged)
        .setCreatedAt(now)
        .build();
  }

  /** Writes {@code alert} to the alerts topic, keyed by its subscriber, and says where it went. */
  RecordMetadata publish(Alert alert) {
    try {
      return producer
          .send(new ProducerRecord<>(alerts.name(), alert.getSubscriberId(), alert))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Every dead letter on the dead-letter topic so far. */
  List<DeadLetter> deadLetters() {
    List<DeadLetter> out = new ArrayList<>();
    readAll(
        deadLetters.name(),
        r -> out.add(deadLetters.valueSerde().deserializer().deserialize(r.topic(), r.value())));
    return out;
  }

  /** The latest record of each delivery on the deliveries topic. */
  Map<String, WebhookDelivery> deliveriesOnTopic() {
    Map<String, WebhookDelivery> out = new LinkedHashMap<>();
    readAll(
        deliveries.name(),
        r ->
            out.put(
                new String(r.key(), StandardCharsets.UTF_8),
                deliveries.valueSerde().deserializer().deserialize(r.topic(), r.value())));
    return out;
  }

  private void readAll(
      String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(100)).forEach(sink);
      }
    }
  }

  /** The JSON body of an alert's webhook: a Standard Webhooks envelope. */
  static String render(Alert alert) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", alert.getId());
    data.put("watchlistId", alert.getWatchlistId());
    data.put("title", alert.getItem().getItem().getTitle());
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("type", "alert.created");
    envelope.put("timestamp", alert.getCreatedAt().toString());
    envelope.put("data", data);
    try {
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    started.forEach(WebhookDispatcher::close);
    producer.close(Duration.ofSeconds(5));
  }
}
