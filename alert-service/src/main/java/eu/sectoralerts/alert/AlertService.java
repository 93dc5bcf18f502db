package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.ConfigSource;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.ServiceMetrics;
import eu.sectoralerts.common.StreamsInstanceId;
import eu.sectoralerts.common.StreamsReadiness;
import eu.sectoralerts.common.Topic;
import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.common.TopicSpec;
import eu.sectoralerts.matcher.KeywordQueries;
import eu.sectoralerts.matcher.WatchlistIndex;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.webhooks.AddressResolver;
import eu.sectoralerts.webhooks.HttpWebhookSender;
import eu.sectoralerts.webhooks.WebhookDispatcher;
import eu.sectoralerts.webhooks.WebhookSecrets;
import eu.sectoralerts.webhooks.WebhookUrls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running alert service: its topics ensured, the {@link AlertTopology} running in Kafka Streams
 * with the watchlist matcher, the webhook dispatcher, producers for subscribers and watchlists and
 * the HTTP {@link AlertApi}. {@link #start} returns as soon as everything is started; Streams
 * becomes RUNNING (and {@code /health} UP) a little later. {@link #close} stops it all.
 */
public final class AlertService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

  /** The {@code service} tag of this service's metrics. */
  public static final String SERVICE = "alert-service";

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaStreams streams;
  private final StreamsReadiness readiness;
  private final AlertApi api;
  private final Deque<AutoCloseable> resources;

  private AlertService(
      KafkaStreams streams,
      StreamsReadiness readiness,
      AlertApi api,
      Deque<AutoCloseable> resources) {
    this.readiness = readiness;
    this.streams = streams;
    this.api = api;
    this.resources = resources;
  }

  /**
   * Starts the service.
   *
   * @throws IllegalStateException when the topics cannot be created (Kafka unreachable)
   */
  public static AlertService start(AlertConfig config) {
    if (config.adminKeys().isEmpty()) {
      throw new ConfigSource.ConfigException(
          "No operator key is configured, so nobody could create subscribers: "
              + KeyDigests.howToConfigure(AlertConfig.ADMIN_KEYS));
    }
    // Closed in reverse order on failure or close(): HTTP first, Streams and clients after.
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      ServiceMetrics metrics = ServiceMetrics.create(SERVICE);
      resources.push(metrics);
      AlertMetrics alertMetrics = new AlertMetrics(metrics.registry(), Clock.systemUTC());
      PipelineTopics names = config.topics();
      Set<String> used =
          Set.of(
              names.tagged(),
              names.watchlists(),
              names.alerts(),
              names.alertDeadLetters(),
              names.subscribers(),
              names.webhookDeliveries());
      List<TopicSpec> specs =
          names.specs(config.partitions(), config.replicationFactor()).stream()
              .filter(spec -> used.contains(spec.name()))
              .toList();
      TopicAdmin.ensureTopics(config.bootstrapServers(), specs, ADMIN_TIMEOUT);

      SchemaRegistryClient registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
      resources.push(registry);
      Topic<String, Watchlist> watchlists =
          new Topic<>(
              names.watchlists(), Serdes.String(), AvroSerde.forValues(registry, Watchlist.class));
      Topic<String, Subscriber> subscribers =
          new Topic<>(
              names.subscribers(),
              Serdes.String(),
              AvroSerde.forValues(registry, Subscriber.class));
      // An item's alerts all carry the item: it is encoded once for all of them. The inbox files
      // each alert as read from the alerts topic: as the bytes read, not encoded again.
      Topic<String, Alert> alerts =
          new Topic<>(
              names.alerts(),
              Serdes.String(),
              AvroSerde.forValuesSharing(registry, Alert.class, "item").reusingReadBytes());
      Topic<byte[], DeadLetter> deadLetters =
          new Topic<>(
              names.alertDeadLetters(),
              Serdes.ByteArray(),
              AvroSerde.forValues(registry, DeadLetter.class));

      WatchlistIndex index = WatchlistIndex.create();
      resources.push(index);
      LiveTable<Watchlist> watchlistTable =
          new LiveTable<Watchlist>().listen(new IndexFeeder(index));
      WebhookWatchlists webhookWatchlists = new WebhookWatchlists(watchlistTable);
      watchlistTable.listen(webhookWatchlists);
      LiveTable<Subscriber> subscriberTable = new LiveTable<>();
      AlertFeed feed = new AlertFeed();
      KafkaDeadLetterSink globalDeadLetters =
          new KafkaDeadLetterSink(
              config.bootstrapServers(),
              deadLetters,
              config.applicationId() + "-global-dead-letters");
      // Pushed before Streams, so closed after it: letters of the last records still go out.
      resources.push(globalDeadLetters);
      AlertTopology.Params params =
          new AlertTopology.Params(
              watchlists,
              subscribers,
              new Topic<>(names.tagged(), Serdes.ByteArray(), Serdes.ByteArray()),
              alerts,
              deadLetters,
              AvroSerde.forValues(registry, TaggedItem.class).deserializer(),
              watchlistTable,
              subscriberTable,
              index,
              alertMetrics.filedThen(feed),
              globalDeadLetters,
              Clock.systemUTC(),
              config.applicationId(),
              AlertTopology.StoreNames.DEFAULT);

      KafkaStreams streams =
          new KafkaStreams(AlertTopology.build(params), streamsProperties(config));
      streams.setUncaughtExceptionHandler(
          e -> {
            LOG.error("Kafka Streams thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
          });
      StreamsReadiness readiness =
          new StreamsReadiness(
              (now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
      streams.setStateListener(readiness);
      resources.push(
          () ->
              streams.close(
                  new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true)));
      // Unbound before Streams closes (pushed after it, so popped before it).
      metrics.bind(streams);
      resources.push(metrics::close);
      streams.start();

      // The dispatcher looks up each alert's watchlist as soon as it reads the alert: it may only
      // start once the watchlists are loaded (the global thread does that before processing).
      if (!watchlistTable.awaitLoaded(LOAD_TIMEOUT)) {
        throw new IllegalStateException(
            "Kafka Streams did not load the watchlists within "
                + LOAD_TIMEOUT.toSeconds()
                + " s (state "
                + streams.state()
                + "); is Kafka reachable at "
                + config.bootstrapServers()
                + "?");
      }
      WebhookDispatcher dispatcher =
          WebhookDispatcher.start(
              new WebhookDispatcher.Config(
                  config.bootstrapServers(),
                  config.webhookGroupId(),
                  alerts,
                  new Topic<>(
                      names.webhookDeliveries(),
                      Serdes.String(),
                      AvroSerde.forValues(registry, WebhookDelivery.class)),
                  deadLetters,
                  config.webhooks(),
                  webhookWatchlists,
                  new WebhookPayloads(),
                  alertMetrics.counting(new HttpWebhookSender(config.webhooks().requestTimeout())),
                  AddressResolver.system(),
                  Clock.systemUTC(),
                  new Random(),
                  Map.of()));
      resources.push(dispatcher);

      KafkaTablePublisher<Watchlist> watchlistPublisher =
          KafkaTablePublisher.create(
              config.bootstrapServers(), watchlists, "watchlist", PUBLISH_TIMEOUT, Map.of());
      resources.push(watchlistPublisher);
      KafkaTablePublisher<Subscriber> subscriberPublisher =
          KafkaTablePublisher.create(
              config.bootstrapServers(), subscribers, "subscriber", PUBLISH_TIMEOUT, Map.of());
      resources.push(subscriberPublisher);

      SecureRandom random = new SecureRandom();
      AlertApi api =
          AlertApi.start(
              config.httpHost(),
              config.httpPort(),
              new AlertApi.Deps(
                  config.adminKeys(),
                  subscriberTable,
                  subscriberPublisher,
                  watchlistTable,
                  watchlistPublisher,
                  new StreamsAlertInbox(streams, AlertTopology.StoreNames.DEFAULT.inbox()),
                  feed,
                  new DispatcherDeliveries(dispatcher),
                  new WatchlistRequest.Checks(
                      KeywordQueries::problem,
                      url -> WebhookUrls.problem(url, config.webhooks(), AddressResolver.system()),
                      () -> WebhookSecrets.newSecret(random)),
                  new TestDeliveries(
                      new HttpWebhookSender(config.webhooks().requestTimeout()),
                      config.webhooks().requestTimeout(),
                      Clock.systemUTC(),
                      random),
                  config.maxWatchlistsPerSubscriber(),
                  VISIBILITY_TIMEOUT,
                  streams::state,
                  Clock.systemUTC(),
                  random),
              new AlertApi.Ops(metrics, alertMetrics, router(config, streams)));
      resources.push(api);
      LOG.info("alert-service listening on port {}", api.port());
      return new AlertService(streams, readiness, api, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Waits until Kafka Streams is RUNNING (inbox queries answer from then on).
   *
   * @throws IllegalStateException when it stops first or is not running within {@code timeout}
   */
  public void awaitRunning(Duration timeout) {
    readiness.awaitRunning("alert-service", timeout);
  }

  /** The HTTP port. */
  public int port() {
    return api.port();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Forwarding to the instance hosting an inbox, when several instances are configured. */
  private static InboxRouter router(AlertConfig config, KafkaStreams streams) {
    return config
        .applicationServer()
        .<InboxRouter>map(
            server ->
                new StreamsInboxRouter(
                    streams,
                    AlertTopology.StoreNames.DEFAULT.inbox(),
                    HostInfo.buildFromEndpoint(server)))
        .orElse(InboxRouter.local());
  }

  private static Properties streamsProperties(AlertConfig config) {
    Properties properties = config.toStreamsProperties();
    StreamsInstanceId.apply(properties, config.stateDir(), config.applicationId());
    return properties;
  }

  /** Stops the HTTP server, the dispatcher, the producers and Streams; again does nothing. */
  @Override
  public synchronized void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping alert-service", e);
      }
    }
  }
}
