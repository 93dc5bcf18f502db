package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.StreamsInstanceId;
import eu.sectoralerts.common.StreamsReadiness;
import eu.sectoralerts.common.Topic;
import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.common.TopicSpec;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running alert service: its topics ensured, the {@link AlertTopology} running in Kafka Streams,
 * a producer for new watchlists and the HTTP {@link AlertApi}. {@link #start} returns as soon as
 * everything is started; Streams becomes RUNNING (and {@code /health} UP) a little later. {@link
 * #close} stops it all.
 */
public final class AlertService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

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
    // Closed in reverse order on failure or close(): HTTP first, Streams and clients after.
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      PipelineTopics names = config.topics();
      Set<String> used =
          Set.of(names.tagged(), names.watchlists(), names.alerts(), names.alertDeadLetters());
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
      Topic<String, Alert> alerts =
          new Topic<>(names.alerts(), Serdes.String(), AvroSerde.forValues(registry, Alert.class));
      AlertTopology.Params params =
          new AlertTopology.Params(
              watchlists,
              new Topic<>(names.tagged(), Serdes.ByteArray(), Serdes.ByteArray()),
              alerts,
              new Topic<>(
                  names.alertDeadLetters(),
                  Serdes.ByteArray(),
                  AvroSerde.forValues(registry, DeadLetter.class)),
              AvroSerde.forValues(registry, TaggedItem.class).deserializer(),
              new CriteriaMatcher(),
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
      streams.start();

      KafkaWatchlistPublisher publisher =
          KafkaWatchlistPublisher.create(
              config.bootstrapServers(), watchlists, PUBLISH_TIMEOUT, Map.of());
      resources.push(publisher);

      AlertApi api =
          AlertApi.start(
              config.httpHost(),
              config.httpPort(),
              new AlertApi.Deps(
                  publisher,
                  new StreamsWatchlistDirectory(
                      streams, AlertTopology.StoreNames.DEFAULT.watchlists()),
                  new StreamsAlertInbox(streams, AlertTopology.StoreNames.DEFAULT.inbox()),
                  streams::state,
                  Clock.systemUTC(),
                  UUID::randomUUID));
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

  /** Stops the HTTP server, the producer and Streams; calling it again does nothing. */
  private static Properties streamsProperties(AlertConfig config) {
    Properties properties = config.toStreamsProperties();
    StreamsInstanceId.apply(properties, config.stateDir(), config.applicationId());
    return properties;
  }

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
