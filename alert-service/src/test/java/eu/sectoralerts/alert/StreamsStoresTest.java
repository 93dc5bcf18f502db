package eu.sectoralerts.alert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsStoresTest {

  @TempDir Path stateDir;

  private KafkaStreams notStarted;

  @BeforeEach
  void createStreams() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        "some-topic",
        Consumed.with(Serdes.String(), Serdes.String()).withName("some-source"),
        Materialized.as("some-store"));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-stores-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    notStarted = new KafkaStreams(builder.build(), props);
  }

  @AfterEach
  void closeStreams() {
    notStarted.close(Duration.ofSeconds(5));
  }

  @Test
  void shouldAnswerUnavailableBeforeKafkaStreamsRuns() {
    String message =
        "Not ready: Kafka Streams is CREATED, stores are not queryable yet; retry shortly.";

    StreamsAlertInbox inbox = new StreamsAlertInbox(notStarted, "some-store");

    assertThatThrownBy(() -> inbox.page("acme", new AlertInbox.PageRequest(null, null, null, 10)))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> inbox.find("acme", "alr-1"))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(message);
  }
}
