package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path briefing;

  @BeforeEach
  void writeBriefing() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/briefings/sample-briefing.md")) {
      briefing = dir.resolve("sample-briefing.md");
      Files.write(briefing, in.readAllBytes());
    }
  }

  private int run(Map<String, String> environment, String... args) {
    ImportCommand command = new ImportCommand();
    command.environment = environment::get;
    command.terminal = false;
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void shouldPrintEachParsedItemAsAJsonLineInADryRun() throws IOException {
    int exit = run("--dry-run", "--format", "json", briefing.toString());

    List<NewsItem> expected =
        new BriefingParser(Clock.systemUTC())
            .parse("sample-briefing.md", Files.readString(briefing), "briefing-import")
            .items();
    List<String> lines = out.toString().lines().toList();
    assertThat(exit).isZero();
    assertThat(lines).hasSize(5).hasSameSizeAs(expected);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = json.readTree(lines.get(i));
      assertThat(line.get("id").asText()).isEqualTo(expected.get(i).getId());
      assertThat(line.get("briefing").asText()).isEqualTo("sample-briefing.md");
      assertThat(line.get("status").isNull()).isTrue();
    }
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("kind").asText()).isEqualTo("POLICY");
    assertThat(first.get("section").asText()).isEqualTo("top");
    assertThat(first.get("eventDate").asText()).isEqualTo("2025-08-12");
    assertThat(first.get("eventDatePrecision").asText()).isEqualTo("DAY");
    assertThat(first.get("title").asText())
        .isEqualTo("Railway signalling plan favours home-grown systems");
    assertThat(first.get("issuingBody").asText()).isEqualTo("NRA");
    assertThat(first.get("policyNameOriginal").asText()).isEqualTo("铁路信号升级方案");
    assertThat(first.get("sources").get(0).get("name").asText()).isEqualTo("sample-briefing.md");
    assertThat(json.readTree(lines.get(4)).get("companies").get(0).asText())
        .isEqualTo("Siemens Mobility");
    assertThat(err.toString())
        .contains("import: 1/1 files, 5 items - sample-briefing.md: 5 items parsed")
        .contains("Files: 1 (0 failed). Items parsed: 5. Published: 0. Already published: 0.")
        .contains("dry run");
  }

  @Test
  void shouldPrintATableInADryRunByDefault() {
    int exit = run("--dry-run", briefing.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("sample-briefing.md (briefing of 2025-09-04, 5 items)")
        .contains("STATUS")
        .containsPattern(
            "parsed +2025-08-05 +POLICY +policy +itm-[0-9a-f]{16} +MIIT publishes rules requiring")
        .contains("Files: 1 (0 failed). Items parsed: 5.");
  }

  @Test
  void shouldReportAMissingAndABinaryFileAndStillImportTheOthers() throws IOException {
    Path binary = dir.resolve("scan.pdf");
    Files.write(binary, new byte[] {'%', 'P', 'D', 'F', 0, 1, 2});

    int exit =
        run(
            "--dry-run",
            "--format",
            "json",
            dir.resolve("missing.md").toString(),
            binary.toString(),
            briefing.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("Error: missing.md: no such file: " + dir.resolve("missing.md"))
        .contains("Error: scan.pdf: scan.pdf looks like a binary file")
        .contains("Files: 3 (2 failed). Items parsed: 5.");
    assertThat(out.toString().lines()).hasSize(5);
  }

  @Test
  void shouldReportATextThatIsNoBriefing() throws IOException {
    Path memo = dir.resolve("memo.txt");
    Files.writeString(memo, "Lunch moves to the second floor from Monday.\n");

    int exit = run("--dry-run", memo.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Error: memo.txt: No items found in memo.txt");
  }

  @Test
  void shouldRefuseToPublishWithoutAnAnalystKey() {
    int exit = run("--data-dir", dir.resolve("no-data").toString(), briefing.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("no analyst key")
        .contains("--api-key")
        .contains("SECTOR_ALERTS_ANALYST_KEY");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldSayWhenIngestServiceIsNotReachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int exit =
        run(
            Map.of("SECTOR_ALERTS_ANALYST_KEY", "some-key"),
            "--ingest-url",
            "http://127.0.0.1:" + closedPort,
            briefing.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "Error: sample-briefing.md: ingest-service is not reachable at http://127.0.0.1:");
    // In the text format the summary goes with the table, to stdout.
    assertThat(out.toString()).contains("Files: 1 (1 failed). Items parsed: 5. Published: 0.");
  }

  @Test
  void shouldRejectACallWithoutFilesOrWithAnUnknownFormat() {
    assertThat(run("--dry-run")).isEqualTo(2);
    assertThat(run("--dry-run", "--format", "yaml", briefing.toString())).isEqualTo(2);
  }

  @Test
  void shouldReadTheKeyFromTheDataDirectoryWhenNoOtherIsGiven() throws IOException {
    Path dataDir = dir.resolve("data");
    String key = KeyFile.readOrCreate(KeyFile.in(dataDir), new java.security.SecureRandom());

    assertThat(KeyFile.read(KeyFile.in(dataDir))).hasValue(key);
    assertThat(key).matches("[A-Za-z0-9_-]{43}");
    if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(KeyFile.in(dataDir))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void shouldRedrawTheBarInPlaceOnATerminal() {
    StringWriter screen = new StringWriter();
    Progress progress = new Progress(new PrintWriter(screen), true, 4);

    progress.update(1, 7, "a.md: 7 published, 0 already published");
    progress.update(2, 9, "b.md: 2 published, 0 already published");
    progress.finish();

    assertThat(screen.toString())
        .startsWith("\r[######------------------] 1/4 files, 7 items  a.md")
        .contains("\r[############------------] 2/4 files, 9 items  b.md")
        .endsWith(System.lineSeparator())
        .doesNotContain("\n\r");
  }
}
