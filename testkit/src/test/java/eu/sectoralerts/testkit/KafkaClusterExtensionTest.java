package eu.sectoralerts.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.common.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaClusterExtension.class)
class KafkaClusterExtensionTest {

  @Test
  void shouldGiveTestsABrokerThatStoresAndServesRecords(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueName("roundtrip");
    kafka.createTopics(List.of(TopicSpec.history(topic, 2, (short) 1)));

    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                kafka.uniqueName("tx")),
            new StringSerializer(),
            new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "exactly once"));
      producer.commitTransaction();
    }

    List<String> seen = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                kafka.uniqueName("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
                return !seen.isEmpty();
              });
    }
    assertThat(seen).containsExactly("exactly once");
  }

  @Test
  void shouldShareOneClusterAcrossTests(KafkaCluster first, KafkaCluster second) {
    assertThat(first.bootstrapServers()).isEqualTo(second.bootstrapServers());
    assertThat(first.kind()).isIn("in-process", "testcontainers", "external");
  }
}
