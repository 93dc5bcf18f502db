package eu.sectoralerts.alert;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.common.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the global tables' dead letters to the dead-letter topic with a producer of its own
 * (idempotent, {@code acks=all}), outside the stream's transactions: the global thread has none. A
 * letter that cannot be written is logged with its origin, never thrown at the global thread.
 */
final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterSink.class);

  private final KafkaProducer<byte[], DeadLetter> producer;
  private final String topic;

  KafkaDeadLetterSink(String bootstrapServers, Topic<byte[], DeadLetter> topic, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    this.producer =
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    this.topic = topic.name();
  }

  @Override
  public void send(DeadLetter letter) {
    try {
      producer.send(
          new ProducerRecord<>(topic, letter),
          (metadata, e) -> {
            if (e != null) {
              LOG.error(
                  "Cannot write the dead letter of {}-{}@{} ({}): {}",
                  letter.getTopic(),
                  letter.getPartition(),
                  letter.getOffset(),
                  letter.getReason(),
                  e.getMessage());
            }
          });
    } catch (RuntimeException e) {
      LOG.error(
          "Cannot send the dead letter of {}-{}@{}: {}",
          letter.getTopic(),
          letter.getPartition(),
          letter.getOffset(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
