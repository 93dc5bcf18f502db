package eu.sectoralerts.ingest.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.NewsItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance criterion of the briefing import: for every briefing of the shared workspace, the
 * parser finds as many items as the hand-made labels list, each label's key phrase is in exactly
 * one item, and that item has the label's date and kind.
 */
class SharedBriefingsAcceptanceTest {

  private static final BriefingParser PARSER =
      new BriefingParser(Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC));

  static Path shared() {
    String property = System.getProperty("sector-alerts.shared");
    Path path = Path.of(property == null ? "../../shared" : property);
    assertThat(path.resolve("eval/dev-labels.json"))
        .as("the shared workspace (system property sector-alerts.shared)")
        .isRegularFile();
    return path;
  }

  static Stream<Arguments> briefings() throws IOException {
    Path shared = shared();
    JsonNode labels = new ObjectMapper().readTree(shared.resolve("eval/dev-labels.json").toFile());
    try (Stream<Path> files = Files.list(shared.resolve("briefings"))) {
      List<Path> briefings = files.filter(Files::isRegularFile).sorted().toList();
      assertThat(briefings).isNotEmpty();
      return briefings.stream()
          .map(
              file -> {
                List<JsonNode> ofFile = new ArrayList<>();
                labels.forEach(
                    label -> {
                      if (label.get("briefing").asText().equals(file.getFileName().toString())) {
                        ofFile.add(label);
                      }
                    });
                return Arguments.of(file.getFileName().toString(), file, ofFile);
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("briefings")
  void shouldFindEveryLabelledItemOnceWithItsDateAndKind(
      String name, Path file, List<JsonNode> labels) throws IOException {
    ParsedBriefing parsed =
        PARSER.parse(name, BriefingParser.decode(name, Files.readAllBytes(file)), "acceptance");

    assertThat(labels).as("labels of %s", name).isNotEmpty();
    assertThat(parsed.items()).as("items of %s", name).hasSameSizeAs(labels);
    for (JsonNode label : labels) {
      String key = normalise(label.get("key").asText());
      List<NewsItem> holders =
          parsed.items().stream()
              .filter(item -> normalise(item.getTitle() + " " + item.getBody()).contains(key))
              .toList();
      assertThat(holders).as("items of %s holding '%s'", name, key).hasSize(1);
      NewsItem item = holders.get(0);
      assertThat(item.getEventDate())
          .as("date of '%s'", key)
          .hasToString(label.get("date").asText());
      DatePrecision precision =
          label.has("date_precision")
              ? DatePrecision.valueOf(label.get("date_precision").asText().toUpperCase(Locale.ROOT))
              : DatePrecision.DAY;
      assertThat(item.getEventDatePrecision())
          .as("date precision of '%s'", key)
          .isEqualTo(precision);
      assertThat(item.getKind().name())
          .as("kind of '%s'", key)
          .isEqualTo(label.get("kind").asText());
    }
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }
}
