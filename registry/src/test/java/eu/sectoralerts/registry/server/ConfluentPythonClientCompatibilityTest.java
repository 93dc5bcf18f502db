package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_REQUIRED_FIELD;
import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.READING_V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.HttpSchemaRegistryClient;
import eu.sectoralerts.registry.WireFormat;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's own Python client (confluent-kafka, with fastavro) against this server: its
 * serializer's bytes read by the Java serde, the Java serde's bytes read by its deserializer, and
 * its registry client's calls. Skipped when Debian's python has no confluent-kafka Avro support.
 */
@ExtendWith(KafkaClusterExtension.class)
class ConfluentPythonClientCompatibilityTest {

  /**
   * Debian's python, where apt installs confluent-kafka; {@code -Dsector-alerts.python} overrides.
   */
  private static final String PYTHON =
      System.getProperty("sector-alerts.python", "/usr/bin/python3");

  private static final String INSTALL =
      "apt-get install -y python3-confluent-kafka python3-requests, then (Debian has no fastavro"
          + " package) /usr/bin/python3 -m pip install --break-system-packages fastavro";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path scripts;
  private static Path script;

  private SchemaRegistryServer server;

  private static String missing;

  @BeforeAll
  static void findConfluentPythonClient() throws Exception {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      missing = PYTHON + " not found";
      return;
    }
    Run check =
        run(List.of(PYTHON, "-c", "import confluent_kafka.schema_registry.avro"), "", scripts);
    if (check.exitCode() != 0) {
      String[] lines = check.stderr().strip().split("\n");
      missing = lines[lines.length - 1];
      return;
    }
    script = scripts.resolve("confluent_client_check.py");
    try (InputStream in =
        ConfluentPythonClientCompatibilityTest.class.getResourceAsStream(
            "/confluent_client_check.py")) {
      Files.copy(in, script);
    }
  }

  @BeforeEach
  void startServer(KafkaCluster kafka) {
    // Each test reports the skip, so a run without the client says so in its summary.
    Assumptions.assumeTrue(
        missing == null,
        () ->
            "Confluent's Python client with Avro support is missing ("
                + missing
                + "); install: "
                + INSTALL);
    server =
        SchemaRegistryServer.start(
            kafka.bootstrapServers(), "127.0.0.1", 0, kafka.uniqueName("_schemas"));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void shouldReadWithTheJavaSerdeWhatConfluentsPythonSerializerWrote() throws Exception {
    ObjectNode request = JSON.createObjectNode();
    request.put("topic", "news-items");
    request.put("schema", NewsItem.getClassSchema().toString());
    request.set("value", asAvroJson(Fixtures.railPlan()));

    byte[] bytes = HexFormat.of().parseHex(python("serialize", request).path("hex").asText());

    HttpSchemaRegistryClient javaClient = new HttpSchemaRegistryClient(URI.create(server.url()));
    assertThat(WireFormat.schemaId(bytes))
        .isEqualTo(javaClient.register("news-items-value", NewsItem.getClassSchema()));
    assertThat(AvroSerde.forValues(javaClient, NewsItem.class).deserialize("news-items", bytes))
        .isEqualTo(Fixtures.railPlan());
    assertThat(server.registry().versions("news-items-value", false)).containsExactly(1);
  }

  @Test
  void shouldReadWithConfluentsPythonDeserializerWhatTheJavaSerdeWrote() throws Exception {
    byte[] bytes =
        AvroSerde.forValues(new HttpSchemaRegistryClient(URI.create(server.url())), NewsItem.class)
            .serialize("news-items", Fixtures.railPlan());
    ObjectNode request = JSON.createObjectNode();
    request.put("topic", "news-items");
    request.put("hex", HexFormat.of().formatHex(bytes));

    JsonNode value = python("deserialize", request).path("value");

    assertThat(value).isEqualTo(asAvroJson(Fixtures.railPlan()));
  }

  @Test
  void shouldServeConfluentsPythonRegistryClient() throws Exception {
    ObjectNode request = JSON.createObjectNode();
    request.put("subject", "readings-value");
    request.put("schema", READING_V1);
    request.put("evolved", READING_V2);
    request.put("incompatible", READING_REQUIRED_FIELD);

    JsonNode answer = python("registry", request);

    String canonicalV2 = Fixtures.parse(READING_V2).toString();
    ObjectNode expected = JSON.createObjectNode();
    expected.put("registered_id", 1);
    expected.put("registered_again_id", 1);
    expected.put("fetched_schema", Fixtures.parse(READING_V1).toString());
    expected.putObject("lookup").put("id", 1).put("version", 1).put("subject", "readings-value");
    expected.put("evolved_compatible", true);
    expected.put("incompatible_compatible", false);
    expected.put("evolved_id", 2);
    expected.putObject("incompatible_error").put("http_status", 409).put("error_code", 409);
    expected.putObject("latest").put("id", 2).put("version", 2).put("schema", canonicalV2);
    expected.put("version_1_id", 1);
    expected.putArray("versions").add(1).add(2);
    expected.putArray("subjects").add("readings-value");
    expected.put("global_level", "BACKWARD");
    expected.putObject("set_level").put("compatibility", "FULL");
    expected.put("subject_level", "FULL");
    expected.putObject("unknown_id_error").put("http_status", 404).put("error_code", 40403);
    expected.putObject("unknown_subject_error").put("http_status", 404).put("error_code", 40401);
    expected.putArray("deleted_versions").add(1).add(2);
    expected.putArray("subjects_after_delete");
    assertThat(answer).isEqualTo(expected);
  }

  /** A news item as Avro's JSON-ish dict: dates as days, timestamps as epoch millis. */
  private static ObjectNode asAvroJson(NewsItem item) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", item.getId());
    node.put("kind", item.getKind().name());
    node.put("title", item.getTitle());
    node.put("body", item.getBody());
    node.put("eventDate", Math.toIntExact(item.getEventDate().toEpochDay()));
    node.put("eventDatePrecision", item.getEventDatePrecision().name());
    node.put("section", item.getSection());
    node.put("issuingBody", item.getIssuingBody());
    node.put("policyName", item.getPolicyName());
    node.put("policyNameOriginal", item.getPolicyNameOriginal());
    ArrayNode companies = node.putArray("companies");
    item.getCompanies().forEach(companies::add);
    ArrayNode sources = node.putArray("sources");
    for (SourceRef source : item.getSources()) {
      sources.addObject().put("name", source.getName()).put("url", source.getUrl());
    }
    node.put("publisher", item.getPublisher());
    node.put("publishedAt", item.getPublishedAt().toEpochMilli());
    return node;
  }

  private JsonNode python(String command, JsonNode request) throws Exception {
    Run result =
        run(List.of(PYTHON, script.toString(), command, server.url()), request.toString(), scripts);
    assertThat(result.exitCode()).as("python %s failed: %s", command, result.stderr()).isZero();
    return JSON.readTree(result.stdout());
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run run(List<String> command, String stdin, Path dir)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // Debian's python, not a virtualenv's or pyenv's: their site-packages would shadow its own.
    builder.environment().remove("PYTHONPATH");
    builder.environment().remove("PYTHONHOME");
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("python did not finish within 60 s: " + command);
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
