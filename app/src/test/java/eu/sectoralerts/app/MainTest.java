package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MainTest {

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void shouldListEveryCommandInHelp() {
    int exit = Main.run("--help");

    assertThat(exit).isZero();
    assertThat(console.out())
        .contains("up ", "status", "import", "tag ", "eval", "replay", "bench");
  }

  @Test
  void shouldRefuseABenchWithAnUnreadableRateBeforeStartingAnything() {
    int exit = Main.run("bench", "--rate", "fast");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("--rate must be items per second (e.g. 1000) or 'max'");
  }

  @Test
  void shouldRejectAnUnknownCommandWithUsage() {
    int exit = Main.run("launch");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("Unmatched argument").contains("launch");
  }

  @Test
  void shouldReportAPipelineThatIsNotRunningAsUnreachable() {
    int exit =
        Main.run(
            "status",
            "--bootstrap-servers=localhost:1",
            "--schema-registry-url=http://localhost:1",
            "--ingest-url=http://localhost:1",
            "--alert-url=http://localhost:1");

    assertThat(exit).isEqualTo(1);
    assertThat(console.out())
        .contains("not reachable")
        .contains("ingest-service")
        .contains("alert-service");
  }
}
