package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_REQUIRED_FIELD;
import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.READING_V2;
import static eu.sectoralerts.registry.server.Fixtures.READING_WITHOUT_KWH;
import static eu.sectoralerts.registry.server.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.HttpSchemaRegistryClient;
import eu.sectoralerts.registry.RegisteredSchema;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A registry's state lives in its topic: a new server on the same topic knows everything. */
@ExtendWith(KafkaClusterExtension.class)
class SchemaRegistryRestartTest {

  @Test
  void shouldKeepIdsVersionsAndConfigAcrossARestart(KafkaCluster kafka) {
    String topic = kafka.uniqueName("_schemas");
    byte[] written;
    int readingV1;
    int readingV2;
    int other;
    try (SchemaRegistryServer first =
        SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0, topic)) {
      SchemaRegistryClient client = client(first);
      readingV1 = client.register("readings-value", parse(READING_V1));
      readingV2 = client.register("readings-value", parse(READING_V2));
      other = client.register("other-value", parse(READING_REQUIRED_FIELD));
      first.registry().setGlobalLevel(CompatibilityLevel.FULL);
      first.registry().setSubjectLevel("other-value", CompatibilityLevel.NONE);
      written =
          AvroSerde.forValues(client, NewsItem.class).serialize("news-items", Fixtures.railPlan());
    }

    try (SchemaRegistryServer second =
        SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0, topic)) {
      SchemaRegistryClient client = client(second);

      assertThat(client.schemaById(readingV1)).isEqualTo(parse(READING_V1));
      assertThat(client.latest("readings-value"))
          .isEqualTo(new RegisteredSchema("readings-value", readingV2, 2, parse(READING_V2)));
      assertThat(client.latest("other-value").id()).isEqualTo(other);
      assertThat(second.registry().versions("readings-value", false)).containsExactly(1, 2);
      assertThat(second.registry().globalLevel()).isEqualTo(CompatibilityLevel.FULL);
      assertThat(second.registry().subjectLevel("other-value")).contains(CompatibilityLevel.NONE);
      assertThat(AvroSerde.forValues(client, NewsItem.class).deserialize("news-items", written))
          .isEqualTo(Fixtures.railPlan());
      // Same schema again: same id, no new version; a new schema: the next id.
      assertThat(client.register("readings-value", parse(READING_V1))).isEqualTo(readingV1);
      assertThat(client(second).register("fresh-value", parse(READING_WITHOUT_KWH))).isEqualTo(5);
      assertThat(second.registry().schemaCount()).isEqualTo(5);
    }
  }

  private static SchemaRegistryClient client(SchemaRegistryServer server) {
    return new HttpSchemaRegistryClient(URI.create(server.url()));
  }
}
