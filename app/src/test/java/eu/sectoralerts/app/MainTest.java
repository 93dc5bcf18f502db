package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureConsole() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void shouldListEveryCommandInHelp() {
    int exit = Main.run("--help");

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("up ", "status", "import", "tag ", "eval", "replay", "bench");
  }

  @Test
  void shouldFailLoudlyForACommandThatIsOnlyPlanned() {
    int exit = Main.run("replay");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'replay' is planned");
  }

  @Test
  void shouldRejectAnUnknownCommandWithUsage() {
    int exit = Main.run("launch");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unmatched argument")
        .contains("launch");
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
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("not reachable")
        .contains("ingest-service")
        .contains("alert-service");
  }
}
