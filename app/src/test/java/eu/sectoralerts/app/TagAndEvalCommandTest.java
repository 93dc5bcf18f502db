package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tag} and {@code eval} from the command line, on the shared briefings and labels. */
class TagAndEvalCommandTest {

  private static final Path SHARED = Path.of(System.getProperty("sector-alerts.shared"));
  private static final Path BRIEFING =
      SHARED.resolve("briefings").resolve("china-industries-2022-01-11.txt");
  private static final ObjectMapper JSON = Json.newMapper();

  @TempDir Path dir;

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

  private List<JsonNode> outputLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void shouldPrintOneJsonLinePerItemWithTagsAndEvidence() throws IOException {
    int exit = Main.run("tag", BRIEFING.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<JsonNode> lines = outputLines();
    assertThat(lines).hasSize(20);
    JsonNode first = lines.get(0);
    List<String> fields = new ArrayList<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "id",
            "kind",
            "date",
            "title",
            "sectors",
            "risks",
            "level",
            "score",
            "europeanFirms",
            "issuingBodies",
            "taxonomyVersion",
            "evidence");
    assertThat(first.get("date").asText()).isEqualTo("2021-11-30");
    assertThat(first.get("sectors").get(0).asText()).isEqualTo("software-it");
    int titleMatches = 0;
    for (JsonNode evidence : first.get("evidence")) {
      for (JsonNode match : evidence.get("matches")) {
        if (match.get("field").asText().equals("title")) {
          titleMatches++;
          assertThat(
                  first
                      .get("title")
                      .asText()
                      .substring(match.get("start").asInt(), match.get("end").asInt()))
              .isEqualTo(match.get("text").asText());
        }
      }
    }
    assertThat(titleMatches).isPositive();
  }

  @Test
  void shouldReportAFileItCannotParseAndGoOnWithTheOthers() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");

    int exit = Main.run("tag", empty.toString(), BRIEFING.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("empty.txt");
    assertThat(outputLines()).hasSize(20);
  }

  @Test
  void shouldStopWithFileAndLineWhenTheTaxonomyIsBroken() throws IOException {
    Path taxonomy = Files.writeString(dir.resolve("bad.yaml"), "version: x\nmatching: [\n");

    int exit = Main.run("tag", "--taxonomy", taxonomy.toString(), BRIEFING.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(taxonomy + ":")
        .contains("not valid YAML");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void shouldPrintTheEvaluationAsJson() throws IOException {
    int exit =
        Main.run(
            "eval",
            "--labels",
            SHARED.resolve("eval").resolve("dev-labels.json").toString(),
            "--format",
            "json");

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode report = JSON.readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(report.get("items").asInt()).isEqualTo(48);
    assertThat(report.get("fields").get("sectors").get("f1").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.get("fields").get("level").get("total").asInt()).isEqualTo(48);
    assertThat(report.get("errors").isArray()).isTrue();
  }

  @Test
  void shouldPrintTablesAndWrongItemsAsText() {
    int exit =
        Main.run("eval", "--labels", SHARED.resolve("eval").resolve("dev-labels.json").toString());

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("precision")
        .contains("european_firms")
        .contains("primary_sector")
        .contains("Items with errors:");
  }

  @Test
  void shouldRejectAnUnknownFormatAndAMissingLabelsFile() {
    assertThat(Main.run("eval", "--format", "xml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be text or json");
    assertThat(Main.run("eval", "--labels", dir.resolve("none.json").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("none.json does not exist");
  }
}
