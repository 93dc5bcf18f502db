package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsDefaultsTest {

  private static final Path STATE = Path.of("/data/streams");

  @Test
  void shouldSetTheSharedCoreAndNothingElse() {
    Properties props = StreamsDefaults.properties("app-id", "broker:9092", STATE, 250, (short) 3);

    Properties expected = new Properties();
    expected.put("application.id", "app-id");
    expected.put("bootstrap.servers", "broker:9092");
    expected.put("state.dir", STATE.toString());
    expected.put("processing.guarantee", "exactly_once_v2");
    expected.put("commit.interval.ms", "250");
    expected.put("replication.factor", "3");
    expected.put(
        "processing.exception.handler",
        "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler");
    expected.put(
        "production.exception.handler",
        "org.apache.kafka.streams.errors.DefaultProductionExceptionHandler");
    expected.put("compression.type", "lz4");
    expected.put("batch.size", "262144");
    assertThat(props).isEqualTo(expected);
  }

  @Test
  void shouldGiveEveryCallerItsOwnProperties() {
    Properties first = StreamsDefaults.properties("app-id", "broker:9092", STATE, 100, (short) 1);
    first.put("num.stream.threads", "4");

    assertThat(StreamsDefaults.properties("app-id", "broker:9092", STATE, 100, (short) 1))
        .doesNotContainKey("num.stream.threads");
  }

  @Test
  void shouldBeAcceptedByKafkaStreamsConfig() {
    Properties props = StreamsDefaults.properties("app-id", "broker:9092", STATE, 0, (short) 1);

    StreamsConfig config = new StreamsConfig(props);

    assertThat(config.getString("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(config.getProducerConfigs("client"))
        .containsEntry("compression.type", "lz4")
        .containsEntry("batch.size", "262144");
  }

  @Test
  void shouldRejectValuesKafkaStreamsCannotUse() {
    assertThatThrownBy(() -> StreamsDefaults.properties(" ", "broker:9092", STATE, 100, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("applicationId");
    assertThatThrownBy(() -> StreamsDefaults.properties("app-id", "", STATE, 100, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> StreamsDefaults.properties("app-id", "b:1", STATE, -1, (short) 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commitIntervalMs");
    assertThatThrownBy(() -> StreamsDefaults.properties("app-id", "b:1", STATE, 100, (short) 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicationFactor");
  }
}
