package eu.sectoralerts.ingest;

import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest-service: the pipeline's topics ensured, a producer to the items topic and the
 * HTTP API listening. {@link #start} returns once requests are accepted; {@link #close} stops
 * taking requests first, then sends what is pending and closes the producer.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final SchemaRegistryClient registry;
  private final ItemPublisher publisher;
  private final Javalin http;

  private IngestService(SchemaRegistryClient registry, ItemPublisher publisher, Javalin http) {
    this.registry = registry;
    this.publisher = publisher;
    this.http = http;
  }

  /**
   * Starts the service.
   *
   * @throws IllegalStateException when the cluster cannot be reached to create the topics
   * @throws RuntimeException when the HTTP port cannot be bound; anything started is closed again
   */
  public static IngestService start(IngestConfig config) {
    ensureTopics(config);
    SchemaRegistryClient registry = SchemaRegistryClients.forUrl(config.schemaRegistryUrl());
    ItemPublisher publisher = null;
    try {
      publisher =
          KafkaItemPublisher.create(
              config.bootstrapServers(),
              registry,
              config.topics().items(),
              config.publishTimeout());
      Javalin http = IngestApi.create(config, publisher, Clock.systemUTC()).start();
      LOG.info(
          "ingest-service listening on http://{}:{}{} (items to topic {})",
          config.httpHost(),
          http.port(),
          IngestApi.ITEMS_PATH,
          config.topics().items());
      return new IngestService(registry, publisher, http);
    } catch (RuntimeException e) {
      if (publisher != null) {
        publisher.close();
      }
      registry.close();
      throw e;
    }
  }

  /**
   * Creates the pipeline's topics. The admin client is built here rather than by {@link
   * TopicAdmin#ensureTopics(String, java.util.Collection, Duration)}, which leaves {@code
   * request.timeout.ms} at its 30 s default: Kafka then refuses any shorter {@code
   * default.api.timeout.ms}, so a startup timeout under 30 s could not be honoured.
   */
  private static void ensureTopics(IngestConfig config) {
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.startupTimeout().toMillis());
    Admin admin;
    try {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  config.bootstrapServers(),
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "ingest-service-admin",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  timeoutMs,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  timeoutMs));
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "Cannot use the Kafka cluster at " + config.bootstrapServers() + ": " + e.getMessage(),
          e);
    }
    try (admin) {
      TopicAdmin.ensureTopics(
          admin,
          config.topics().specs(config.topicPartitions(), config.topicReplicationFactor()),
          config.startupTimeout());
    }
  }

  /** The HTTP port actually bound (useful with {@code http.port=0}). */
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    publisher.close();
    registry.close();
    LOG.info("ingest-service stopped");
  }
}
