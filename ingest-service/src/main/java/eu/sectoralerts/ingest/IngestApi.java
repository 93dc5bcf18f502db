package eu.sectoralerts.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.HttpErrors;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.OpsEndpoints;
import eu.sectoralerts.common.ServiceMetrics;
import eu.sectoralerts.ingest.ItemPublisher.PublishException;
import eu.sectoralerts.ingest.ItemPublisher.PublishReceipt;
import eu.sectoralerts.ingest.briefing.BriefingParseException;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import eu.sectoralerts.ingest.briefing.ParsedBriefing;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of ingest-service, built as an unstarted Javalin app from the configuration, an
 * {@link ItemPublisher}, the index of {@link PublishedIds} and a clock:
 *
 * <ul>
 *   <li>{@code POST /v1/items} with an {@link ItemRequest} as {@code application/json} publishes
 *       the item and answers {@code 202 {"id","topic","partition","offset","status":"published"}}
 *       once it is stored, or {@code 200 {"id","status":"already-published"}} when an item with
 *       that id is already on the items topic;
 *   <li>{@code POST /v1/briefings[?source=NAME][&dryRun=true][&publisher=NAME]} with a briefing
 *       document as {@code text/plain} or {@code text/markdown} (UTF-8) parses it with the {@link
 *       BriefingParser} and publishes its new items in one transaction: {@code 202} (or {@code 200}
 *       for a dry run, which publishes nothing) with a {@link BriefingAnswer};
 *   <li>{@code GET /health} answers {@code {"status":"UP"}};
 *   <li>the {@link OpsEndpoints}: {@code /health/live}, {@code /health/ready} (ready while the
 *       publisher is connected), {@code /metrics} and {@code /openapi.json} (this API described).
 * </ul>
 *
 * <p>Metrics: {@code sector_alerts_items_published_total{outcome}} counts items by what became of
 * them: {@code published}, {@code already-published} or {@code failed} (503).
 *
 * <p>Both POST endpoints need {@code Authorization: Bearer <analyst key>}, checked against the
 * configured {@link KeyDigests}. Every error is an {@link ApiError} body: 401 without a valid key,
 * 415 for a body of the wrong type, 413 for one over {@code max.body.bytes} (items) or {@code
 * max.briefing.bytes} (briefings), 400 naming every invalid field or for a document that is not
 * text, 422 for a text that is no readable briefing, 503 when the items could not be stored.
 * Nothing is published unless the whole request is valid.
 */
public final class IngestApi {

  private static final Logger LOG = LoggerFactory.getLogger(IngestApi.class);

  public static final String ITEMS_PATH = "/v1/items";
  public static final String BRIEFINGS_PATH = "/v1/briefings";
  public static final String HEALTH_PATH = "/health";
  public static final String DEFAULT_SOURCE = "briefing";
  public static final String DEFAULT_PUBLISHER = "briefing-import";

  static final String PUBLISHED = "published";
  static final String ALREADY_PUBLISHED = "already-published";
  static final String PARSED = "parsed";

  private static final int MAX_NAME_LENGTH = 200;

  /** The OpenAPI document of this API, a classpath resource. */
  public static final String OPENAPI_RESOURCE = "eu/sectoralerts/ingest/openapi.json";

  static final String ITEMS_METER = "sector.alerts.items.published";
  static final String FAILED = "failed";

  private final ItemPublisher publisher;
  private final PublishedIds publishedIds;
  private final BriefingParser parser;
  private final KeyDigests keys;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final int maxBodyBytes;
  private final int maxBriefingBytes;
  private final Counter published;
  private final Counter alreadyPublished;
  private final Counter failed;

