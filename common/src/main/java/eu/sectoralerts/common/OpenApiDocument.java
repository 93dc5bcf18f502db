package eu.sectoralerts.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's hand-written OpenAPI 3.1 document, read so that tests can hold it to the
 * implementation: the operations it describes ({@code "GET /v1/alerts/{id}"}) against the routes
 * Javalin registered ({@link #routesOf}), and example bodies against its schemas ({@link
 * #problems}). The schema check covers what these documents use: {@code type} (one or a list),
 * {@code required}, {@code properties} (an object may hold no other property), {@code items},
 * {@code enum} and local {@code $ref}s.
 */
public final class OpenApiDocument {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");
  private static final Set<HandlerType> ROUTE_TYPES =
      Set.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE);

  private final JsonNode root;

  private OpenApiDocument(JsonNode root) {
    this.root = root;
  }

  /** The document in the classpath resource {@code name}. */
  public static OpenApiDocument load(String name) {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No classpath resource " + name);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /** The document in {@code json}. */
  public static OpenApiDocument parse(byte[] json) {
    try {
      return new OpenApiDocument(new ObjectMapper().readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a JSON document: " + e.getMessage(), e);
    }
  }

  /** The OpenAPI version the document declares. */
  public String version() {
    return root.path("openapi").asText();
  }

  /** Every operation, as {@code METHOD /path}, sorted. */
  public Set<String> operations() {
    Set<String> operations = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (METHODS.contains(method)) {
          operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    return operations;
  }

  /**
   * Every route a Javalin app registered, as {@code METHOD /path} (GET, POST, PUT, PATCH, DELETE;
   * not filters), sorted.
   */
  public static Set<String> routesOf(Javalin app) {
    Set<String> routes = new TreeSet<>();
    for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
      if (ROUTE_TYPES.contains(parsed.endpoint.method)) {
        routes.add(parsed.endpoint.method + " " + parsed.endpoint.path);
      }
    }
    return routes;
  }

  /**
   * What is wrong with {@code instance} measured against the named schema of {@code
   * components/schemas}; empty when it fits.
   */
  public List<String> problems(String schemaName, JsonNode instance) {
    JsonNode schema = root.path("components").path("schemas").path(schemaName);
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException("No schema " + schemaName);
    }
    List<String> problems = new ArrayList<>();
    check(schema, instance, "$", problems);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").asText()), value, at, problems);
      return;
    }
    if (schema.has("type") && !typeFits(schema.get("type"), value)) {
      problems.add(at + ": expected " + schema.get("type") + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : schema.get("enum")) {
        found |= allowed.equals(value);
      }
      if (!found) {
        problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(at + ": missing required property " + required.asText());
        }
      }
      JsonNode properties = schema.path("properties");
      if (properties.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          JsonNode property = properties.get(field.getKey());
          if (property == null) {
            problems.add(at + ": property " + field.getKey() + " is not in the schema");
          } else if (!field.getValue().isNull() || !property.has("type")) {
            check(property, field.getValue(), at + "." + field.getKey(), problems);
          } else if (!typeFits(property.get("type"), field.getValue())) {
            problems.add(at + "." + field.getKey() + ": null where " + property.get("type"));
          }
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
      }
    }
  }

  private JsonNode resolve(String ref) {
    Objects.requireNonNull(ref, "ref");
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("Only local references are supported: " + ref);
    }
    JsonNode node = root;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part);
    }
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("Unresolved reference " + ref);
    }
    return node;
  }

  private static boolean typeFits(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeFits(one, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      case "null" -> value.isNull();
      default -> false;
    };
  }
}
