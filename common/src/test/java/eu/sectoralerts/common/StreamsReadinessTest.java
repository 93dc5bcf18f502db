package eu.sectoralerts.common;

import static org.apache.kafka.streams.KafkaStreams.State.CREATED;
import static org.apache.kafka.streams.KafkaStreams.State.ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.REBALANCING;
import static org.apache.kafka.streams.KafkaStreams.State.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {

  private final List<KafkaStreams.State> seen = new ArrayList<>();
  private final StreamsReadiness readiness = new StreamsReadiness((now, before) -> seen.add(now));

  @Test
  void shouldBeReadyOnceRunningAndPassEveryChangeOn() {
    readiness.onChange(REBALANCING, CREATED);
    readiness.onChange(RUNNING, REBALANCING);

    assertThatCode(() -> readiness.awaitRunning("app", Duration.ofMillis(10)))
        .doesNotThrowAnyException();
    assertThat(seen).containsExactly(REBALANCING, RUNNING);
  }

  @Test
  void shouldSayWhenTheApplicationStoppedBeforeRunning() {
    readiness.onChange(REBALANCING, CREATED);
    readiness.onChange(PENDING_ERROR, REBALANCING);

    assertThatThrownBy(() -> readiness.awaitRunning("enrich-streams", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("enrich-streams stopped (PENDING_ERROR) before it was running");
  }

  @Test
  void shouldStayReadyWhenItFailsLater() {
    readiness.onChange(RUNNING, REBALANCING);
    readiness.onChange(ERROR, RUNNING);

    assertThatCode(() -> readiness.awaitRunning("app", Duration.ofMillis(10)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldGiveUpAfterTheTimeout() {
    readiness.onChange(REBALANCING, CREATED);

    assertThatThrownBy(() -> readiness.awaitRunning("alert-service", Duration.ofMillis(50)))
        .hasMessage("alert-service is not running after 0 s");
  }
}
