package eu.sectoralerts.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.registry.SchemaRegistryException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST resources of Confluent's schema registry that clients use, mapped onto a {@link
 * SchemaRegistry}: JSON in Confluent's shapes, content type {@code
 * application/vnd.schemaregistry.v1+json}, errors as {@code {"error_code": N, "message": "..."}}.
 */
final class RegistryRoutes {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Request body types Confluent's registry accepts. */
  private static final Set<String> BODY_TYPES =
      Set.of(
          "application/vnd.schemaregistry.v1+json",
          "application/vnd.schemaregistry+json",
          "application/json",
          "application/octet-stream");

  private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);

  private final SchemaRegistry registry;
  private final ObjectMapper mapper = new ObjectMapper();

  RegistryRoutes(SchemaRegistry registry) {
    this.registry = registry;
  }

  void install(JavalinConfig config) {
    var routes = config.routes;
    routes.get("/", ctx -> send(ctx, 200, Map.of()));

    routes.get("/schemas/types", ctx -> send(ctx, 200, List.of("AVRO")));
    routes.get("/schemas/ids/{id}", this::schemaById);
    routes.get("/schemas/ids/{id}/schema", this::rawSchemaById);
    routes.get("/schemas/ids/{id}/versions", this::versionsOfId);

    routes.get("/subjects", ctx -> send(ctx, 200, registry.subjects(flag(ctx, "deleted"))));
    routes.post("/subjects/{subject}", this::lookup);
    routes.delete("/subjects/{subject}", this::deleteSubject);
    routes.get("/subjects/{subject}/versions", this::versions);
    routes.post("/subjects/{subject}/versions", this::register);
    routes.get("/subjects/{subject}/versions/{version}", this::version);
    routes.delete("/subjects/{subject}/versions/{version}", this::deleteVersion);
    routes.get("/subjects/{subject}/versions/{version}/schema", this::rawSchemaOfVersion);

    routes.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, "latest"));
    routes.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> compatibility(ctx, ctx.pathParam("version")));

    routes.get(
        "/config", ctx -> send(ctx, 200, level("compatibilityLevel", registry.globalLevel())));
    routes.put("/config", this::putGlobalConfig);
    routes.get("/config/{subject}", this::subjectConfig);
    routes.put("/config/{subject}", this::putSubjectConfig);
    routes.delete("/config/{subject}", this::deleteSubjectConfig);

    routes.exception(
        SchemaRegistryException.class,
        (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.getMessage()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, 500, "Internal Server Error; the registry's log has details.");
        });
    routes.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            error(ctx, 404, 404, "HTTP 404 Not Found");
          }
        });
    routes.error(
        405,
        ctx -> {
          if (ctx.result() == null) {
            error(ctx, 405, 405, "HTTP 405 Method Not Allowed");
          }
        });
  }

  private void register(Context ctx) {
    String subject = ctx.pathParam("subject");
    int id = registry.register(subject, schemaInput(ctx));
    send(ctx, 200, Map.of("id", id));
  }

  private void lookup(Context ctx) {
    String subject = ctx.pathParam("subject");
    StoreRecord.SchemaVersion found =
        registry.lookup(subject, schemaInput(ctx), flag(ctx, "deleted"));
    send(ctx, 200, versionJson(found));
  }

  private void schemaById(Context ctx) {
    // ?subject= and ?fetchMaxId= only narrow or extend Confluent's answer; the schema is the same.
    send(ctx, 200, Map.of("schema", registry.schemaText(schemaId(ctx))));
  }

  private void rawSchemaById(Context ctx) {
    sendRaw(ctx, registry.schemaText(schemaId(ctx)));
  }

  private void versionsOfId(Context ctx) {
    List<Map<String, Object>> answer =
        registry.subjectVersionsOf(schemaId(ctx), flag(ctx, "deleted")).stream()
            .map(
                sv -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("subject", sv.subject());
                  m.put("version", sv.version());
                  return m;
                })
            .toList();
    send(ctx, 200, answer);
  }

  private void versions(Context ctx) {
    send(ctx, 200, registry.versions(ctx.pathParam("subject"), flag(ctx, "deleted")));
  }

  private void version(Context ctx) {
    send(
        ctx,
        200,
        versionJson(
            registry.version(
                ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted"))));
  }

  private void rawSchemaOfVersion(Context ctx) {
    sendRaw(
        ctx,
        registry
            .version(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted"))
            .schema());
  }

  private void deleteSubject(Context ctx) {
    refusePermanent(ctx);
    send(ctx, 200, registry.deleteSubject(ctx.pathParam("subject")));
  }

  private void deleteVersion(Context ctx) {
    refusePermanent(ctx);
    send(ctx, 200, registry.deleteVersion(ctx.pathParam("subject"), ctx.pathParam("version")));
  }

  private void compatibility(Context ctx, String version) {
    List<String> problems =
        registry.compatibilityProblems(ctx.pathParam("subject"), version, schemaInput(ctx));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("is_compatible", problems.isEmpty());
    if (flag(ctx, "verbose")) {
      answer.put("messages", problems);
    }
    send(ctx, 200, answer);
  }

  private void putGlobalConfig(Context ctx) {
    CompatibilityLevel level = levelFrom(ctx);
    registry.setGlobalLevel(level);
    send(ctx, 200, level("compatibility", level));
  }

  private void subjectConfig(Context ctx) {
    String subject = ctx.pathParam("subject");
    CompatibilityLevel level =
        registry
            .subjectLevel(subject)
            .orElseGet(
                () -> {
                  if (flag(ctx, "defaultToGlobal")) {
                    return registry.globalLevel();
                  }
                  throw RegistryErrors.subjectLevelNotConfigured(subject);
                });
    send(ctx, 200, level("compatibilityLevel", level));
  }

  private void putSubjectConfig(Context ctx) {
    CompatibilityLevel level = levelFrom(ctx);
    registry.setSubjectLevel(ctx.pathParam("subject"), level);
    send(ctx, 200, level("compatibility", level));
  }

  private void deleteSubjectConfig(Context ctx) {
    CompatibilityLevel removed = registry.removeSubjectLevel(ctx.pathParam("subject"));
    send(ctx, 200, level("compatibilityLevel", removed));
  }

  private SchemaInput schemaInput(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode schema = body.get("schema");
    if (schema != null && !schema.isTextual() && !schema.isNull()) {
      throw RegistryErrors.invalidSchema("\"schema\" must be a string holding the schema's JSON");
    }
    JsonNode type = body.get("schemaType");
    JsonNode references = body.get("references");
    return SchemaInput.parse(
        schema == null || schema.isNull() ? null : schema.asText(),
        type == null || type.isNull() ? null : type.asText(),
        references == null || !references.isArray() ? 0 : references.size());
  }

  private CompatibilityLevel levelFrom(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode value =
        body.has("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
    String text = value == null || value.isNull() ? null : value.asText();
    return CompatibilityLevel.parse(text)
        .orElseThrow(() -> RegistryErrors.invalidCompatibilityLevel(String.valueOf(text)));
  }

  private JsonNode body(Context ctx) {
    String contentType = ctx.header("Content-Type");
    if (contentType != null && !contentType.isBlank()) {
      String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!BODY_TYPES.contains(mediaType)) {
        throw new SchemaRegistryException(
            415,
            415,
            "Unsupported Content-Type '"
                + contentType
                + "'; send application/vnd.schemaregistry.v1+json or application/json");
      }
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return mapper.createObjectNode();
    }
    JsonNode node;
    try {
      node = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(
          400, 400, "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SchemaRegistryException(400, 400, "The request body cannot be read");
    }
    if (node == null || !node.isObject()) {
      throw new SchemaRegistryException(400, 400, "The request body must be a JSON object");
    }
    return node;
  }

  private static int schemaId(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(
          404, RegistryErrors.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }
  }

  private static void refusePermanent(Context ctx) {
    if (flag(ctx, "permanent")) {
      // Ids must never come back for another schema: records in topics still carry them.
      throw new SchemaRegistryException(
          422,
          42206,
          "Permanent deletion is not supported by this registry; soft deletion keeps ids safe");
    }
  }

  private static boolean flag(Context ctx, String name) {
    return "true".equalsIgnoreCase(ctx.queryParam(name));
  }

  private static Map<String, Object> versionJson(StoreRecord.SchemaVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", v.subject());
    m.put("version", v.version());
    m.put("id", v.id());
    m.put("schema", v.schema());
    return m;
  }

  private static Map<String, Object> level(String field, CompatibilityLevel level) {
    return Map.of(field, level.name());
  }

  private void send(Context ctx, int status, Object body) {
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response", e);
    }
    ctx.status(status).contentType(CONTENT_TYPE).result(json);
  }

  private static void sendRaw(Context ctx, String json) {
    ctx.status(200).contentType(CONTENT_TYPE).result(json);
  }

  private void error(Context ctx, int status, int errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", message);
    send(ctx, status, body);
  }
}
