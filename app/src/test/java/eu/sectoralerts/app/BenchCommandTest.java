package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bench command on a pipeline of its own (embedded broker and registry on free ports): a small
 * run, whose JSON must carry every figure the README promises, with nothing lost or duplicated.
 */
class BenchCommandTest {

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void shouldMeasureASmallRunAndReportEveryFigureAsJson() throws Exception {
    int exit =
        Main.run(
            "bench",
            "--items",
            "300",
            "--watchlists",
            "300",
            "--rate",
            "100",
            "--warmup",
            "3s",
            "--format",
            "json",
            "--run-id",
            "test");

    assertThat(exit).as(console.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(console.out());
    assertThat(report.path("run").path("itemsPublished").asLong()).isEqualTo(300);
    assertThat(report.path("run").path("rate").asText()).isEqualTo("100 items/s");
    assertThat(report.path("startupSeconds").asDouble()).isPositive();
    // The warm-up's items went through at the run's rate and are in no figure below.
    assertThat(report.path("run").path("warmupItems").asLong()).isBetween(200L, 320L);
    assertThat(report.path("run").path("warmupSeconds").asDouble()).isGreaterThanOrEqualTo(3.0);
    for (String flow : new String[] {"baseline", "pipeline"}) {
      JsonNode figures = report.path(flow);
      assertThat(figures.path("published").asLong()).as(flow).isEqualTo(300);
      assertThat(figures.path("arrived").asLong()).as(flow).isEqualTo(300);
      assertThat(figures.path("lost").asLong()).as(flow).isZero();
      assertThat(figures.path("duplicated").asLong()).as(flow).isZero();
      assertThat(figures.path("itemsPerSecond").asDouble()).as(flow).isPositive();
      JsonNode latency = figures.path("latencyMs");
      for (String percentile : new String[] {"p50", "p90", "p99", "p999", "max"}) {
        assertThat(latency.path(percentile).isNumber()).as(flow + " " + percentile).isTrue();
      }
      assertThat(latency.path("p50").asDouble())
          .isLessThanOrEqualTo(latency.path("max").asDouble());
    }
    // Every item matched at least the run's catch-all watchlist.
    assertThat(report.path("pipeline").path("alerts").asLong()).isGreaterThanOrEqualTo(300);
    assertThat(report.path("pipeline").path("alertsPerSecond").asDouble()).isPositive();
    assertThat(report.path("resources").path("cpuCores").asDouble()).isPositive();
    assertThat(report.path("resources").path("heapUsedMaxMb").asDouble()).isPositive();
    assertThat(report.path("targets").findValuesAsText("name"))
        .contains(
            "throughput vs raw Kafka (at max rate)",
            "p99 publish-to-alert (at a fixed rate)",
            "nothing lost or duplicated",
            "embedded pipeline ready",
            "embedded pipeline heap in use");
    assertThat(console.err()).contains("bench: pipeline");
  }

  @Test
  void shouldRefuseOptionsThatCannotRun() {
    assertThat(Main.run("bench", "--format", "xml")).isEqualTo(2);
    assertThat(Main.run("bench", "--rate", "-5")).isEqualTo(2);
    assertThat(Main.run("bench", "--bootstrap-servers", "localhost:1")).isEqualTo(2);
    assertThat(Main.run("bench", "--duration", "soon")).isEqualTo(2);
    assertThat(Main.run("bench", "--warmup", "-5s")).isEqualTo(2);
    assertThat(Main.run("bench", "--warmup", "a while")).isEqualTo(2);
    assertThat(console.err())
        .contains("--format must be 'text' or 'json'")
        .contains("--rate must be a positive number")
        .contains("--bootstrap-servers and --schema-registry-url go together")
        .contains("--duration must be like 90s, 5m, 1h or PT1M30S")
        .contains("--warmup must not be negative")
        .contains("--warmup must be like 90s, 5m, 1h or PT1M30S");
  }

  @Test
  void shouldReadDurationsAsOperatorsWriteThem() {
    assertThat(BenchCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(BenchCommand.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(BenchCommand.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(BenchCommand.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> BenchCommand.parseDuration("m"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
