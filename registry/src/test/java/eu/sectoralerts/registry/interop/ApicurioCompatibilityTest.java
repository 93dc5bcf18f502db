package eu.sectoralerts.registry.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.HttpSchemaRegistryClient;
import eu.sectoralerts.registry.RegisteredSchema;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.registry.SchemaRegistryException;
import eu.sectoralerts.registry.WireFormat;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link HttpSchemaRegistryClient} and {@link AvroSerde} against Apicurio Registry's
 * Confluent-compatible API ({@code /apis/ccompat/v7}), an implementation of Confluent's protocol
 * that owes nothing to ours. Apicurio runs as a child process from the tarball the build unpacks
 * into {@code target/apicurio}; without it or without a Java 21+ runtime the tests are skipped.
 *
 * <p>Where Apicurio 3.3.3 answers differently from Confluent (none of it needs the client to
 * change):
 *
 * <ul>
 *   <li>Nothing is enforced on registration until a compatibility level is configured: {@code GET
 *       /config} reports {@code NONE} (Confluent's default is {@code BACKWARD}) and an incompatible
 *       schema registers as a new version. Yet {@code POST /compatibility/...} checks against
 *       {@code BACKWARD} when no level is configured, so check and registration disagree. The tests
 *       therefore {@code PUT /config/{subject}} {@code BACKWARD} first.
 *   <li>{@code GET /config/{subject}} of a subject without its own level answers the global level
 *       where Confluent answers 404 / 40408 (unless {@code defaultToGlobal=true}).
 *   <li>Answers are {@code Content-Type: application/json}, not {@code
 *       application/vnd.schemaregistry.v1+json}.
 *   <li>{@code POST /compatibility/...?verbose=true} answers without the {@code messages} list.
 *   <li>The 409 message is a Java exception's text ({@code
 *       io.apicurio.registry.rules.violation.RuleViolationException: Incompatible artifact: ...}).
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApicurioCompatibilityTest {

  /** Written by maven-dependency-plugin in generate-test-resources; see the module pom. */
  private static final Path APP_HOME =
      Path.of(System.getProperty("basedir", "."), "target", "apicurio");

  private static final Schema READING_V1 =
      parse(
          """
          {"type": "record", "name": "Reading", "namespace": "eu.sectoralerts.interop",
           "fields": [
             {"name": "sensor", "type": "string"},
             {"name": "celsius", "type": "double"}]}
          """);

  /** V1 plus an optional field with a default: BACKWARD compatible. */
  private static final Schema READING_V2 =
      parse(
          """
          {"type": "record", "name": "Reading", "namespace": "eu.sectoralerts.interop",
           "fields": [
             {"name": "sensor", "type": "string"},
             {"name": "celsius", "type": "double"},
             {"name": "site", "type": ["null", "string"], "default": null}]}
          """);

  /** V1 with {@code celsius} turned into a string: a V1 record cannot be read with it. */
  private static final Schema READING_CELSIUS_AS_TEXT =
      parse(
          """
          {"type": "record", "name": "Reading", "namespace": "eu.sectoralerts.interop",
           "fields": [
             {"name": "sensor", "type": "string"},
             {"name": "celsius", "type": "string"}]}
          """);

  private ApicurioRegistryProcess apicurio;

  /** Why Apicurio cannot run here, or null when it runs. */
  private String missing;

  @BeforeAll
  void startApicurio() throws Exception {
    ApicurioRegistryProcess.JavaLookup java =
        ApicurioRegistryProcess.findJava(System.getenv(), Path.of("/usr/lib/jvm"));
    Path runner = APP_HOME.resolve("quarkus-run.jar");
    if (java.java().isEmpty()) {
      missing = java.missing();
    } else if (!Files.isRegularFile(runner)) {
      missing =
          runner
              + " is missing; the build unpacks io.apicurio:apicurio-registry-app:tar.gz:all there"
              + " in generate-test-resources (mvn -pl registry test)";
    } else {
      apicurio =
          ApicurioRegistryProcess.start(
              java.java().orElseThrow(), APP_HOME, APP_HOME.resolveSibling("apicurio.log"));
    }
  }

  @BeforeEach
  void requireApicurio() {
    // Assumed per test, not in @BeforeAll: surefire reports a class-level skip as zero tests and
    // drops the message, while a per-test skip shows up, with its reason, in the summary.
    Assumptions.assumeTrue(missing == null, () -> "Apicurio Registry cannot run here: " + missing);
  }

  @AfterAll
  void stopApicurio() {
    if (apicurio != null) {
      apicurio.close();
    }
  }

  @Test
  void shouldReturnAnIdWhenRegisteringASchema() {
    int id = newClient().register("first-readings-value", READING_V1);

    assertThat(id).isPositive();
  }

  @Test
  void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
    int first = newClient().register("repeated-readings-value", READING_V1);

    // A second client: the first one would answer from its cache without asking the registry.
    int again = newClient().register("repeated-readings-value", READING_V1);

    assertThat(again).isEqualTo(first);
  }

  @Test
  void shouldFetchAnEqualSchemaById() {
    int id = newClient().register("fetched-readings-value", READING_V1);

    Schema fetched = newClient().schemaById(id);

    assertThat(fetched).isEqualTo(READING_V1);
  }

  @Test
  void shouldReportVersion1ThenVersion2AfterACompatibleEvolution() throws Exception {
    String subject = "evolving-readings-value";
    apicurio.configureCompatibility(subject, "BACKWARD");
    SchemaRegistryClient client = newClient();

    int v1Id = client.register(subject, READING_V1);
    RegisteredSchema afterV1 = client.latest(subject);
    int v2Id = client.register(subject, READING_V2);
    RegisteredSchema afterV2 = client.latest(subject);

    assertThat(afterV1).isEqualTo(new RegisteredSchema(subject, v1Id, 1, READING_V1));
    assertThat(afterV2).isEqualTo(new RegisteredSchema(subject, v2Id, 2, READING_V2));
    assertThat(v2Id).isNotEqualTo(v1Id);
  }

  @Test
  void shouldJudgeAnAddedOptionalFieldCompatibleAndAChangedFieldTypeIncompatible()
      throws Exception {
    String subject = "checked-readings-value";
    apicurio.configureCompatibility(subject, "BACKWARD");
    SchemaRegistryClient client = newClient();
    client.register(subject, READING_V1);

    assertThat(client.isCompatible(subject, READING_V2)).isTrue();
    assertThat(client.isCompatible(subject, READING_CELSIUS_AS_TEXT)).isFalse();
  }

  @Test
  void shouldJudgeAnySchemaCompatibleWithASubjectThatHasNoVersions() {
    assertThat(newClient().isCompatible("unused-readings-value", READING_V1)).isTrue();
  }

  @Test
  void shouldRejectAnIncompatibleRegistrationWithStatus409() throws Exception {
    String subject = "guarded-readings-value";
    apicurio.configureCompatibility(subject, "BACKWARD");
    SchemaRegistryClient client = newClient();
    client.register(subject, READING_V1);

    SchemaRegistryException rejected =
        catchThrowableOfType(
            SchemaRegistryException.class, () -> client.register(subject, READING_CELSIUS_AS_TEXT));

    assertThat(rejected).isNotNull();
    assertThat(List.of(rejected.status(), rejected.errorCode()))
        .containsExactly(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
    assertThat(client.latest(subject).version()).isEqualTo(1);
  }

  @Test
  void shouldFailWithStatus404ForAnUnknownSchemaId() {
    SchemaRegistryException unknown =
        catchThrowableOfType(SchemaRegistryException.class, () -> newClient().schemaById(987_654));

    assertThat(unknown).isNotNull();
    assertThat(List.of(unknown.status(), unknown.errorCode()))
        .containsExactly(404, SchemaRegistryException.SCHEMA_NOT_FOUND);
  }

  @Test
  void shouldReadBackANewsItemWrittenInTheWireFormatWithTheIdApicurioAssigned() {
    NewsItem item = batteryExportRule();

    byte[] bytes =
        AvroSerde.forValues(newClient(), NewsItem.class).serialize("apicurio-news-items", item);

    RegisteredSchema registered = newClient().latest("apicurio-news-items-value");
    assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered.id());
    assertThat(registered)
        .isEqualTo(
            new RegisteredSchema(
                "apicurio-news-items-value", registered.id(), 1, NewsItem.getClassSchema()));
    NewsItem readBack =
        AvroSerde.forValues(newClient(), NewsItem.class).deserialize("apicurio-news-items", bytes);
    assertThat(readBack).isEqualTo(item);
  }

  /** A fresh client each time, so nothing is answered from a cache instead of by Apicurio. */
  private SchemaRegistryClient newClient() {
    SchemaRegistryClient client = SchemaRegistryClients.forUrl(apicurio.ccompatUrl());
    assertThat(client).isInstanceOf(HttpSchemaRegistryClient.class);
    return client;
  }

  /** Every field set, nullable ones included, and text outside ASCII. */
  private static NewsItem batteryExportRule() {
    return NewsItem.newBuilder()
        .setId("itm-5e1f0c2ab4d39e77")
        .setKind(ItemKind.POLICY)
        .setTitle("Licensing now required for exports of cathode-material technology")
        .setBody(
            "Two ministries add lithium iron phosphate cathode know-how to the list of"
                + " technologies whose export needs a licence.")
        .setEventDate(LocalDate.of(2025, 7, 15))
        .setEventDatePrecision(DatePrecision.DAY)
        .setSection("policy")
        .setIssuingBody("Ministry of Commerce; Ministry of Science and Technology")
        .setPolicyName("Catalogue of Technologies Prohibited or Restricted from Export")
        .setPolicyNameOriginal("中国禁止出口限制出口技术目录")
        .setCompanies(List.of("CATL", "BYD", "Umicore"))
        .setSources(
            List.of(
                new SourceRef("trade-desk digest, week 29", "https://example.org/export-list"),
                new SourceRef("analyst call notes", null)))
        .setPublisher("analyst-3")
        .setPublishedAt(Instant.parse("2025-07-16T08:30:00.250Z"))
        .build();
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
