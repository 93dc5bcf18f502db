package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.common.TopicSpec;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's topic, as Kafka and Confluent's registry see it. */
@ExtendWith(KafkaClusterExtension.class)
class KafkaSchemaStoreTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldCreateItsTopicCompactedWithOnePartition(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueName("_schemas");
    KafkaSchemaStore.open(kafka.bootstrapServers(), topic, TIMEOUT).close();

    try (Admin admin = admin(kafka)) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      String policy =
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get()
              .get(resource)
              .get("cleanup.policy")
              .value();

      assertThat(description.partitions()).hasSize(1);
      assertThat(policy).isEqualTo("compact");
    }
  }

  @Test
  void shouldWriteRecordsShapedLikeConfluents(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueName("_schemas");
    try (KafkaSchemaStore store = KafkaSchemaStore.open(kafka.bootstrapServers(), topic, TIMEOUT)) {
      SchemaRegistry registry = new SchemaRegistry(store);
      registry.register("readings-value", input(READING_V1));
      registry.setGlobalLevel(CompatibilityLevel.FULL);
      registry.setSubjectLevel("readings-value", CompatibilityLevel.NONE);
      registry.removeSubjectLevel("readings-value");
      registry.deleteSubject("readings-value");
    }
    String schema = JSON.writeValueAsString(Fixtures.parse(READING_V1).toString());

    assertThat(readAll(kafka, topic))
        .containsExactly(
            Map.entry(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"readings-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"readings-value\",\"version\":1,\"id\":1,\"schema\":"
                    + schema
                    + ",\"deleted\":false}"),
            Map.entry(
                "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
                "{\"compatibilityLevel\":\"FULL\"}"),
            Map.entry(
                "{\"keytype\":\"CONFIG\",\"subject\":\"readings-value\",\"magic\":0}",
                "{\"compatibilityLevel\":\"NONE\"}"),
            Map.entry(
                "{\"keytype\":\"CONFIG\",\"subject\":\"readings-value\",\"magic\":0}", "<null>"),
            Map.entry(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"readings-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"readings-value\",\"version\":1,\"id\":1,\"schema\":"
                    + schema
                    + ",\"deleted\":true}"));
  }

  @Test
  void shouldReadATopicWrittenByConfluentsRegistrySkippingWhatItDoesNotUse(KafkaCluster kafka)
      throws Exception {
    String topic = kafka.uniqueName("_schemas");
    kafka.createTopics(List.of(TopicSpec.compacted(topic, 1, (short) 1)));
    String schema = JSON.writeValueAsString(READING_V1);
    produce(
        kafka,
        topic,
        List.of(
            Map.entry("{\"keytype\":\"NOOP\",\"magic\":0}", "<null>"),
            Map.entry(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"readings-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"readings-value\",\"version\":1,\"id\":7,\"schema\":"
                    + schema
                    + ",\"deleted\":false}"),
            Map.entry("not a json key", "garbage"),
            Map.entry(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"proto-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"proto-value\",\"version\":1,\"id\":8,\"schemaType\":\"PROTOBUF\","
                    + "\"schema\":\"syntax = \\\"proto3\\\";\",\"deleted\":false}"),
            Map.entry(
                "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"gone-value\",\"magic\":0}",
                "{\"subject\":\"gone-value\",\"version\":3}"),
            Map.entry(
                "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
                "{\"compatibilityLevel\":\"FORWARD\",\"normalize\":false}")));

    try (KafkaSchemaStore store = KafkaSchemaStore.open(kafka.bootstrapServers(), topic, TIMEOUT)) {
      SchemaRegistry registry = new SchemaRegistry(store);

      assertThat(registry.subjects(true)).containsExactly("readings-value");
      assertThat(registry.version("readings-value", "latest", false).id()).isEqualTo(7);
      assertThat(registry.globalLevel()).isEqualTo(CompatibilityLevel.FORWARD);
      // Ids and versions go on after the highest ones seen, also those of the PROTOBUF schema it
      // does not serve.
      assertThat(registry.register("proto-value", input(Fixtures.READING_V2))).isEqualTo(9);
      assertThat(registry.versions("proto-value", false)).containsExactly(2);
    }
  }

  @Test
  void shouldCatchUpWithRecordsAnotherWriterAddedBeforeItsOwnWrite(KafkaCluster kafka) {
    String topic = kafka.uniqueName("_schemas");
    try (KafkaSchemaStore first = KafkaSchemaStore.open(kafka.bootstrapServers(), topic, TIMEOUT);
        KafkaSchemaStore second = KafkaSchemaStore.open(kafka.bootstrapServers(), topic, TIMEOUT)) {
      SchemaRegistry a = new SchemaRegistry(first);
      SchemaRegistry b = new SchemaRegistry(second);
      a.register("readings-value", input(READING_V1));

      // b has not seen a's write yet, but reads the topic to its end before writing.
      int id = b.register("other-value", input(Fixtures.READING_REQUIRED_FIELD));

      assertThat(id).isEqualTo(2);
      assertThat(b.subjects(false)).containsExactly("other-value", "readings-value");
    }
  }

  @Test
  void shouldRefuseATopicWithSeveralPartitions(KafkaCluster kafka) {
    String topic = kafka.uniqueName("_schemas");
    kafka.createTopics(List.of(TopicSpec.compacted(topic, 2, (short) 1)));

    assertThatThrownBy(() -> KafkaSchemaStore.open(kafka.bootstrapServers(), topic, TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one partition");
  }

  private static Admin admin(KafkaCluster kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static void produce(KafkaCluster kafka, String topic, List<Map.Entry<String, String>> kvs)
      throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (Map.Entry<String, String> kv : kvs) {
        String value = "<null>".equals(kv.getValue()) ? null : kv.getValue();
        producer.send(new ProducerRecord<>(topic, 0, kv.getKey(), value)).get();
      }
    }
  }

  /** Every record of the topic in order, a null value shown as {@code <null>}. */
  private static List<Map.Entry<String, String>> readAll(KafkaCluster kafka, String topic) {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(Set.of(partition));
      consumer.seekToBeginning(Set.of(partition));
      long end = consumer.endOffsets(Set.of(partition)).get(partition);
      List<Map.Entry<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          records.add(Map.entry(r.key(), r.value() == null ? "<null>" : r.value()));
        }
      }
      return records;
    }
  }
}
