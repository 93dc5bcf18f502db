package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tag} and {@code eval} from the command line, on the shared briefings and labels. */
class TagAndEvalCommandTest {

  private static final Path SHARED = Path.of(System.getProperty("sector-alerts.shared"));
  private static final Path BRIEFING =
      SHARED.resolve("briefings").resolve("china-industries-2022-01-11.txt");
  private static final ObjectMapper JSON = Json.newMapper();

  @TempDir Path dir;

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private List<JsonNode> outputLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : console.out().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void shouldPrintOneJsonLinePerItemWithTagsAndEvidence() throws IOException {
    int exit = Main.run("tag", BRIEFING.toString());

    assertThat(exit).as(console.err()).isZero();
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
    assertThat(console.err()).contains("empty.txt");
    assertThat(outputLines()).hasSize(20);
  }

  @Test
  void shouldStopWithFileAndLineWhenTheTaxonomyIsBroken() throws IOException {
    Path taxonomy = Files.writeString(dir.resolve("bad.yaml"), "version: x\nmatching: [\n");

    int exit = Main.run("tag", "--taxonomy", taxonomy.toString(), BRIEFING.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(console.err()).contains(taxonomy + ":").contains("not valid YAML");
    assertThat(console.out()).isEmpty();
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

    assertThat(exit).as(console.err()).isZero();
    JsonNode report = JSON.readTree(console.out());
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
    assertThat(console.out())
        .contains("precision")
        .contains("european_firms")
        .contains("primary_sector")
        .contains("Items with errors:");
  }

  @Test
  void shouldRejectAnUnknownFormatAndAMissingLabelsFile() {
    assertThat(Main.run("eval", "--format", "xml")).isEqualTo(2);
    assertThat(console.err()).contains("--format must be text or json");
    assertThat(Main.run("eval", "--labels", dir.resolve("none.json").toString())).isEqualTo(1);
    assertThat(console.err()).contains("none.json does not exist");
  }
}
