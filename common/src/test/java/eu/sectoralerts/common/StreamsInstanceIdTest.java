package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsInstanceIdTest {

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void shouldKeepTheSameIdAcrossRestartsOnTheSameStateDirectory() {
    String id = StreamsInstanceId.of(first, "sector-alerts-alert");

    assertThat(StreamsInstanceId.of(first, "sector-alerts-alert")).isEqualTo(id);
    assertThat(id).startsWith("sector-alerts-alert-");
  }

  @Test
  void shouldGiveEveryOtherInstanceItsOwnId() {
    assertThat(StreamsInstanceId.of(first, "app"))
        .isNotEqualTo(StreamsInstanceId.of(second, "app"));
    assertThat(StreamsInstanceId.of(first, "app"))
        .isNotEqualTo(StreamsInstanceId.of(first, "other"));
  }

  @Test
  void shouldLeaveAnExplicitlyConfiguredInstanceIdAlone() {
    Properties props = new Properties();
    props.put("main.consumer.group.instance.id", "chosen-by-operator");

    StreamsInstanceId.apply(props, first, "app");

    assertThat(props.getProperty("main.consumer.group.instance.id"))
        .isEqualTo("chosen-by-operator");
  }

  @Test
  void shouldSetTheMainConsumersInstanceId() {
    Properties props = new Properties();

    StreamsInstanceId.apply(props, first, "app");

    assertThat(props.getProperty("main.consumer.group.instance.id"))
        .isEqualTo(StreamsInstanceId.of(first, "app"));
  }
}
