package eu.sectoralerts.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.HttpErrors;
import eu.sectoralerts.common.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The alert service's HTTP API (Javalin), over the interfaces it is given:
 *
 * <ul>
 *   <li>{@code POST /v1/watchlists}: body {@link WatchlistRequest}; 201 with the stored watchlist
 *       ({@link ApiJson.WatchlistJson}), 400 naming every invalid field, 503 if Kafka is down;
 *   <li>{@code GET /v1/watchlists?subscriber=ID}: {@link ApiJson.WatchlistsPage};
 *   <li>{@code GET /v1/alerts?subscriber=ID&limit=N}: {@link ApiJson.AlertsPage}, newest first,
 *       limit 1 to 500 (default 50);
 *   <li>{@code GET /health}: {@link ApiJson.Health}, 200 when Streams runs, otherwise 503.
 * </ul>
 *
 * Every error is an {@code ApiError} body; a store that is not ready yet answers 503.
 */
public final class AlertApi implements AutoCloseable {

  /**
   * What the API works on.
   *
   * @param publisher stores new watchlists
   * @param watchlists reads watchlists
   * @param inbox reads alerts
   * @param streamsState the state of Kafka Streams, for {@code /health}
   * @param clock createdAt of new watchlists
   * @param uuids the random part of new watchlist ids
   */
  public record Deps(
      WatchlistPublisher publisher,
      WatchlistDirectory watchlists,
      AlertInbox inbox,
      Supplier<KafkaStreams.State> streamsState,
      Clock clock,
      Supplier<UUID> uuids) {

    public Deps {
      Objects.requireNonNull(publisher, "publisher");
      Objects.requireNonNull(watchlists, "watchlists");
      Objects.requireNonNull(inbox, "inbox");
      Objects.requireNonNull(streamsState, "streamsState");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(uuids, "uuids");
    }
  }

  private final Javalin app;

  private AlertApi(Javalin app) {
    this.app = app;
  }

  /**
   * Starts the HTTP server.
   *
   * @param port 0 picks a free port; {@link #port()} tells which
   */
  public static AlertApi start(String host, int port, Deps deps) {
    ObjectMapper mapper = Json.newMapper();
    Javalin app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              HttpErrors.install(config);
              config.routes.exception(
                  UnavailableException.class,
                  (e, ctx) ->
                      HttpErrors.respond(ctx, ApiException.unavailable(e.getMessage()).error()));
              config.routes.post("/v1/watchlists", ctx -> createWatchlist(ctx, mapper, deps));
              config.routes.get("/v1/watchlists", ctx -> listWatchlists(ctx, deps));
              config.routes.get("/v1/alerts", ctx -> listAlerts(ctx, deps));
              config.routes.get("/health", ctx -> health(ctx, deps));
            });
    app.start();
    return new AlertApi(app);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void createWatchlist(Context ctx, ObjectMapper mapper, Deps deps)
      throws JsonProcessingException {
    // Read with Jackson directly: Javalin's bodyAsClass fails with a NullPointerException (500)
    // on a body of JSON null, where this answers 400.
    WatchlistRequest request = mapper.readValue(ctx.body(), WatchlistRequest.class);
    if (request == null) {
      throw ApiException.invalid(
          "Request body must be a JSON object describing a watchlist", List.of());
    }
    Watchlist watchlist = request.toWatchlist("wl-" + deps.uuids().get(), deps.clock().instant());
    deps.publisher().publish(watchlist);
    ctx.status(201).json(ApiJson.WatchlistJson.of(watchlist));
  }

  private static void listWatchlists(Context ctx, Deps deps) {
    String subscriber = subscriber(ctx);
    ctx.json(
        new ApiJson.WatchlistsPage(
            subscriber,
            deps.watchlists().forSubscriber(subscriber).stream()
                .map(ApiJson.WatchlistJson::of)
                .toList()));
  }

  private static void listAlerts(Context ctx, Deps deps) {
    String subscriber = subscriber(ctx);
    int limit = limit(ctx);
    ctx.json(
        new ApiJson.AlertsPage(
            subscriber,
            deps.inbox().newestFirst(subscriber, limit).stream()
                .map(ApiJson.AlertJson::of)
                .toList()));
  }

  private static void health(Context ctx, Deps deps) {
    KafkaStreams.State state = deps.streamsState().get();
    String status =
        switch (state) {
          case RUNNING -> "UP";
          case CREATED, REBALANCING -> "STARTING";
          default -> "DOWN";
        };
    ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503)
        .json(new ApiJson.Health(status, state.name()));
  }

  private static String subscriber(Context ctx) {
    String subscriber = ctx.queryParam("subscriber");
    if (subscriber == null || subscriber.isEmpty()) {
      throw ApiException.invalidField("subscriber", "query parameter is required");
    }
    if (!WatchlistRequest.SUBSCRIBER_ID.matcher(subscriber).matches()) {
      throw ApiException.invalidField(
          "subscriber", "must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return subscriber;
  }

  private static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return AlertInbox.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.trim());
      if (limit >= 1 && limit <= AlertInbox.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw ApiException.invalidField(
        "limit",
        "must be a whole number from 1 to " + AlertInbox.MAX_LIMIT + ", got '" + raw + "'");
  }
}
