package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_REQUIRED_FIELD;
import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.READING_V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Confluent's REST protocol on the wire: paths, status codes, JSON shapes, content types. */
@ExtendWith(KafkaClusterExtension.class)
class SchemaRegistryHttpProtocolTest {

  private static final String V1 = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CANONICAL_V1 = Fixtures.parse(READING_V1).toString();

  private final HttpClient http = HttpClient.newHttpClient();
  private SchemaRegistryServer server;

  @BeforeEach
  void startServer(KafkaCluster kafka) {
    server =
        SchemaRegistryServer.start(
            kafka.bootstrapServers(), "127.0.0.1", 0, kafka.uniqueName("_schemas"));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void shouldAnswerTheRootWithAnEmptyObject() throws Exception {
    assertAnswer(send("GET", "/", null, null), 200, "{}");
  }

  @Test
  void shouldRegisterASchemaSentWithAnyContentTypeConfluentAccepts() throws Exception {
    assertAnswer(register("a-value", READING_V1, V1), 200, "{\"id\": 1}");
    assertAnswer(register("b-value", READING_V1, "application/json"), 200, "{\"id\": 1}");
    assertAnswer(register("c-value", READING_V1, "application/octet-stream"), 200, "{\"id\": 1}");
    assertAnswer(
        register("d-value", READING_V1, "application/vnd.schemaregistry+json; charset=utf-8"),
        200,
        "{\"id\": 1}");
    assertError(register("e-value", READING_V1, "text/plain"), 415, 415);
  }

  @Test
  void shouldAcceptConfluentsQueryParametersOnRegistration() throws Exception {
    assertAnswer(
        send("POST", "/subjects/a-value/versions?normalize=true", V1, schemaBody(READING_V1)),
        200,
        "{\"id\": 1}");
  }

  @Test
  void shouldAcceptAnExplicitAvroTypeAndAnEmptyReferenceList() throws Exception {
    ObjectNode body = schemaBody(READING_V1);
    body.put("schemaType", "AVRO");
    body.putArray("references");

    assertAnswer(send("POST", "/subjects/a-value/versions", V1, body), 200, "{\"id\": 1}");
  }

  @Test
  void shouldRefuseSchemasItCannotServeWith422() throws Exception {
    assertError(register("a-value", "{\"type\": \"record\"}", V1), 422, 42201);
    assertError(register("a-value", "{not json", V1), 422, 42201);

    ObjectNode protobuf = schemaBody("syntax = \"proto3\"; message Reading {}");
    protobuf.put("schemaType", "PROTOBUF");
    Answer answer = send("POST", "/subjects/a-value/versions", V1, protobuf);
    assertError(answer, 422, 42201);
    assertThat(answer.body().path("message").asText()).contains("PROTOBUF", "AVRO");

    ObjectNode withReference = schemaBody(READING_V1);
    withReference
        .putArray("references")
        .addObject()
        .put("name", "Other")
        .put("subject", "other")
        .put("version", 1);
    assertError(send("POST", "/subjects/a-value/versions", V1, withReference), 422, 42201);
  }

  @Test
  void shouldRefuseAnIncompatibleSchemaWith409() throws Exception {
    register("readings-value", READING_V1, V1);

    Answer answer = register("readings-value", READING_REQUIRED_FIELD, V1);

    assertError(answer, 409, 409);
    assertThat(answer.body().path("message").asText()).contains("readings-value", "tariff");
  }

  @Test
  void shouldServeASchemaByIdInConfluentsShape() throws Exception {
    register("readings-value", READING_V1, V1);
    ObjectNode expected = JSON.createObjectNode().put("schema", CANONICAL_V1);

    assertAnswer(send("GET", "/schemas/ids/1", null, null), 200, expected.toString());
    assertAnswer(
        send("GET", "/schemas/ids/1?subject=readings-value&fetchMaxId=false", null, null),
        200,
        expected.toString());
    assertAnswer(
        send("GET", "/schemas/ids/1/versions", null, null),
        200,
        "[{\"subject\": \"readings-value\", \"version\": 1}]");
    assertAnswer(send("GET", "/schemas/types", null, null), 200, "[\"AVRO\"]");
  }

  @Test
  void shouldAnswerAnUnknownIdWithConfluentsErrorBody() throws Exception {
    assertAnswer(
        send("GET", "/schemas/ids/999", null, null),
        404,
        "{\"error_code\": 40403, \"message\": \"Schema 999 not found\"}");
  }

  @Test
  void shouldListSubjectsVersionsAndServeEachVersion() throws Exception {
    register("readings-value", READING_V1, V1);
    register("readings-value", READING_V2, V1);
    register("other-value", READING_V1, V1);

    assertAnswer(
        send("GET", "/subjects", null, null), 200, "[\"other-value\", \"readings-value\"]");
    assertAnswer(send("GET", "/subjects/readings-value/versions", null, null), 200, "[1, 2]");
    assertAnswer(
        send("GET", "/subjects/readings-value/versions/1", null, null),
        200,
        versionJson("readings-value", 1, 1, CANONICAL_V1));
    assertAnswer(
        send("GET", "/subjects/readings-value/versions/latest", null, null),
        200,
        versionJson("readings-value", 2, 2, Fixtures.parse(READING_V2).toString()));
    assertAnswer(
        send("GET", "/subjects/readings-value/versions/1/schema", null, null), 200, CANONICAL_V1);
    assertError(send("GET", "/subjects/readings-value/versions/3", null, null), 404, 40402);
    assertError(send("GET", "/subjects/readings-value/versions/zero", null, null), 422, 42202);
    assertError(send("GET", "/subjects/nothing-value/versions", null, null), 404, 40401);
  }

  @Test
  void shouldTellWhichVersionOfASubjectHoldsASchema() throws Exception {
    register("readings-value", READING_V1, V1);

    assertAnswer(
        send("POST", "/subjects/readings-value", V1, schemaBody(READING_V1)),
        200,
        versionJson("readings-value", 1, 1, CANONICAL_V1));
    assertError(send("POST", "/subjects/readings-value", V1, schemaBody(READING_V2)), 404, 40403);
    assertError(send("POST", "/subjects/nothing-value", V1, schemaBody(READING_V1)), 404, 40401);
  }

  @Test
  void shouldCheckCompatibilityWithoutRegistering() throws Exception {
    register("readings-value", READING_V1, V1);
    String path = "/compatibility/subjects/readings-value/versions/latest";

    assertAnswer(send("POST", path, V1, schemaBody(READING_V2)), 200, "{\"is_compatible\": true}");
    assertAnswer(
        send("POST", path, V1, schemaBody(READING_REQUIRED_FIELD)),
        200,
        "{\"is_compatible\": false}");
    Answer verbose = send("POST", path + "?verbose=true", V1, schemaBody(READING_REQUIRED_FIELD));
    assertThat(verbose.body().path("is_compatible").asBoolean(true)).isFalse();
    assertThat(verbose.body().path("messages")).singleElement().asString().contains("tariff");
    assertError(
        send(
            "POST",
            "/compatibility/subjects/nothing-value/versions/latest",
            V1,
            schemaBody(READING_V1)),
        404,
        40401);
    assertAnswer(send("GET", "/subjects/readings-value/versions", null, null), 200, "[1]");
  }

  @Test
  void shouldReadAndChangeCompatibilityLevels() throws Exception {
    assertAnswer(send("GET", "/config", null, null), 200, "{\"compatibilityLevel\": \"BACKWARD\"}");
    assertError(send("GET", "/config/readings-value", null, null), 404, 40408);
    assertAnswer(
        send("GET", "/config/readings-value?defaultToGlobal=true", null, null),
        200,
        "{\"compatibilityLevel\": \"BACKWARD\"}");

    assertAnswer(
        send("PUT", "/config/readings-value", V1, level("FULL_TRANSITIVE")),
        200,
        "{\"compatibility\": \"FULL_TRANSITIVE\"}");
    assertAnswer(
        send("PUT", "/config", "application/json", level("none")),
        200,
        "{\"compatibility\": \"NONE\"}");

    assertAnswer(
        send("GET", "/config/readings-value", null, null),
        200,
        "{\"compatibilityLevel\": \"FULL_TRANSITIVE\"}");
    assertAnswer(send("GET", "/config", null, null), 200, "{\"compatibilityLevel\": \"NONE\"}");
    assertError(send("PUT", "/config", V1, level("SIDEWAYS")), 422, 42203);
    assertAnswer(
        send("DELETE", "/config/readings-value", null, null),
        200,
        "{\"compatibilityLevel\": \"FULL_TRANSITIVE\"}");
    assertError(send("GET", "/config/readings-value", null, null), 404, 40408);
  }

  @Test
  void shouldSoftDeleteASubject() throws Exception {
    register("readings-value", READING_V1, V1);
    register("readings-value", READING_V2, V1);

    assertAnswer(send("DELETE", "/subjects/readings-value", null, null), 200, "[1, 2]");

    assertAnswer(send("GET", "/subjects", null, null), 200, "[]");
    assertAnswer(send("GET", "/subjects?deleted=true", null, null), 200, "[\"readings-value\"]");
    assertError(send("GET", "/subjects/readings-value/versions", null, null), 404, 40401);
    assertError(send("DELETE", "/subjects/readings-value", null, null), 404, 40404);
    assertError(send("DELETE", "/subjects/readings-value?permanent=true", null, null), 422, 42206);
    assertAnswer(
        send("GET", "/schemas/ids/1", null, null),
        200,
        JSON.createObjectNode().put("schema", CANONICAL_V1).toString());
  }

  @Test
  void shouldAnswerJsonErrorsForUnknownPathsAndBadRequests() throws Exception {
    assertError(send("GET", "/no/such/thing", null, null), 404, 404);
    assertError(send("PATCH", "/subjects", V1, JSON.createObjectNode()), 404, 404);
    assertError(sendRaw("POST", "/subjects/a-value/versions", V1, "{\"schema\": "), 400, 400);
    assertError(sendRaw("POST", "/subjects/a-value/versions", V1, "[1, 2]"), 400, 400);
    assertError(sendRaw("POST", "/subjects/a-value/versions", V1, ""), 422, 42201);
    assertError(sendRaw("POST", "/subjects/a-value/versions", V1, "{\"schema\": 7}"), 422, 42201);
    assertError(send("POST", "/subjects/%20/versions", V1, schemaBody(READING_V1)), 422, 42208);
  }

  @Test
  void shouldAnswerAMalformedUriInJsonRatherThanAnHtmlPage() throws Exception {
    // java.net.http refuses to send such a URI, so this goes over a plain socket.
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /subjects/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response)
          .startsWith("HTTP/1.1 400")
          .containsIgnoringCase("Content-Type: " + V1)
          .endsWith("{\"error_code\":400,\"message\":\"HTTP 400 Bad Request\"}")
          .doesNotContain("<html");
    }
  }

  @Test
  void shouldServeSubjectsWhoseNamesNeedEncoding() throws Exception {
    assertAnswer(register("a b/c-value", READING_V1, V1), 200, "{\"id\": 1}");

    assertAnswer(send("GET", "/subjects", null, null), 200, "[\"a b/c-value\"]");
    assertAnswer(send("GET", "/subjects/a%20b%2Fc-value/versions", null, null), 200, "[1]");
  }

  // ---- helpers ----

  private record Answer(int status, String contentType, String text, JsonNode body) {}

  private Answer register(String subject, String schema, String contentType) throws Exception {
    return send(
        "POST",
        "/subjects/" + subject.replace(" ", "%20").replace("/", "%2F") + "/versions",
        contentType,
        schemaBody(schema));
  }

  private static ObjectNode schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema);
  }

  private static ObjectNode level(String level) {
    return JSON.createObjectNode().put("compatibility", level);
  }

  private static String versionJson(String subject, int version, int id, String schema) {
    return JSON.createObjectNode()
        .put("subject", subject)
        .put("version", version)
        .put("id", id)
        .put("schema", schema)
        .toString();
  }

  private Answer send(String method, String path, String contentType, JsonNode body)
      throws Exception {
    return sendRaw(method, path, contentType, body == null ? null : body.toString());
  }

  private Answer sendRaw(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        text,
        JSON.readTree(text));
  }

  private static void assertAnswer(Answer answer, int status, String expectedJson)
      throws IOException {
    assertThat(answer.status()).as("status of %s", answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo(V1);
    assertThat(answer.body()).isEqualTo(JSON.readTree(expectedJson));
  }

  private static void assertError(Answer answer, int status, int errorCode) {
    assertThat(answer.status()).as("status of %s", answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo(V1);
    assertThat(answer.body().path("error_code").asInt()).isEqualTo(errorCode);
    assertThat(answer.body().path("message").asText()).isNotBlank();
    assertThat(answer.body().size()).as("fields of %s", answer.text()).isEqualTo(2);
    assertThat(answer.text()).doesNotContain("Exception", "\tat ", "<html");
  }
}
