package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_REQUIRED_FIELD;
import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.READING_V2;
import static eu.sectoralerts.registry.server.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.HttpSchemaRegistryClient;
import eu.sectoralerts.registry.RegisteredSchema;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.registry.SchemaRegistryException;
import eu.sectoralerts.registry.WireFormat;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.net.URI;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's HTTP client against a running server on a real broker. */
@ExtendWith(KafkaClusterExtension.class)
class SchemaRegistryServerTest {

  private SchemaRegistryServer server;
  private SchemaRegistryClient client;

  @BeforeEach
  void startServer(KafkaCluster kafka) {
    server =
        SchemaRegistryServer.start(
            kafka.bootstrapServers(), "127.0.0.1", 0, kafka.uniqueName("_schemas"));
    client = new HttpSchemaRegistryClient(URI.create(server.url()));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void shouldListenOnTheFreePortItReports() {
    assertThat(server.port()).isPositive();
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void shouldRegisterASchemaAndServeItByIdAndAsLatest() {
    int id = client.register("readings-value", parse(READING_V1));

    assertThat(id).isEqualTo(1);
    assertThat(fresh().schemaById(id)).isEqualTo(parse(READING_V1));
    assertThat(fresh().latest("readings-value"))
        .isEqualTo(new RegisteredSchema("readings-value", 1, 1, parse(READING_V1)));
  }

  @Test
  void shouldAnswerTheSameIdForTheSameSchemaFromAnotherClient() {
    int first = client.register("readings-value", parse(READING_V1));
    int second = fresh().register("readings-value", parse(READING_V1));

    assertThat(second).isEqualTo(first);
    assertThat(server.registry().versions("readings-value", false)).containsExactly(1);
  }

  @Test
  void shouldAcceptACompatibleEvolutionAsVersionTwo() {
    client.register("readings-value", parse(READING_V1));

    assertThat(client.isCompatible("readings-value", parse(READING_V2))).isTrue();
    int id = client.register("readings-value", parse(READING_V2));

    assertThat(fresh().latest("readings-value"))
        .isEqualTo(new RegisteredSchema("readings-value", id, 2, parse(READING_V2)));
  }

  @Test
  void shouldRefuseAnIncompatibleEvolutionWithConfluentsError409() {
    client.register("readings-value", parse(READING_V1));

    assertThat(client.isCompatible("readings-value", parse(READING_REQUIRED_FIELD))).isFalse();
    assertThatThrownBy(() -> client.register("readings-value", parse(READING_REQUIRED_FIELD)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains("incompatible", "tariff");
            });
    assertThat(fresh().latest("readings-value").version()).isEqualTo(1);
  }

  @Test
  void shouldCallAnyFirstSchemaCompatible() {
    assertThat(client.isCompatible("nothing-yet-value", parse(READING_REQUIRED_FIELD))).isTrue();
  }

  @Test
  void shouldAnswer40403ForAnUnknownIdAnd40401ForAnUnknownSubject() {
    assertThatThrownBy(() -> client.schemaById(4242))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
            });
    assertThatThrownBy(() -> client.latest("nothing-value"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
  }

  @Test
  void shouldLetOneClientReadWhatAnotherClientsSerdeWrote() {
    AvroSerde<NewsItem> writer =
        AvroSerde.forValues(SchemaRegistryClients.forUrl(server.url()), NewsItem.class);
    AvroSerde<NewsItem> reader =
        AvroSerde.forValues(SchemaRegistryClients.forUrl(server.url()), NewsItem.class);

    byte[] bytes = writer.serialize("news-items", Fixtures.railPlan());

    assertThat(WireFormat.schemaId(bytes)).isEqualTo(1);
    assertThat(reader.deserialize("news-items", bytes)).isEqualTo(Fixtures.railPlan());
    assertThat(fresh().latest("news-items-value").schema()).isEqualTo(NewsItem.getClassSchema());
  }

  @Test
  void shouldFailToReadARecordWhoseSchemaIdTheRegistryDoesNotKnow() {
    AvroSerde<NewsItem> reader = AvroSerde.forValues(fresh(), NewsItem.class);
    byte[] unknownId = {0, 0, 0, 0, 77, 2, 'x'};

    assertThatThrownBy(() -> reader.deserialize("news-items", unknownId))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("77");
  }

  /** A client with empty caches, so every answer comes from the server. */
  private SchemaRegistryClient fresh() {
    return new HttpSchemaRegistryClient(URI.create(server.url()));
  }
}
