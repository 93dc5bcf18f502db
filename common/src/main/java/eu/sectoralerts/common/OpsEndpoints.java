package eu.sectoralerts.common;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations endpoints every service serves, beside its API:
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} while the process answers at all (a
 *       failing liveness probe means restart it);
 *   <li>{@code GET /health/ready}: 200 {@code {"status":"READY","state":...}} when the service can
 *       do its work (Streams RUNNING, the producer connected), else 503 {@code
 *       {"status":"NOT_READY","state":...}} (take it out of the load balancer, do not restart);
 *   <li>{@code GET /metrics}: the {@link ServiceMetrics} in Prometheus' text format;
 *   <li>{@code GET /openapi.json}: the service's OpenAPI document (a classpath resource), when it
 *       has one.
 * </ul>
 */
public final class OpsEndpoints {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  public static final String METRICS_PATH = "/metrics";
  public static final String OPENAPI_PATH = "/openapi.json";

  /** Prometheus' text exposition format. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private OpsEndpoints() {}

  /**
   * Whether the service can do its work now.
   *
   * @param ready true: ready
   * @param state what it is doing, for a person (e.g. the Streams state)
   */
  public record Readiness(boolean ready, String state) {
    public Readiness {
      Objects.requireNonNull(state, "state");
    }

    /** Ready exactly when Kafka Streams is RUNNING: rebalancing stores are not queryable. */
    public static Readiness of(KafkaStreams.State state) {
      return new Readiness(state == KafkaStreams.State.RUNNING, state.name());
    }
  }

  /**
   * Adds the endpoints to a Javalin config.
   *
   * @param openApiResource the classpath resource of the OpenAPI document; empty: no {@code
   *     /openapi.json}
   * @throws IllegalArgumentException when the resource does not exist
   */
  public static void install(
      JavalinConfig config,
      ServiceMetrics metrics,
      Supplier<Readiness> readiness,
      Optional<String> openApiResource) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(readiness, "readiness");
    byte[] openApi = openApiResource.map(OpsEndpoints::resource).orElse(null);
    config.routes.get(LIVE_PATH, ctx -> ctx.json(Map.of("status", "UP")));
    config.routes.get(READY_PATH, ctx -> ready(ctx, readiness.get()));
    config.routes.get(
        METRICS_PATH, ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(metrics.scrape()));
    if (openApi != null) {
      config.routes.get(
          OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi.clone()));
    }
  }

  /**
   * A started HTTP server with only these endpoints (and {@code GET /health}, answering like {@code
   * /health/ready}), for a service that has no API of its own.
   *
   * @param port 0 picks a free port
   */
  public static Javalin startServer(
      String host, int port, ServiceMetrics metrics, Supplier<Readiness> readiness) {
    return Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              HttpErrors.install(config);
              install(config, metrics, readiness, Optional.empty());
              config.routes.get("/health", ctx -> ready(ctx, readiness.get()));
            })
        .start();
  }

  private static void ready(Context ctx, Readiness readiness) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", readiness.ready() ? "READY" : "NOT_READY");
    body.put("state", readiness.state());
    ctx.status(readiness.ready() ? 200 : 503).json(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpsEndpoints.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No classpath resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }
}
