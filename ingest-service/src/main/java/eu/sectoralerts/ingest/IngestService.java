package eu.sectoralerts.ingest;

import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.ServiceMetrics;
import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import io.javalin.Javalin;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest-service: the pipeline's topics ensured, the ids already on the items topic read
 * ({@link KafkaPublishedIds}), producers to the items topic and the HTTP API listening. {@link
 * #start} returns once requests are accepted; {@link #close} stops taking requests first, then
 * sends what is pending and closes the producers and the index.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** The {@code service} tag of this service's metrics. */
  public static final String SERVICE = "ingest-service";

  private final SchemaRegistryClient registry;
  private final PublishedIds publishedIds;
  private final ItemPublisher publisher;
  private final Javalin http;
  private final ServiceMetrics metrics;

  private IngestService(
      SchemaRegistryClient registry,
      PublishedIds publishedIds,
      ItemPublisher publisher,
      Javalin http,
      ServiceMetrics metrics) {
    this.metrics = metrics;
    this.registry = registry;
    this.publishedIds = publishedIds;
    this.publisher = publisher;
    this.http = http;
  }

  /**
   * Starts the service.
   *
   * @throws IllegalStateException when no analyst key is configured, or when the cluster cannot be
   *     reached to create the topics and read the items topic
   * @throws RuntimeException when the HTTP port cannot be bound; anything started is closed again
   */
  public static IngestService start(IngestConfig config) {
    if (config.analystKeys().isEmpty()) {
      throw new IllegalStateException(
          "No analyst key is configured, so nobody could publish: "
              + KeyDigests.howToConfigure("analyst.keys"));
    }
    ensureTopics(config);
    SchemaRegistryClient registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
    PublishedIds publishedIds = null;
    KafkaItemPublisher publisher = null;
    ServiceMetrics metrics = ServiceMetrics.create(SERVICE);
    try {
      publishedIds =
          KafkaPublishedIds.start(
              config.bootstrapServers(), config.topics().items(), config.startupTimeout());
      publisher =
          KafkaItemPublisher.create(
              config.bootstrapServers(),
              registry,
              config.topics().items(),
              config.publishTimeout());
      publisher.connect();
      publisher.bindMetrics(metrics);
      Javalin http =
          IngestApi.create(config, publisher, publishedIds, Clock.systemUTC(), metrics).start();
      LOG.info(
          "ingest-service listening on http://{}:{} ({} and {}; items to topic {})",
          config.httpHost(),
          http.port(),
          IngestApi.ITEMS_PATH,
          IngestApi.BRIEFINGS_PATH,
          config.topics().items());
      return new IngestService(registry, publishedIds, publisher, http, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      if (publisher != null) {
        publisher.close();
      }
      if (publishedIds != null) {
        publishedIds.close();
      }
      registry.close();
      throw e;
    }
  }

  private static void ensureTopics(IngestConfig config) {
    TopicAdmin.ensureTopics(
        config.bootstrapServers(),
        config.topics().specs(config.topicPartitions(), config.topicReplicationFactor()),
        config.startupTimeout());
  }

  /** The HTTP port actually bound (useful with {@code http.port=0}). */
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    metrics.close();
    publisher.close();
    publishedIds.close();
    registry.close();
    LOG.info("ingest-service stopped");
  }
}
