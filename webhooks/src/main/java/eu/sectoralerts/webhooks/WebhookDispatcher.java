package eu.sectoralerts.webhooks;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.Topic;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts of watchlists with a webhook: reads the alerts topic in a consumer group,
 * keeps one delivery per alert (id = alert id = {@code webhook-id}) on the compacted deliveries
 * topic, and POSTs each one, signed, until the endpoint answers 2xx, answers 410 Gone or the
 * give-up age passes (then a {@code DELIVERY} dead letter names the alert's topic, partition and
 * offset). A delivery lives in the partition of the deliveries topic with the number of its alert's
 * partition, so the instance that owns an alerts partition owns its deliveries; {@link #deliveries}
 * and {@link #delivery} answer for those only.
 *
 * <p>Delivery is at least once on the wire: an attempt's outcome is written after the POST, so a
 * crash between an endpoint's 2xx and that write repeats the POST after the restart (with the same
 * {@code webhook-id} and body; receivers de-duplicate by {@code webhook-id}). A delivery recorded
 * as DELIVERED is never POSTed again, except by {@link #redeliver}. URL and secret are read from
 * the current watchlist before every attempt; a watchlist deleted, or stripped of its webhook,
 * cancels its pending deliveries.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What the dispatcher needs.
   *
   * @param bootstrapServers the Kafka cluster
   * @param groupId the consumer group of the alerts consumer; also the service named in dead
   *     letters
   * @param alerts the alerts topic (key subscriber id)
   * @param deliveries the compacted deliveries topic, with at least as many partitions as alerts
   * @param deadLetters where given-up deliveries and unreadable alerts go
   * @param settings timeouts, retries, caps, allowed URLs
   * @param watchlists the current watchlists
   * @param payload renders an alert as the JSON body POSTed
   * @param sender sends the POSTs; null: an {@link HttpWebhookSender}
   * @param resolver resolves webhook hosts; null: {@link AddressResolver#system()}
   * @param clock attempt times and timestamps; null: the UTC system clock
   * @param jitter the retries' randomness; null: a new {@link SecureRandom}
   * @param clientOverrides Kafka client configs applied to every client (the settings the
   *     dispatcher relies on, such as manual commits, read_committed and acks=all, still win);
   *     null: none
   */
  public record Config(
      String bootstrapServers,
      String groupId,
      Topic<String, Alert> alerts,
      Topic<String, WebhookDelivery> deliveries,
      Topic<byte[], DeadLetter> deadLetters,
      WebhookSettings settings,
      WatchlistLookup watchlists,
      Function<Alert, String> payload,
      WebhookSender sender,
      AddressResolver resolver,
      Clock clock,
      Random jitter,
      Map<String, Object> clientOverrides) {

    public Config {
      requireText(bootstrapServers, "bootstrapServers");
      requireText(groupId, "groupId");
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(deliveries, "deliveries");
      Objects.requireNonNull(deadLetters, "deadLetters");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(watchlists, "watchlists");
      Objects.requireNonNull(payload, "payload");
      sender = sender != null ? sender : new HttpWebhookSender(settings.requestTimeout());
      resolver = resolver != null ? resolver : AddressResolver.system();
      clock = clock != null ? clock : Clock.systemUTC();
      jitter = jitter != null ? jitter : new SecureRandom();
      clientOverrides = clientOverrides == null ? Map.of() : Map.copyOf(clientOverrides);
    }

    /** A configuration with the default sender, resolver, clock, jitter and no client overrides. */
    public static Config of(
        String bootstrapServers,
        String groupId,
        Topic<String, Alert> alerts,
        Topic<String, WebhookDelivery> deliveries,
        Topic<byte[], DeadLetter> deadLetters,
        WebhookSettings settings,
        WatchlistLookup watchlists,
        Function<Alert, String> payload) {
      return new Config(
          bootstrapServers,
          groupId,
          alerts,
          deliveries,
          deadLetters,
          settings,
          watchlists,
          payload,
          null,
          null,
          null,
          null,
          null);
    }

    private static void requireText(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must be set");
      }
    }
  }

  private final AlertConsumerLoop consumerLoop;
  private final Thread consumerThread;
  private final DeliveryEngine engine;
  private final DeliveryLog log;
  private volatile boolean closed;

  private WebhookDispatcher(
      AlertConsumerLoop consumerLoop,
      Thread consumerThread,
      DeliveryEngine engine,
      DeliveryLog log) {
    this.consumerLoop = consumerLoop;
    this.consumerThread = consumerThread;
    this.engine = engine;
    this.log = log;
  }

  /**
   * Starts consuming alerts. Returns at once; {@link #isReady()} says when the assigned partitions'
   * deliveries are loaded.
   *
   * @throws IllegalStateException when the alerts or deliveries topic does not exist, or the
   *     deliveries topic has fewer partitions than the alerts topic
   */
  public static WebhookDispatcher start(Config c) {
    Producer<byte[], byte[]> producer =
        new KafkaProducer<>(
            producerConfig(c), new ByteArraySerializer(), new ByteArraySerializer());
    Consumer<byte[], byte[]> consumer = null;
    Consumer<byte[], byte[]> loader = null;
    try {
      consumer =
          new KafkaConsumer<>(
              consumerConfig(c, true), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      loader =
          new KafkaConsumer<>(
              consumerConfig(c, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      int alertPartitions = partitions(loader, c.alerts().name());
      int deliveryPartitions = partitions(loader, c.deliveries().name());
      if (deliveryPartitions < alertPartitions) {
        throw new IllegalStateException(
            "Topic "
                + c.deliveries().name()
                + " has "
                + deliveryPartitions
                + " partitions, fewer than the "
                + alertPartitions
                + " of "
                + c.alerts().name()
                + "; deliveries live in the partition number of their alert");
      }
    } catch (RuntimeException e) {
      if (consumer != null) {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
      }
      if (loader != null) {
        loader.close(CloseOptions.timeout(Duration.ZERO));
      }
      producer.close(Duration.ZERO);
      throw e;
    }
    DeliveryLog log = new DeliveryLog(producer, c.deliveries(), c.deadLetters());
    DeliveryEngine engine =
        new DeliveryEngine(
            c.settings(),
            new RetryPolicy(c.settings(), c.jitter()),
            c.watchlists(),
            c.sender(),
            c.resolver(),
            c.clock(),
            log,
            c.alerts().name(),
            c.groupId());
    AlertConsumerLoop loop =
        new AlertConsumerLoop(
            consumer,
            loader,
            c.alerts(),
            c.deliveries(),
            engine,
            log,
            c.watchlists(),
            c.payload(),
            c.settings(),
            c.clock(),
            c.groupId(),
            CLOSE_GRACE);
    Thread thread = new Thread(loop, "webhooks-alerts-" + c.groupId());
    thread.setDaemon(true);
    thread.start();
    LOG.info(
        "Webhook dispatcher started: group {}, alerts {}, deliveries {}",
        c.groupId(),
        c.alerts().name(),
        c.deliveries().name());
    return new WebhookDispatcher(loop, thread, engine, log);
  }

  /** Whether the deliveries of the partitions assigned to this instance are loaded. */
  public boolean isReady() {
    return !closed && consumerLoop.isReady();
  }

  /**
   * The subscriber's deliveries held by this instance, newest first.
   *
   * @param watchlistId only the deliveries of this watchlist, when given
   * @param limit at most this many, at least 1
   */
  public List<WebhookDelivery> deliveries(
      String subscriberId, Optional<String> watchlistId, int limit) {
    Objects.requireNonNull(subscriberId, "subscriberId");
    Objects.requireNonNull(watchlistId, "watchlistId");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
    return engine.list(subscriberId, watchlistId, limit);
  }

  /** One delivery, by id (the alert id). */
  public Optional<WebhookDelivery> delivery(String id) {
    return engine.get(Objects.requireNonNull(id, "id"));
  }

  /**
   * Asks for another attempt right away, whatever the delivery's status; the attempt is recorded
   * with {@code redelivery = true} when the delivery had ended (a pending one is just tried
   * sooner). Returns the delivery as recorded with its attempt due. A redelivery is one attempt:
   * success makes the delivery DELIVERED, a failure is recorded and changes nothing else.
   *
   * @throws NoSuchElementException when this instance holds no delivery with this id
   * @throws IllegalStateException when the request cannot be recorded (closing, Kafka away)
   */
  public WebhookDelivery redeliver(String id) {
    if (closed) {
      throw new IllegalStateException("The webhook dispatcher is closed");
    }
    return engine.redeliver(Objects.requireNonNull(id, "id"));
  }

  /**
   * Stops consuming, gives running attempts a few seconds to finish and records their outcome, then
   * closes the Kafka clients. Attempts that have not finished stay pending and run again after the
   * next start.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    consumerLoop.stop();
    try {
      consumerThread.join(CLOSE_GRACE.plusSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close(CLOSE_GRACE);
    log.close();
    LOG.info("Webhook dispatcher stopped");
  }

  private static int partitions(Consumer<byte[], byte[]> consumer, String topic) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot read the partitions of topic " + topic + ": " + e.getMessage(), e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Topic " + topic + " does not exist");
    }
    return infos.size();
  }

  private static Map<String, Object> consumerConfig(Config c, boolean grouped) {
    Map<String, Object> config = new HashMap<>(c.clientOverrides());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (grouped) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, c.groupId());
    } else {
      config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    }
    return config;
  }

  private static Map<String, Object> producerConfig(Config c) {
    Map<String, Object> config = new HashMap<>(c.clientOverrides());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return config;
  }
}
