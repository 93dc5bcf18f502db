package eu.sectoralerts.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.HttpErrors;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.OpsEndpoints;
import eu.sectoralerts.common.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service's HTTP API (Javalin). Every endpoint but {@code /health}, {@code /v1/taxonomy}
 * and the web page needs {@code Authorization: Bearer <key>}; every error is an {@code ApiError}
 * body.
 *
 * <p>Operators (a key in {@code admin.keys}): {@code POST /v1/subscribers} ({@code {"name", "id"?}}
 * → 201 with the subscriber's API key, shown this once), {@code GET /v1/subscribers}, {@code GET
 * /v1/subscribers/{id}}, {@code POST /v1/subscribers/{id}/key} (a new key; the old one stops
 * working), {@code DELETE /v1/subscribers/{id}} (with its watchlists).
 *
 * <p>Subscribers (their own key; every id outside their own data answers 404): {@code GET /v1/me},
 * {@code POST/GET /v1/watchlists}, {@code GET/PUT/DELETE /v1/watchlists/{id}}, {@code GET
 * /v1/alerts?since=&limit=&watchlist=&after=} (newest first, paginated by cursor), {@code GET
 * /v1/alerts/{id}}, {@code GET /v1/alerts/stream} (Server-Sent Events, resumes after {@code
 * Last-Event-ID}), {@code GET /v1/deliveries?watchlist=&limit=}, {@code POST
 * /v1/deliveries/{id}/redeliver}, {@code POST /v1/watchlists/validate} (the checks of a create,
 * nothing stored), {@code POST /v1/watchlists/{id}/test-delivery} (one signed sample POST to the
 * webhook now), {@code GET /v1/alerts/weekly?weeks=&watchlist=} (alerts per week by sector).
 *
 * <p>Without a key: {@code GET /v1/taxonomy} (sector and risk ids with labels, levels, kinds) and
 * the subscriber web page ({@code /} redirects to {@code /app/}; see {@link SubscriberPage}).
 *
 * <p>Writes return once Kafka has stored them and this instance's view shows them (so a GET right
 * after sees the change), or after {@link Deps#visibilityTimeout} at the latest.
 *
 * <p>Operations ({@link OpsEndpoints}): {@code /health} (as before), {@code /health/live}, {@code
 * /health/ready} (ready while Streams is RUNNING), {@code /metrics} and {@code /openapi.json}.
 *
 * <p>Several instances: {@code GET /v1/alerts}, {@code /v1/alerts/{id}} and {@code
 * /v1/alerts/weekly} are answered by the instance hosting the subscriber's inbox partition ({@link
 * InboxRouter}); another instance forwards the request, with the caller's {@code Authorization},
 * and returns that instance's answer as it is.
 */
