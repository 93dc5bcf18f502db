package eu.sectoralerts.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over Confluent's REST API ({@code
 * application/vnd.schemaregistry.v1+json}). Schema ids and registrations are cached: a serializer
 * asks the registry once per (subject, schema), a deserializer once per id.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";

  private final URI base;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  public HttpSchemaRegistryClient(URI base) {
    this(base, Duration.ofSeconds(10));
  }

  public HttpSchemaRegistryClient(URI base, Duration requestTimeout) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids =
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = answer.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException(
          200, 0, "Schema registry answered a registration without an id: " + answer);
    }
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "schemas/ids/" + id, null);
    Schema schema = parse(answer.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode answer = send("GET", "subjects/" + encode(subject) + "/versions/latest", null);
    return new RegisteredSchema(
        answer.path("subject").asText(subject),
        answer.path("id").asInt(),
        answer.path("version").asInt(),
        parse(answer.path("schema").asText()));
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode answer =
          send(
              "POST",
              "compatibility/subjects/" + encode(subject) + "/versions/latest",
              schemaBody(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true; // nothing registered yet: anything is compatible
      }
      throw e;
    }
  }

  private String schemaBody(Schema schema) {
    ObjectNode body = mapper.createObjectNode();
    body.put("schema", schema.toString());
    return body.toString();
  }

  private JsonNode send(String method, String path, String body) {
    URI uri = base.resolve(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", ACCEPT);
    if (body != null) {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new SchemaRegistryException(
          "Schema registry at " + base + " is not reachable (connection refused)", e);
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "Schema registry at " + base + " did not answer " + method + " /" + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted while calling the schema registry", e);
    }
    JsonNode json;
    try {
      json =
          response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          response.statusCode(),
          0,
          "Schema registry at "
              + base
              + " answered "
              + response.statusCode()
              + " with a body that is not JSON");
    }
    if (response.statusCode() / 100 != 2) {
      int code = json.path("error_code").asInt(response.statusCode());
      String message = json.path("message").asText("HTTP " + response.statusCode());
      throw new SchemaRegistryException(
          response.statusCode(), code, "Schema registry: " + message + " (error " + code + ")");
    }
    return json;
  }

  private static Schema parse(String text) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          200,
          SchemaRegistryException.INVALID_SCHEMA,
          "Registry returned an unparsable schema: " + e.getMessage());
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
