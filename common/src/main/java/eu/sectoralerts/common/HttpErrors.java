package eu.sectoralerts.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the services' error handling on a Javalin config: every failure answers an {@link
 * ApiError} JSON body, never a stack trace. Malformed JSON and wrong field types answer 400 with
 * the field's path; unexpected failures answer 500 and are logged with their stack trace on the
 * server only.
 */
public final class HttpErrors {

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  public static void install(JavalinConfig config) {
    config.routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.error()));
    config.routes.exception(JsonProcessingException.class, (e, ctx) -> respond(ctx, fromJson(e)));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            respond(
                ctx,
                new ApiError(e.getStatus(), codeFor(e.getStatus()), e.getMessage(), List.of())));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
          respond(
              ctx,
              new ApiError(
                  500, "internal_error", "Internal error; the server log has details.", List.of()));
        });
    config.routes.error(
        404,
        ctx -> {
          if (!ctx.res().isCommitted() && ctx.result() == null) {
            respond(
                ctx, new ApiError(404, "not_found", "No such resource: " + ctx.path(), List.of()));
          }
        });
  }

  public static void respond(Context ctx, ApiError error) {
    if (error.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    ctx.status(error.status()).json(error);
  }

  static ApiError fromJson(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return fieldError(u, "unknown field");
    }
    if (e instanceof InvalidFormatException f) {
      return fieldError(f, "has the wrong type or format: '" + f.getValue() + "'");
    }
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      return fieldError(m, "has the wrong type (expected " + describe(m.getTargetType()) + ")");
    }
    String detail = e.getOriginalMessage();
    return new ApiError(
        400, "invalid_json", "Request body is not valid JSON: " + detail, List.of());
  }

  private static ApiError fieldError(MismatchedInputException e, String problem) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return new ApiError(
        400,
        "invalid_request",
        "Invalid field '" + path + "': " + problem,
        List.of(new ApiError.FieldError(path, problem)));
  }

  /** A JSON-level name for the Java type a field needed, for people writing requests. */
  static String describe(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
      return "text";
    }
    if (Number.class.isAssignableFrom(type)
        || (type.isPrimitive() && type != boolean.class && type != char.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal_error" : "error";
    };
  }
}