public final class AlertApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertApi.class);

  /** Largest request body accepted: a watchlist is small. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int STREAM_QUEUE = 1_000;
  private static final int STREAM_REPLAY_MAX = 1_000;

  /** Most alerts one weekly count reads; beyond, the answer says it is truncated. */
  static final int WEEKLY_SCAN_MAX = 50_000;

  /**
   * What the API works on.
   *
   * @param adminKeys digests of the operators' keys
   * @param subscribers the subscribers, as this instance sees them
   * @param subscriberPublisher writes subscribers
   * @param watchlists the watchlists, as this instance sees them
   * @param watchlistPublisher writes watchlists
   * @param inbox reads alerts
   * @param feed live alerts for the stream endpoint
   * @param deliveries the webhook delivery log
   * @param checks query and webhook URL validation, webhook secrets
   * @param testDeliveries sends a watchlist's sample webhook
   * @param maxWatchlistsPerSubscriber a subscriber's limit
   * @param visibilityTimeout how long a write waits to be visible here
   * @param streamsState the state of Kafka Streams, for {@code /health}
   * @param clock createdAt of new records
   * @param random ids and keys
   */
  public record Deps(
      KeyDigests adminKeys,
      LiveTable<Subscriber> subscribers,
      TablePublisher<Subscriber> subscriberPublisher,
      LiveTable<Watchlist> watchlists,
      TablePublisher<Watchlist> watchlistPublisher,
      AlertInbox inbox,
      AlertFeed feed,
      WebhookDeliveries deliveries,
      WatchlistRequest.Checks checks,
      TestDeliveries testDeliveries,
      int maxWatchlistsPerSubscriber,
      Duration visibilityTimeout,
      Supplier<KafkaStreams.State> streamsState,
      Clock clock,
      SecureRandom random) {

    public Deps {
      Objects.requireNonNull(adminKeys, "adminKeys");
      Objects.requireNonNull(subscribers, "subscribers");
      Objects.requireNonNull(subscriberPublisher, "subscriberPublisher");
      Objects.requireNonNull(watchlists, "watchlists");
      Objects.requireNonNull(watchlistPublisher, "watchlistPublisher");
      Objects.requireNonNull(inbox, "inbox");
      Objects.requireNonNull(feed, "feed");
      Objects.requireNonNull(deliveries, "deliveries");
      Objects.requireNonNull(checks, "checks");
      Objects.requireNonNull(testDeliveries, "testDeliveries");
      Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
      Objects.requireNonNull(streamsState, "streamsState");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(random, "random");
      if (maxWatchlistsPerSubscriber < 1) {
        throw new IllegalArgumentException("maxWatchlistsPerSubscriber must be >= 1");
      }
    }
  }

  /** The OpenAPI document of this API, a classpath resource. */
  public static final String OPENAPI_RESOURCE = "eu/sectoralerts/alert/openapi.json";

  /** Marks a forwarded request: it is answered where it arrives, never forwarded again. */
  static final String FORWARDED_HEADER = "X-Sector-Alerts-Forwarded";

  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(15);

  /**
   * What operations and several instances need.
   *
   * @param metrics the registry {@code /metrics} serves; the caller keeps ownership
   * @param alertMetrics the service's own meters
   * @param router which instance answers a subscriber's inbox requests
   */
  public record Ops(ServiceMetrics metrics, AlertMetrics alertMetrics, InboxRouter router) {
    public Ops {
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(alertMetrics, "alertMetrics");
      Objects.requireNonNull(router, "router");
    }
  }

  /** The body of {@code POST /v1/subscribers}. */
  record SubscriberRequest(String id, String name) {}

  private final Deps deps;
  private final Auth auth;
  private final ObjectMapper mapper;
  private final ApiJson.TaxonomyJson taxonomy;
  private final SubscriberPage page;
  private final Set<String> testing = ConcurrentHashMap.newKeySet();
  private final Ops ops;
  private final AutoCloseable owned;
  private final HttpClient forwarder =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Javalin app;

  private AlertApi(Deps deps, Ops ops, AutoCloseable owned) {
    this.deps = deps;
    this.ops = ops;
    this.owned = owned;
    this.auth = new Auth(deps.adminKeys(), deps.subscribers());
    this.mapper = Json.newMapper();
    this.taxonomy = TaxonomyLabels.load();
    this.page = SubscriberPage.load();
  }

  /**
   * Starts the HTTP server of a single instance, with metrics of its own.
   *
   * @param port 0 picks a free port; {@link #port()} tells which
   */
  public static AlertApi start(String host, int port, Deps deps) {
    ServiceMetrics metrics = ServiceMetrics.create(AlertService.SERVICE);
    return start(
        host,
        port,
        deps,
        new Ops(metrics, new AlertMetrics(metrics.registry(), deps.clock()), InboxRouter.local()),
        metrics);
  }

  /**
   * Starts the HTTP server.
   *
   * @param port 0 picks a free port; {@link #port()} tells which
   */
  public static AlertApi start(String host, int port, Deps deps, Ops ops) {
    return start(host, port, deps, ops, () -> {});
  }

  private static AlertApi start(String host, int port, Deps deps, Ops ops, AutoCloseable owned) {
    AlertApi routes = new AlertApi(deps, ops, owned);
    routes.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.jsonMapper(new JavalinJackson(routes.mapper, false));
              HttpErrors.install(config);
              config.routes.exception(
                  UnavailableException.class,
                  (e, ctx) ->
                      HttpErrors.respond(ctx, ApiException.unavailable(e.getMessage()).error()));
              var r = config.routes;
              r.get("/health", routes::health);
              r.get("/", routes.page::redirect);
              r.get("/app/", routes.page::index);
              r.get("/app/{file}", routes.page::file);
              r.get("/v1/taxonomy", ctx -> ctx.json(routes.taxonomy));
              r.post("/v1/subscribers", routes::createSubscriber);
              r.get("/v1/subscribers", routes::listSubscribers);
              r.get("/v1/subscribers/{id}", routes::getSubscriber);
              r.post("/v1/subscribers/{id}/key", routes::rotateKey);
              r.delete("/v1/subscribers/{id}", routes::deleteSubscriber);
              r.get("/v1/me", ctx -> ctx.json(ApiJson.SubscriberJson.of(routes.me(ctx), null)));
              r.post("/v1/watchlists", routes::createWatchlist);
              r.post("/v1/watchlists/validate", routes::validateWatchlist);
              r.get("/v1/watchlists", routes::listWatchlists);
              r.get("/v1/watchlists/{id}", routes::getWatchlist);
              r.put("/v1/watchlists/{id}", routes::replaceWatchlist);
              r.delete("/v1/watchlists/{id}", routes::deleteWatchlist);
              r.post("/v1/watchlists/{id}/test-delivery", routes::testDelivery);
              r.get("/v1/alerts", routes::listAlerts);
              r.get("/v1/alerts/stream", routes::streamAlerts);
              r.get("/v1/alerts/weekly", routes::weeklyAlerts);
              r.get("/v1/alerts/{id}", routes::getAlert);
              r.get("/v1/deliveries", routes::listDeliveries);
              r.post("/v1/deliveries/{id}/redeliver", routes::redeliver);
              OpsEndpoints.install(
                  config,
                  ops.metrics(),
                  () -> OpsEndpoints.Readiness.of(deps.streamsState().get()),
                  Optional.of(OPENAPI_RESOURCE));
            });
    routes.app.start();
    return routes;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The Javalin app, for tests that read its routes. */
  Javalin javalin() {
    return app;
  }

  @Override
  public void close() {
    deps.feed().close();
    app.stop();
    try {
      owned.close();
    } catch (Exception e) {
      LOG.debug("Closing the API's metrics failed: {}", e.toString());
    }
  }

  // ---- operators

  private void createSubscriber(Context ctx) throws IOException {
    auth.operator(ctx);
    SubscriberRequest request = read(ctx, SubscriberRequest.class, "a subscriber");
    String name = request.name() == null ? null : request.name().strip();
    if (name == null || name.isEmpty() || name.length() > WatchlistRequest.MAX_NAME_LENGTH) {
      throw ApiException.invalidField(
          "name", "is required: 1 to " + WatchlistRequest.MAX_NAME_LENGTH + " characters");
    }
    String id = request.id() == null ? SubscriberIds.newId(deps.random()) : request.id();
    if (!SubscriberIds.isValid(id)) {
      throw ApiException.invalidField("id", SubscriberIds.RULE);
    }
    if (deps.subscribers().get(id).isPresent()) {
      throw new ApiException(
          new ApiError(409, "conflict", "A subscriber with id '" + id + "' exists", List.of()));
    }
    String key = SubscriberKeys.newKey(id, deps.random());
    Instant now = deps.clock().instant();
    Subscriber subscriber = new Subscriber(id, name, KeyDigests.digestOf(key), now, now);
    putSubscriber(subscriber);
    LOG.info("Subscriber {} created", id);
    ctx.status(201).json(ApiJson.SubscriberJson.of(subscriber, key));
  }

  private void listSubscribers(Context ctx) {
    auth.operator(ctx);
    ctx.json(
        new ApiJson.SubscribersPage(
            deps.subscribers().values().stream()
                .sorted(Comparator.comparing(Subscriber::getId))
                .map(s -> ApiJson.SubscriberJson.of(s, null))
                .toList()));
  }

  private void getSubscriber(Context ctx) {
    auth.operator(ctx);
    ctx.json(ApiJson.SubscriberJson.of(subscriberOrNotFound(ctx.pathParam("id")), null));
  }

  private void rotateKey(Context ctx) {
    auth.operator(ctx);
    Subscriber subscriber = subscriberOrNotFound(ctx.pathParam("id"));
    String key = SubscriberKeys.newKey(subscriber.getId(), deps.random());
    Subscriber rotated =
        Subscriber.newBuilder(subscriber)
            .setKeyDigest(KeyDigests.digestOf(key))
            .setUpdatedAt(deps.clock().instant())
            .build();
    putSubscriber(rotated);
    LOG.info("Subscriber {} got a new API key", subscriber.getId());
    ctx.json(ApiJson.SubscriberJson.of(rotated, key));
  }

  private void deleteSubscriber(Context ctx) {
    auth.operator(ctx);
    Subscriber subscriber = subscriberOrNotFound(ctx.pathParam("id"));
    for (Watchlist w : watchlistsOf(subscriber.getId())) {
      deps.watchlistPublisher().delete(w.getId());
    }
    deps.subscriberPublisher().delete(subscriber.getId());
    deps.subscribers().await(subscriber.getId(), Optional::isEmpty, deps.visibilityTimeout());
    LOG.info("Subscriber {} deleted with its watchlists", subscriber.getId());
    ctx.status(204);
  }

  private Subscriber subscriberOrNotFound(String id) {
    return deps.subscribers()
        .get(id)
        .orElseThrow(() -> ApiException.notFound("No subscriber '" + clip(id) + "'"));
  }

  private void putSubscriber(Subscriber subscriber) {
    deps.subscriberPublisher().put(subscriber.getId(), subscriber);
    deps.subscribers()
        .await(
            subscriber.getId(),
            s -> s.filter(subscriber::equals).isPresent(),
            deps.visibilityTimeout());
  }

  // ---- subscribers: watchlists

  private Subscriber me(Context ctx) {
    return auth.subscriber(ctx);
  }

  private void createWatchlist(Context ctx) throws IOException {
    Subscriber me = me(ctx);
    WatchlistRequest request = read(ctx, WatchlistRequest.class, "a watchlist");
    if (watchlistsOf(me.getId()).size() >= deps.maxWatchlistsPerSubscriber()) {
      throw ApiException.invalid(
          "A subscriber may have at most "
              + deps.maxWatchlistsPerSubscriber()
              + " watchlists; delete one first",
          List.of());
    }
    String id = "wl-" + ContentRandom.hex(deps.random(), 16);
    Watchlist watchlist =
        request.toWatchlist(id, me.getId(), deps.clock().instant(), Optional.empty(), checks());
    putWatchlist(watchlist);
    ctx.status(201).header("Location", "/v1/watchlists/" + id);
    ctx.json(ApiJson.WatchlistJson.of(watchlist));
  }

  /**
   * The checks of {@code POST /v1/watchlists} without storing anything: 200 {@code {"valid": true}}
   * or the same 400 naming every bad field. The per-subscriber limit is not checked: an editor
   * validates changes to watchlists that exist too.
   */
  private void validateWatchlist(Context ctx) throws IOException {
    Subscriber me = me(ctx);
    WatchlistRequest request = read(ctx, WatchlistRequest.class, "a watchlist");
    request.toWatchlist(
        "wl-validation", me.getId(), deps.clock().instant(), Optional.empty(), checks());
    ctx.json(new ApiJson.ValidationJson(true));
  }

  /**
   * One signed sample POST to the watchlist's webhook, now, after the URL checks a save makes;
   * nothing is recorded. One test at a time per watchlist (429 otherwise).
   */
  private void testDelivery(Context ctx) throws InterruptedException {
    Subscriber me = me(ctx);
    Watchlist watchlist = ownWatchlist(me, ctx.pathParam("id"));
    if (watchlist.getWebhook() == null) {
      throw ApiException.invalidField(
          "webhookUrl", "is not set: save the watchlist with a webhook URL first");
    }
    checks()
        .webhookProblem()
        .apply(watchlist.getWebhook().getUrl())
        .ifPresent(
            problem -> {
              throw ApiException.invalidField("webhookUrl", problem);
            });
    if (!testing.add(watchlist.getId())) {
      throw new ApiException(
          new ApiError(
              429,
              "too_many_requests",
              "A test delivery of this watchlist is under way; wait for its answer",
              List.of()));
    }
    try {
      ctx.json(deps.testDeliveries().send(watchlist));
    } finally {
      testing.remove(watchlist.getId());
    }
  }

  private void listWatchlists(Context ctx) {
    Subscriber me = me(ctx);
    ctx.json(
        new ApiJson.WatchlistsPage(
            watchlistsOf(me.getId()).stream().map(ApiJson.WatchlistJson::of).toList()));
  }

  private void getWatchlist(Context ctx) {
    Subscriber me = me(ctx);
    ctx.json(ApiJson.WatchlistJson.of(ownWatchlist(me, ctx.pathParam("id"))));
  }

  private void replaceWatchlist(Context ctx) throws IOException {
    Subscriber me = me(ctx);
    Watchlist previous = ownWatchlist(me, ctx.pathParam("id"));
    WatchlistRequest request = read(ctx, WatchlistRequest.class, "a watchlist");
    Watchlist watchlist =
        request.toWatchlist(
            previous.getId(), me.getId(), deps.clock().instant(), Optional.of(previous), checks());
    putWatchlist(watchlist);
    ctx.json(ApiJson.WatchlistJson.of(watchlist));
  }

  private void deleteWatchlist(Context ctx) {
    Subscriber me = me(ctx);
    Watchlist watchlist = ownWatchlist(me, ctx.pathParam("id"));
    deps.watchlistPublisher().delete(watchlist.getId());
    deps.watchlists().await(watchlist.getId(), Optional::isEmpty, deps.visibilityTimeout());
    ctx.status(204);
  }

  private WatchlistRequest.Checks checks() {
    return deps.checks();
  }

  private void putWatchlist(Watchlist watchlist) {
    deps.watchlistPublisher().put(watchlist.getId(), watchlist);
    deps.watchlists()
        .await(
            watchlist.getId(),
            w -> w.filter(watchlist::equals).isPresent(),
            deps.visibilityTimeout());
  }

  /** The caller's watchlist with this id; another subscriber's answers 404 like a missing one. */
  private Watchlist ownWatchlist(Subscriber me, String id) {
    return deps.watchlists()
        .get(id)
        .filter(w -> w.getSubscriberId().equals(me.getId()))
        .orElseThrow(() -> ApiException.notFound("No watchlist '" + clip(id) + "'"));
  }

  private List<Watchlist> watchlistsOf(String subscriberId) {
    return deps.watchlists().values().stream()
        .filter(w -> w.getSubscriberId().equals(subscriberId))
        .sorted(Comparator.comparing(Watchlist::getCreatedAt).thenComparing(Watchlist::getId))
        .toList();
  }

  // ---- subscribers: alerts

  private void listAlerts(Context ctx) throws InterruptedException {
    Subscriber me = me(ctx);
    if (forwarded(ctx, me)) {
      return;
    }
    String watchlist = watchlistFilter(ctx, me);
    AlertInbox.PageRequest request =
        new AlertInbox.PageRequest(
            since(ctx.queryParam("since")), watchlist, ctx.queryParam("after"), limit(ctx));
    AlertInbox.Page page;
    try {
      page = deps.inbox().page(me.getId(), request);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("after", e.getMessage());
    }
    ctx.json(
        new ApiJson.AlertsPage(
            page.alerts().stream().map(ApiJson.AlertJson::of).toList(), page.next().orElse(null)));
  }

  /**
   * The subscriber's alerts per week (Monday to Sunday, UTC) by primary sector, oldest week first:
   * {@code weeks} 1 to 52 (default 12), optionally of one watchlist.
   */
  private void weeklyAlerts(Context ctx) throws InterruptedException {
    Subscriber me = me(ctx);
    if (forwarded(ctx, me)) {
      return;
    }
    String watchlist = watchlistFilter(ctx, me);
    int weeks = intParam(ctx, "weeks", 12, 1, WeeklyCounts.MAX_WEEKS);
    WeeklyCounts counts =
        new WeeklyCounts(deps.clock().instant().atZone(ZoneOffset.UTC).toLocalDate(), weeks);
    boolean complete =
        deps.inbox()
            .scan(
                me.getId(),
                counts.since(),
                WEEKLY_SCAN_MAX,
                alert -> {
                  if (watchlist == null || watchlist.equals(alert.getWatchlistId())) {
                    counts.accept(alert);
                  }
                });
    ctx.json(counts.toJson(!complete));
  }

  private void getAlert(Context ctx) throws InterruptedException {
    Subscriber me = me(ctx);
    if (forwarded(ctx, me)) {
      return;
    }
    String id = ctx.pathParam("id");
    Alert alert =
        deps.inbox()
            .find(me.getId(), id)
            .orElseThrow(() -> ApiException.notFound("No alert '" + clip(id) + "'"));
    ctx.json(ApiJson.AlertJson.of(alert));
  }

  /**
   * Server-Sent Events: first what the client missed after {@code Last-Event-ID} (from the inbox,
   * oldest first), then each new alert as it is filed, as {@code event: alert} with the alert's
   * cursor as id. A comment every 15 s keeps proxies from closing the connection. Alerts are
   * de-duplicated by id on each connection.
   */
  private void streamAlerts(Context ctx) throws IOException {
    Subscriber me = me(ctx);
    String lastEventId = ctx.header("Last-Event-ID");
    String watchlist = watchlistFilter(ctx, me);
    List<Alert> missed = List.of();
    try (AlertFeed.Subscription live = deps.feed().subscribe(me.getId(), STREAM_QUEUE)) {
      // Subscribe before reading the inbox, so nothing filed in between is missed.
      if (lastEventId != null && !lastEventId.isBlank()) {
        try {
          missed = deps.inbox().newerThan(me.getId(), lastEventId.strip(), STREAM_REPLAY_MAX);
        } catch (IllegalArgumentException e) {
          throw ApiException.invalidField("Last-Event-ID", e.getMessage());
        }
      }
      ctx.status(200);
      ctx.res().setContentType("text/event-stream");
      ctx.res().setCharacterEncoding("UTF-8");
      ctx.res().setHeader("Cache-Control", "no-cache");
      ctx.res().setHeader("X-Accel-Buffering", "no");
      OutputStream out = ctx.res().getOutputStream();
      Set<String> sent = new LinkedHashSet<>();
      write(out, "retry: 2000\n: connected\n\n");
      for (Alert alert : missed) {
        sendAlert(out, alert, watchlist, sent);
      }
      while (!live.isOver()) {
        Optional<Alert> next = live.poll(HEARTBEAT);
        if (next.isPresent()) {
          sendAlert(out, next.get(), watchlist, sent);
        } else {
          write(out, ": keep-alive\n\n");
        }
      }
    } catch (IOException e) {
      LOG.debug("Alert stream of {} closed by the client", me.getId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Forwards the request to the instance hosting the subscriber's inbox and answers with its
   * answer; false when this instance answers itself (it hosts the inbox, or the request was
   * forwarded to it already).
   */
  private boolean forwarded(Context ctx, Subscriber me) throws InterruptedException {
    if (ctx.header(FORWARDED_HEADER) != null) {
      return false;
    }
    Optional<String> owner = ops.router().ownerOf(me.getId());
    if (owner.isEmpty()) {
      return false;
    }
    String query = ctx.queryString();
    URI target =
        URI.create("http://" + owner.get() + ctx.path() + (query == null ? "" : "?" + query));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT).header(FORWARDED_HEADER, "1");
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> answer;
    try {
      answer = forwarder.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UnavailableException(
          "The instance holding this inbox did not answer ("
              + e.getClass().getSimpleName()
              + "); retry shortly.",
          e);
    }
    ctx.status(answer.statusCode());
    answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
    answer
        .headers()
        .firstValue("WWW-Authenticate")
        .ifPresent(v -> ctx.header("WWW-Authenticate", v));
    ctx.result(answer.body());
    return true;
  }

  private void sendAlert(OutputStream out, Alert alert, String watchlist, Set<String> sent)
      throws IOException {
    if (watchlist != null && !watchlist.equals(alert.getWatchlistId())) {
      return;
    }
    if (!sent.add(alert.getId())) {
      return;
    }
    if (sent.size() > 10_000) {
      sent.remove(sent.iterator().next());
    }
    ops.alertMetrics().sentLive();
    write(
        out,
        "id: "
            + InboxQuery.cursorOf(alert)
            + "\nevent: alert\ndata: "
            + mapper.writeValueAsString(ApiJson.AlertJson.of(alert))
            + "\n\n");
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * The {@code watchlist} query parameter, or null. A watchlist of another subscriber answers 404;
   * one deleted since is allowed (its alerts and deliveries remain).
   */
  private String watchlistFilter(Context ctx, Subscriber me) {
    String id = ctx.queryParam("watchlist");
    if (id != null) {
      Optional<Watchlist> w = deps.watchlists().get(id);
      if (w.isPresent() && !w.get().getSubscriberId().equals(me.getId())) {
        throw ApiException.notFound("No watchlist '" + clip(id) + "'");
      }
    }
    return id;
  }

  // ---- subscribers: webhook deliveries

  private void listDeliveries(Context ctx) {
    Subscriber me = me(ctx);
    String watchlist = watchlistFilter(ctx, me);
    ctx.json(
        new ApiJson.DeliveriesPage(
            deps.deliveries().list(me.getId(), Optional.ofNullable(watchlist), limit(ctx)).stream()
                .map(ApiJson.DeliveryJson::of)
                .toList()));
  }

  private void redeliver(Context ctx) {
    Subscriber me = me(ctx);
    String id = ctx.pathParam("id");
    deps.deliveries()
        .find(id)
        .filter(d -> d.getSubscriberId().equals(me.getId()))
        .orElseThrow(() -> ApiException.notFound("No delivery '" + clip(id) + "'"));
    ctx.status(202).json(ApiJson.DeliveryJson.of(deps.deliveries().redeliver(id)));
  }

  // ---- shared

  private void health(Context ctx) {
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

  private <T> T read(Context ctx, Class<T> type, String what) throws IOException {
    // Read with Jackson directly: Javalin's bodyAsClass fails with a NullPointerException (500)
    // on a body of JSON null, where this answers 400.
    T request = mapper.readValue(ctx.bodyAsBytes(), type);
    if (request == null) {
      throw ApiException.invalid(
          "Request body must be a JSON object describing " + what, List.of());
    }
    return request;
  }

  private static Instant since(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return raw.length() == 10
          ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField(
          "since",
          "must be a date (2026-03-01) or an instant (2026-03-01T08:00:00Z), got '"
              + clip(raw)
              + "'");
    }
  }

  private static int limit(Context ctx) {
    return intParam(ctx, "limit", AlertInbox.DEFAULT_LIMIT, 1, AlertInbox.MAX_LIMIT);
  }

  /** A whole-number query parameter from {@code min} to {@code max}, or 400 naming it. */
  private static int intParam(Context ctx, String name, int absent, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return absent;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw ApiException.invalidField(
        name, "must be a whole number from " + min + " to " + max + ", got '" + clip(raw) + "'");
  }

  private static String clip(String value) {
    return WatchlistRequest.clip(value);
  }
}
