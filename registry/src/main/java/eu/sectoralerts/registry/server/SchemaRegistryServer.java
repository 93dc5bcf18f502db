package eu.sectoralerts.registry.server;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running schema registry speaking the part of Confluent's REST API that serializers, the
 * project's {@code HttpSchemaRegistryClient} and Confluent's own clients use, backed by a {@link
 * SchemaStore} (a compacted Kafka topic, {@code _schemas} by default). One server writes a topic at
 * a time; other processes share it over HTTP at {@link #url()}. Closing stops HTTP and the store.
 */
public final class SchemaRegistryServer implements AutoCloseable {

  /** Confluent's content type, used for every answer. */
  public static final String CONTENT_TYPE = RegistryRoutes.CONTENT_TYPE;

  /** Bound on each Kafka operation of the store. */
  public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(30);

  private static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final Javalin http;
  private final SchemaStore store;
  private final SchemaRegistry registry;
  private final String host;
  private boolean closed;

  private SchemaRegistryServer(
      Javalin http, SchemaStore store, SchemaRegistry registry, String host) {
    this.http = http;
    this.store = store;
    this.registry = registry;
    this.host = host;
  }

  /**
   * Starts a registry whose state is the compacted topic {@code schemasTopic} (created when
   * missing) on the cluster at {@code bootstrapServers}.
   *
   * @param host interface to listen on, e.g. {@code localhost} or {@code 0.0.0.0}
   * @param port port to listen on; 0 picks a free one (see {@link #port()})
   * @param schemasTopic the topic; null or blank means {@value KafkaSchemaStore#DEFAULT_TOPIC}
   * @throws IllegalStateException when the cluster cannot be reached
   * @throws RuntimeException when the port cannot be bound; the store is closed again
   */
  public static SchemaRegistryServer start(
      String bootstrapServers, String host, int port, String schemasTopic) {
    long started = System.nanoTime();
    String topic =
        schemasTopic == null || schemasTopic.isBlank()
            ? KafkaSchemaStore.DEFAULT_TOPIC
            : schemasTopic.strip();
    KafkaSchemaStore store = KafkaSchemaStore.open(bootstrapServers, topic, DEFAULT_STORE_TIMEOUT);
    return start(store, host, port, started);
  }

  /** As {@link #start(String, String, int, String)} on the topic {@code _schemas}. */
  public static SchemaRegistryServer start(String bootstrapServers, String host, int port) {
    return start(bootstrapServers, host, port, KafkaSchemaStore.DEFAULT_TOPIC);
  }

  /**
   * Starts a registry on any store, which the server then owns and closes.
   *
   * @throws SchemaStoreException when the store cannot be read; the store is closed again
   */
  public static SchemaRegistryServer start(SchemaStore store, String host, int port) {
    return start(store, host, port, System.nanoTime());
  }

  private static SchemaRegistryServer start(
      SchemaStore store, String host, int port, long startedNanos) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      store.close();
      throw new IllegalArgumentException("port must be within 0..65535, got " + port);
    }
    try {
      SchemaRegistry registry = new SchemaRegistry(store);
      RegistryRoutes routes = new RegistryRoutes(registry);
      Javalin http =
          Javalin.create(
                  config -> {
                    config.jetty.host = host;
                    config.jetty.port = port;
                    config.http.maxRequestSize = MAX_REQUEST_BYTES;
                    config.startup.showJavalinBanner = false;
                    config.startup.showOldJavalinVersionWarning = false;
                    config.jetty.modifyServer(
                        jetty -> jetty.setErrorHandler(new JsonErrorHandler()));
                    routes.install(config);
                  })
              .start();
      SchemaRegistryServer server = new SchemaRegistryServer(http, store, registry, host);
      LOG.info(
          "Schema registry listening on {} ({} schemas, {} subjects from {}; started in {} ms)",
          server.url(),
          registry.schemaCount(),
          registry.subjectCount(),
          store.describe(),
          (System.nanoTime() - startedNanos) / 1_000_000);
      return server;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The port bound. */
  public int port() {
    return http.port();
  }

  /**
   * The base URL clients use, {@code http://host:port}; a wildcard host is given as {@code
   * localhost}.
   */
  public String url() {
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    String shown =
        wildcard
            ? "localhost"
            : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port();
  }

  /** The registry behind the HTTP API, for callers in the same JVM. */
  public SchemaRegistry registry() {
    return registry;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      http.stop();
    } finally {
      store.close();
    }
    LOG.info("Schema registry on {} stopped", store.describe());
  }
}
