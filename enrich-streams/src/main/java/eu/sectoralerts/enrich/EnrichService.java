package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.OpsEndpoints;
import eu.sectoralerts.common.ServiceMetrics;
import eu.sectoralerts.common.StreamsInstanceId;
import eu.sectoralerts.common.StreamsReadiness;
import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.enrich.taxonomy.TaxonomyException;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running enrich-streams instance: {@link #start} compiles the tagger from the taxonomy file
 * ({@code taxonomy.path}, or the one shipped in the jar), creates the topics it uses, builds the
 * topology and starts Kafka Streams; {@link #close} stops it within a bounded time. A stream thread
 * that dies of a transient error is replaced; any other uncaught error stops the client (state
 * {@code ERROR}), which {@link #awaitTermination} reports.
 *
 * <p>It serves {@code /health}, {@code /health/live}, {@code /health/ready} (ready while Streams is
 * RUNNING) and {@code /metrics} ({@link OpsEndpoints}) on {@code http.port}: Kafka Streams and
 * client metrics, and {@code sector_alerts_items_tagged_total{outcome,reason}}.
 */
public final class EnrichService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

  /** The {@code service} tag of this service's metrics. */
  public static final String SERVICE = "enrich-streams";

  /** How long topic creation may take at start. */
  static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #close()} waits for Kafka Streams to shut down. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final SchemaRegistryClient registry;
  private final String applicationId;
  private final CompletableFuture<KafkaStreams.State> terminated = new CompletableFuture<>();
  private final StreamsReadiness readiness;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ServiceMetrics metrics;
  private Javalin http;

  private EnrichService(
      Topology topology,
      EnrichConfig config,
      SchemaRegistryClient registry,
      String applicationId,
      ServiceMetrics metrics) {
    this.metrics = metrics;
    this.registry = registry;
    this.applicationId = applicationId;
    Properties streamsProperties = config.toStreamsProperties();
    StreamsInstanceId.apply(streamsProperties, config.stateDir(), config.applicationId());
    this.streams = new KafkaStreams(topology, streamsProperties);
    streams.setUncaughtExceptionHandler(TransientErrors.uncaughtExceptionHandler(applicationId));
    this.readiness =
        new StreamsReadiness(
            (newState, oldState) -> {
              LOG.info("{}: {} -> {}", applicationId, oldState, newState);
              if (newState == KafkaStreams.State.ERROR
                  || newState == KafkaStreams.State.NOT_RUNNING) {
                terminated.complete(newState);
              }
            });
    streams.setStateListener(readiness);
  }

  /**
   * Starts enrich-streams: compiles the tagger, ensures the items, tagged and dead-letter topics,
   * then starts Kafka Streams. Returns once the client is started (it may still be rebalancing).
   *
   * @throws TaxonomyException when the taxonomy file cannot be loaded or breaks a rule (the message
   *     names file, line and problem); nothing is started then
   * @throws IllegalStateException when the topics cannot be created
   */
  public static EnrichService start(EnrichConfig config) {
    Objects.requireNonNull(config, "config");
    Clock clock = Clock.systemUTC();
    // First, so a broken rule set stops the service before it touches the cluster.
    TaxonomyTagger tagger = TaxonomyTagger.load(config.taxonomyPath(), clock);
    TopicAdmin.ensureTopics(config.bootstrapServers(), config.topicSpecs(), TOPIC_TIMEOUT);
    SchemaRegistryClient registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
    ServiceMetrics metrics = ServiceMetrics.create(SERVICE);
    Topology topology =
        EnrichTopology.build(
            EnrichTopics.from(config.topics(), registry),
            tagger,
            AvroSerde.forValues(registry, NewsItem.class).deserializer(),
            clock,
            config.applicationId(),
            TagOutcomes.counting(metrics.registry()));
    EnrichService service =
        new EnrichService(topology, config, registry, config.applicationId(), metrics);
    try {
      metrics.bind(service.streams);
      service.streams.start();
      service.http =
          OpsEndpoints.startServer(
              config.httpHost(),
              config.httpPort(),
              metrics,
              () -> OpsEndpoints.Readiness.of(service.streams.state()));
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    LOG.info(
        "{} started with taxonomy {} from {}: {} -> {} (dead letters: {}); health and metrics on"
            + " port {}",
        config.applicationId(),
        tagger.version(),
        tagger.taxonomy().source(),
        config.topics().items(),
        config.topics().tagged(),
        config.topics().enrichDeadLetters(),
        service.http.port());
    return service;
  }

  /** The port of the health and metrics endpoints. */
  public int port() {
    return http.port();
  }

  /**
   * Waits until Kafka Streams is RUNNING.
   *
   * @throws IllegalStateException when it stops first or is not running within {@code timeout}
   */
  public void awaitRunning(Duration timeout) {
    readiness.awaitRunning(applicationId, timeout);
  }

  /** The Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Whether Kafka Streams is running or rebalancing. */
  public boolean isRunning() {
    return streams.state().isRunningOrRebalancing();
  }

  /**
   * Waits until Kafka Streams has stopped, by {@link #close()} ({@code NOT_RUNNING}) or by an error
   * it could not recover from ({@code ERROR}).
   */
  public KafkaStreams.State awaitTermination() throws InterruptedException {
    try {
      return terminated.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** As {@link #awaitTermination()}, giving up after {@code timeout}; empty then. */
  public Optional<KafkaStreams.State> awaitTermination(Duration timeout)
      throws InterruptedException {
    try {
      return Optional.of(terminated.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops Kafka Streams, waiting at most {@code CLOSE_TIMEOUT} (30 s). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (http != null) {
      http.stop();
    }
    metrics.close();
    boolean stopped =
        streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    if (!stopped) {
      LOG.warn("{}: Kafka Streams did not stop within {}", applicationId, CLOSE_TIMEOUT);
    }
    registry.close();
    // A client that never started has no state transition to report.
    terminated.complete(streams.state());
  }
}
