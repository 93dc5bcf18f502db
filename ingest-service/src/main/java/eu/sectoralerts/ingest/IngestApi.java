package eu.sectoralerts.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.HttpErrors;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.ingest.ItemPublisher.PublishException;
import eu.sectoralerts.ingest.ItemPublisher.PublishReceipt;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP API of ingest-service, built as an unstarted Javalin app from the configuration, an
 * {@link ItemPublisher} and a clock:
 *
 * <ul>
 *   <li>{@code POST /v1/items} with an {@link ItemRequest} as {@code application/json} publishes
 *       the item and answers {@code 202 {"id","topic","partition","offset"}} once it is stored;
 *   <li>{@code GET /health} answers {@code {"status":"UP"}}.
 * </ul>
 *
 * Every error is an {@link ApiError} body: 415 for a body that is not JSON, 413 for one over {@code
 * max.body.bytes}, 400 naming every invalid field, 503 when the item could not be stored. Nothing
 * is published unless the whole request is valid.
 */
public final class IngestApi {

  public static final String ITEMS_PATH = "/v1/items";
  public static final String HEALTH_PATH = "/health";

  private final ItemPublisher publisher;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final int maxBodyBytes;

  private IngestApi(ItemPublisher publisher, Clock clock, ObjectMapper mapper, int maxBodyBytes) {
    this.publisher = publisher;
    this.clock = clock;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The app, listening (once started) on {@code http.host}:{@code http.port}.
   *
   * @param publisher where valid items go; the caller keeps ownership and closes it
   * @param clock stamps each item's {@code publishedAt}
   */
  public static Javalin create(IngestConfig config, ItemPublisher publisher, Clock clock) {
    Objects.requireNonNull(config, "config");
    ObjectMapper mapper = mapper();
    IngestApi api =
        new IngestApi(
            Objects.requireNonNull(publisher, "publisher"),
            Objects.requireNonNull(clock, "clock"),
            mapper,
            config.maxBodyBytes());
    return Javalin.create(
        javalin -> {
          javalin.jetty.host = config.httpHost();
          javalin.jetty.port = config.httpPort();
          javalin.http.maxRequestSize = config.maxBodyBytes();
          javalin.startup.showJavalinBanner = false;
          javalin.startup.showOldJavalinVersionWarning = false;
          javalin.jsonMapper(new JavalinJackson(mapper, false));
          HttpErrors.install(javalin);
          javalin.routes.post(ITEMS_PATH, api::postItem);
          javalin.routes.get(HEALTH_PATH, ctx -> ctx.json(Map.of("status", "UP")));
        });
  }

  /**
   * The answer to an accepted item.
   *
   * @param id the item's id (given or derived)
   * @param topic the topic it was published to
   * @param partition its partition
   * @param offset its offset
   */
  public record Accepted(String id, String topic, int partition, long offset) {}

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

  private void postItem(Context ctx) throws IOException {
    requireJson(ctx.header("Content-Type"));
    byte[] body = readBody(ctx);
    ItemRequest request = mapper.readValue(body, ItemRequest.class);
    if (request == null) {
      throw ApiException.invalid(
          "The request body must be a JSON object describing the item", List.of());
    }
    NewsItem item = request.toNewsItem(clock);
    PublishReceipt receipt;
    try {
      receipt = publisher.publish(item);
    } catch (PublishException e) {
      throw new ApiException(
          new ApiError(
              503,
              "unavailable",
              e.getMessage() + ". Retrying is safe: the same item keeps the same id.",
              List.of()));
    }
    ctx.status(202)
        .json(new Accepted(item.getId(), receipt.topic(), receipt.partition(), receipt.offset()));
  }

  private static void requireJson(String contentType) {
    if (contentType != null) {
      String[] parts = contentType.split(";");
      boolean json = parts[0].strip().equalsIgnoreCase("application/json");
      boolean utf8 = true;
      for (int i = 1; i < parts.length; i++) {
        String[] param = parts[i].split("=", 2);
        if (param[0].strip().equalsIgnoreCase("charset") && param.length == 2) {
          String charset = param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
          utf8 = charset.equals("utf-8") || charset.equals("utf8");
        }
      }
      if (json && utf8) {
        return;
      }
    }
    throw new ApiException(
        new ApiError(
            415,
            "unsupported_media_type",
            "The request body must be JSON in UTF-8 (Content-Type: application/json), got "
                + (contentType == null ? "no Content-Type" : "'" + contentType + "'"),
            List.of()));
  }

  /** The body, refused with 413 past the limit whether or not the client declared its length. */
  private byte[] readBody(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        new ApiError(
            413,
            "payload_too_large",
            "The request body must be at most " + maxBodyBytes + " bytes",
            List.of()));
  }
}