  private IngestApi(
      IngestConfig config,
      ItemPublisher publisher,
      PublishedIds publishedIds,
      Clock clock,
      ObjectMapper mapper,
      MeterRegistry meters) {
    this.publisher = publisher;
    this.publishedIds = publishedIds;
    this.parser = new BriefingParser(clock);
    this.keys = config.analystKeys();
    this.clock = clock;
    this.mapper = mapper;
    this.maxBodyBytes = config.maxBodyBytes();
    this.maxBriefingBytes = config.maxBriefingBytes();
    this.published = itemsCounter(meters, PUBLISHED);
    this.alreadyPublished = itemsCounter(meters, ALREADY_PUBLISHED);
    this.failed = itemsCounter(meters, FAILED);
  }

  private static Counter itemsCounter(MeterRegistry meters, String outcome) {
    return Counter.builder(ITEMS_METER)
        .description("News items received, by what became of them")
        .tag("outcome", outcome)
        .register(meters);
  }

  /**
   * The app, listening (once started) on {@code http.host}:{@code http.port}.
   *
   * @param publisher where valid items go; the caller keeps ownership and closes it
   * @param publishedIds the ids already published; the caller keeps ownership and closes it
   * @param clock stamps each item's {@code publishedAt}
   * @param metrics where the API counts items and which {@code /metrics} serves; the caller keeps
   *     ownership and closes it
   */
  public static Javalin create(
      IngestConfig config,
      ItemPublisher publisher,
      PublishedIds publishedIds,
      Clock clock,
      ServiceMetrics metrics) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    ObjectMapper mapper = mapper();
    IngestApi api =
        new IngestApi(
            config,
            Objects.requireNonNull(publisher, "publisher"),
            Objects.requireNonNull(publishedIds, "publishedIds"),
            Objects.requireNonNull(clock, "clock"),
            mapper,
            metrics.registry());
    return Javalin.create(
        javalin -> {
          javalin.jetty.host = config.httpHost();
          javalin.jetty.port = config.httpPort();
          javalin.http.maxRequestSize = Math.max(config.maxBodyBytes(), config.maxBriefingBytes());
          javalin.startup.showJavalinBanner = false;
          javalin.startup.showOldJavalinVersionWarning = false;
          javalin.jsonMapper(new JavalinJackson(mapper, false));
          HttpErrors.install(javalin);
          javalin.routes.before(ITEMS_PATH, api::requireAnalyst);
          javalin.routes.before(BRIEFINGS_PATH, api::requireAnalyst);
          javalin.routes.post(ITEMS_PATH, api::postItem);
          javalin.routes.post(BRIEFINGS_PATH, api::postBriefing);
          javalin.routes.get(HEALTH_PATH, ctx -> ctx.json(Map.of("status", "UP")));
          OpsEndpoints.install(
              javalin,
              metrics,
              () ->
                  publisher.connected()
                      ? new OpsEndpoints.Readiness(true, "CONNECTED")
                      : new OpsEndpoints.Readiness(false, "DISCONNECTED"),
              Optional.of(OPENAPI_RESOURCE));
        });
  }

  /**
   * The answer to a published item.
   *
   * @param id the item's id (given or derived)
   * @param topic the topic it was published to
   * @param partition its partition
   * @param offset its offset
   * @param status {@code published}
   */
  public record Accepted(String id, String topic, int partition, long offset, String status) {}

  /**
   * The answer to an item whose id is already on the items topic: nothing was published.
   *
   * @param id the item's id
   * @param status {@code already-published}
   */
  public record AlreadyPublished(String id, String status) {}

  /**
   * The answer to a briefing.
   *
   * @param source the document's name
   * @param briefingDate the date the briefing states
   * @param items each item found, in document order
   * @param published how many items were published now
   * @param alreadyPublished how many were on the items topic already
   */
  public record BriefingAnswer(
      String source,
      LocalDate briefingDate,
      List<BriefingItem> items,
      int published,
      int alreadyPublished) {}

  /**
   * One item of a briefing.
   *
   * @param id its id
   * @param kind POLICY or CORPORATE
   * @param section top, policy, corporate or overview
   * @param eventDate {@code yyyy-MM-dd}, or {@code yyyy-MM} when only the month is known
   * @param title its title
   * @param status {@code published}, {@code already-published}, or {@code parsed} in a dry run
   */
  public record BriefingItem(
      String id, String kind, String section, String eventDate, String title, String status) {}

  /** The project's mapper, also refusing numbers and booleans where text is expected. */
  static ObjectMapper mapper() {
    ObjectMapper mapper = Json.newMapper();
    // Jackson would quietly turn {"title": 42} into "42", hiding a client's bug.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** An item's event date as the API writes it: the day, or only the month when that is known. */
  public static String eventDateText(NewsItem item) {
    LocalDate date = item.getEventDate();
    if (date == null) {
      return null;
    }
    return item.getEventDatePrecision() == DatePrecision.MONTH
        ? YearMonth.from(date).toString()
        : date.toString();
  }

  private void requireAnalyst(Context ctx) {
    if (!"POST".equals(ctx.method().name())) {
      return; // other methods answer 404/405 without revealing anything
    }
    String header = ctx.header("Authorization");
    String key = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = header.substring(7).strip();
    }
    if (!keys.accepts(key)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(
          new ApiError(
              401,
              "unauthorized",
              header == null
                  ? "An analyst key is required: send 'Authorization: Bearer <key>' (the"
                      + " embedded pipeline writes one to <data-dir>/analyst.key)"
                  : "The analyst key is not valid: send 'Authorization: Bearer <key>' with a key"
                      + " whose SHA-256 digest is configured in analyst.keys",
              List.of()));
    }
  }

  private void postItem(Context ctx) throws IOException {
    requireMediaType(ctx.header("Content-Type"), Set.of("application/json"), "JSON");
    byte[] body = readBody(ctx, maxBodyBytes);
    ItemRequest request = mapper.readValue(body, ItemRequest.class);
    if (request == null) {
      throw ApiException.invalid(
          "The request body must be a JSON object describing the item", List.of());
    }
    NewsItem item = request.toNewsItem(clock);
    if (!publishedIds.claim(item.getId())) {
      alreadyPublished.increment();
      ctx.status(200).json(new AlreadyPublished(item.getId(), ALREADY_PUBLISHED));
      return;
    }
    PublishReceipt receipt;
    try {
      receipt = publisher.publish(item);
    } catch (PublishException e) {
      publishedIds.release(item.getId());
      failed.increment();
      throw new ApiException(
          new ApiError(
              503,
              "unavailable",
              e.getMessage() + ". Retrying is safe: the same item keeps the same id.",
              List.of()));
    }
    published.increment();
    ctx.status(202)
        .json(
            new Accepted(
                item.getId(), receipt.topic(), receipt.partition(), receipt.offset(), PUBLISHED));
  }

  private void postBriefing(Context ctx) throws IOException {
    requireMediaType(
        ctx.header("Content-Type"), Set.of("text/plain", "text/markdown"), "briefing text");
    String source = nameParam(ctx, "source", DEFAULT_SOURCE);
    String publisherName = nameParam(ctx, "publisher", DEFAULT_PUBLISHER);
    boolean dryRun = booleanParam(ctx, "dryRun");
    byte[] body = readBody(ctx, maxBriefingBytes);
    String text;
    try {
      text = BriefingParser.decode(source, body);
    } catch (BriefingParseException e) {
      throw ApiException.invalid(e.getMessage(), List.of());
    }
    ParsedBriefing briefing;
    try {
      briefing = parser.parse(source, text, publisherName);
    } catch (BriefingParseException e) {
      throw new ApiException(
          new ApiError(422, "unprocessable_briefing", e.getMessage(), List.of()));
    }
    if (dryRun) {
      ctx.status(200).json(answer(briefing, id -> PARSED, 0, 0));
      return;
    }
    List<NewsItem> fresh = new ArrayList<>();
    for (NewsItem item : briefing.items()) {
      if (publishedIds.claim(item.getId())) {
        fresh.add(item);
      }
    }
    Set<String> freshIds = fresh.stream().map(NewsItem::getId).collect(Collectors.toSet());
    try {
      publisher.publishAll(fresh);
    } catch (PublishException e) {
      freshIds.forEach(publishedIds::release);
      failed.increment(fresh.size());
      throw new ApiException(
          new ApiError(
              503,
              "unavailable",
              e.getMessage()
                  + ". None of the briefing's new items was published; retrying is safe: the"
                  + " same briefing gives the same ids.",
              List.of()));
    }
    int already = briefing.items().size() - fresh.size();
    published.increment(fresh.size());
    alreadyPublished.increment(already);
    LOG.info(
        "Imported briefing {} ({}): {} items published, {} already published",
        source,
        briefing.briefingDate(),
        fresh.size(),
        already);
    ctx.status(202)
        .json(
            answer(
                briefing,
                id -> freshIds.contains(id) ? PUBLISHED : ALREADY_PUBLISHED,
                fresh.size(),
                already));
  }

  private static BriefingAnswer answer(
      ParsedBriefing briefing,
      Function<String, String> status,
      int published,
      int alreadyPublished) {
    List<BriefingItem> items =
        briefing.items().stream()
            .map(
                item ->
                    new BriefingItem(
                        item.getId(),
                        item.getKind().name(),
                        item.getSection(),
                        eventDateText(item),
                        item.getTitle(),
                        status.apply(item.getId())))
            .toList();
    return new BriefingAnswer(
        briefing.sourceName(), briefing.briefingDate(), items, published, alreadyPublished);
  }

  private static String nameParam(Context ctx, String name, String defaultValue) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    String clean = value.strip();
    if (clean.length() > MAX_NAME_LENGTH || clean.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalidField(
          name, "must be at most " + MAX_NAME_LENGTH + " printable characters");
    }
    return clean;
  }

  private static boolean booleanParam(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return false;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiException.invalidField(name, "must be true or false, got '" + value + "'");
  }

  private static void requireMediaType(String contentType, Set<String> accepted, String what) {
    if (contentType != null) {
      String[] parts = contentType.split(";");
      boolean typeOk = accepted.contains(parts[0].strip().toLowerCase(Locale.ROOT));
      boolean utf8 = true;
      for (int i = 1; i < parts.length; i++) {
        String[] param = parts[i].split("=", 2);
        if (param[0].strip().equalsIgnoreCase("charset") && param.length == 2) {
          String charset = param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
          utf8 = charset.equals("utf-8") || charset.equals("utf8");
        }
      }
      if (typeOk && utf8) {
        return;
      }
    }
    throw new ApiException(
        new ApiError(
            415,
            "unsupported_media_type",
            "The request body must be "
                + what
                + " in UTF-8 (Content-Type: "
                + String.join(" or ", new TreeSet<>(accepted))
                + "), got "
                + (contentType == null ? "no Content-Type" : "'" + contentType + "'"),
            List.of()));
  }

  /**
   * Past this many bytes an oversized body is not read to the end before the 413: the connection is
   * closed on the client instead.
   */
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  /** The body, refused with 413 past the limit whether or not the client declared its length. */
  private static byte[] readBody(Context ctx, int limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limit) {
        drain(in);
        throw tooLarge(limit);
      }
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        drain(in);
        throw tooLarge(limit);
      }
      return body;
    }
  }

  /**
   * Reads and discards what the client is still sending (up to {@link #DRAIN_LIMIT}): closing a
   * connection with unread bytes resets it, and the client may then lose the 413 it was sent.
   */
  private static void drain(InputStream in) throws IOException {
    long skipped = 0;
    byte[] buffer = new byte[8192];
    int n;
    while (skipped < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
      skipped += n;
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(
        new ApiError(
            413,
            "payload_too_large",
            "The request body must be at most " + limit + " bytes",
            List.of()));
  }
}
