package eu.sectoralerts.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaKraftBrokerTest {

  @TempDir Path dataDir;

  @BeforeEach
  void failInsteadOfHalting() {
    Exit.setHaltProcedure(
        (code, message) -> {
          throw new AssertionError("Kafka asked to halt the JVM (" + code + "): " + message);
        });
    Exit.setExitProcedure(
        (code, message) -> {
          throw new AssertionError("Kafka asked to exit the JVM (" + code + "): " + message);
        });
  }

  @AfterEach
  void restoreExit() {
    Exit.resetHaltProcedure();
    Exit.resetExitProcedure();
  }

  @Test
  void shouldKeepCommittedRecordsAcrossARestartOnTheSameDirectory() throws Exception {
    try (KafkaKraftBroker broker = KafkaKraftBroker.start(BrokerSettings.onFreePorts(dataDir))) {
      createTopic(broker, "history");
      produceTransactionally(broker, "history", List.of("first", "second"));
    }

    // Other ports on purpose: the static quorum must not pin the old controller port.
    try (KafkaKraftBroker broker = KafkaKraftBroker.start(BrokerSettings.onFreePorts(dataDir))) {
      assertThat(readAll(broker, "history", 2)).containsExactly("first", "second");
    }
  }

  @Test
  void shouldRefuseAutoCreatingTopics() throws Exception {
    try (KafkaKraftBroker broker = KafkaKraftBroker.start(BrokerSettings.onFreePorts(dataDir));
        Admin admin = admin(broker)) {
      try (KafkaProducer<String, String> producer = producer(broker, null)) {
        producer.partitionsFor("no-such-topic");
      } catch (org.apache.kafka.common.errors.TimeoutException expected) {
        // the metadata request times out because the topic is never created
      }
      assertThat(admin.listTopics().names().get()).doesNotContain("no-such-topic");
    }
  }

  @Test
  void shouldFailClearlyWhenAnotherBrokerUsesTheDirectory() {
    try (KafkaKraftBroker first = KafkaKraftBroker.start(BrokerSettings.onFreePorts(dataDir))) {
      assertThatThrownBy(() -> KafkaKraftBroker.start(BrokerSettings.onFreePorts(dataDir)))
          .isInstanceOf(KafkaKraftBroker.BrokerStartException.class)
          .hasMessageContaining("in use by another broker");
      assertThat(first.bootstrapServers()).startsWith("localhost:");
    }
  }

  @Test
  void shouldFailClearlyWhenThePortIsTaken() throws Exception {
    try (var socket = new java.net.ServerSocket(0)) {
      BrokerSettings onTakenPort =
          BrokerSettings.onFreePorts(dataDir).withPorts(socket.getLocalPort(), 0);
      assertThatThrownBy(() -> KafkaKraftBroker.start(onTakenPort))
          .isInstanceOf(KafkaKraftBroker.BrokerStartException.class)
          .hasMessageContaining("port is in use");
    }
  }

  private static void createTopic(KafkaKraftBroker broker, String name) throws Exception {
    try (Admin admin = admin(broker)) {
      admin.createTopics(Set.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
  }

  private static Admin admin(KafkaKraftBroker broker) {
    return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  private static KafkaProducer<String, String> producer(KafkaKraftBroker broker, String txId) {
    Map<String, Object> config = new java.util.HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
    if (txId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
    }
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static void produceTransactionally(
      KafkaKraftBroker broker, String topic, List<String> values) {
    try (KafkaProducer<String, String> producer = producer(broker, "broker-test")) {
      producer.initTransactions();
      producer.beginTransaction();
      values.forEach(v -> producer.send(new ProducerRecord<>(topic, v, v)));
      producer.commitTransaction();
    }
  }

  private static List<String> readAll(KafkaKraftBroker broker, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "broker-test-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
