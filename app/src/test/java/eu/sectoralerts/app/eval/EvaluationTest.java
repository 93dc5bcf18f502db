package eu.sectoralerts.app.eval;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.enrich.Tagger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation on a labels file and items written for this test, with a stand-in tagger whose
 * answers are fixed per item, so every figure can be checked by hand.
 */
class EvaluationTest {

  @TempDir Path root;

  private Path labels;
  private final List<Path> read = new ArrayList<>();

  private static NewsItem item(String id, String title, String body) {
    return NewsItem.newBuilder()
        .setId(id)
        .setKind(ItemKind.POLICY)
        .setTitle(title)
        .setBody(body)
        .setPublisher("test")
        .setPublishedAt(Instant.parse("2024-01-01T00:00:00Z"))
        .build();
  }

  private static final Map<String, List<NewsItem>> BRIEFINGS =
      Map.of(
          "march.txt",
          List.of(
              item("itm-1", "Rail plan", "The railway bureau wants faster   trains by 2030."),
              item("itm-2", "Chip rules", "Foundries must report export licences.")));

  /** Gives fixed tags: itm-1 exactly as labelled, itm-2 with one sector and one risk wrong. */
  private static final Tagger TAGGER =
      new Tagger() {
        @Override
        public TaggedItem tag(NewsItem item) {
          boolean first = item.getId().equals("itm-1");
          return TaggedItem.newBuilder()
              .setItem(item)
              .setSectors(
                  first ? List.of("rail") : List.of("materials-chemicals", "semiconductors"))
              .setRisks(first ? List.of() : List.of("regulatory-compliance", "opportunity"))
              .setLevel(first ? RiskLevel.NONE : RiskLevel.MEDIUM)
              .setScore(first ? 0 : 45)
              .setEuropeanFirms(first ? List.of() : List.of("Acme"))
              .setIssuingBodies(first ? List.of("NRA") : List.of())
              .setTaxonomyVersion("stand-in-1")
              .setTaggedAt(Instant.EPOCH)
              .build();
        }

        @Override
        public String version() {
          return "stand-in-1";
        }
      };

  @BeforeEach
  void writeLabels() throws IOException {
    Path eval = Files.createDirectories(root.resolve("eval"));
    labels = eval.resolve("labels.json");
    Files.writeString(
        labels,
        """
        [
          {"briefing": "march.txt", "kind": "POLICY", "date": "2024-03-01",
           "key": "faster trains", "sectors": ["rail"], "risks": [], "level": "NONE",
           "european_firms": [], "issuing_bodies": ["NRA"], "rationale": "a rail plan"},
          {"briefing": "march.txt", "kind": "POLICY", "date": "2024-03-02",
           "key": "EXPORT LICENCES", "sectors": ["semiconductors"],
           "risks": ["regulatory-compliance", "supply-chain"], "level": "LOW",
           "european_firms": [], "issuing_bodies": ["MOFCOM"]},
          {"briefing": "march.txt", "kind": "POLICY", "date": "2024-03-03",
           "key": "not in any item", "sectors": ["rail"], "risks": ["competition"],
           "level": "LOW", "european_firms": [], "issuing_bodies": []},
          {"briefing": "april.txt", "kind": "POLICY", "date": "2024-04-01",
           "key": "anything", "sectors": ["automotive"], "risks": [], "level": "NONE",
           "european_firms": ["Acme"], "issuing_bodies": []}
        ]
        """);
  }

  private EvalReport evaluate() throws IOException {
    BriefingSource source =
        file -> {
          read.add(file);
          List<NewsItem> items = BRIEFINGS.get(file.getFileName().toString());
          if (items == null) {
            throw new IllegalArgumentException("not a briefing: no items found");
          }
          return items;
        };
    return new Evaluation(TAGGER, source).evaluate(labels);
  }

  @Test
  void shouldReadEachBriefingOnceFromTheFolderBesideTheLabels() throws IOException {
    evaluate();

    assertThat(read)
        .containsExactly(
            root.resolve("briefings").resolve("march.txt").toAbsolutePath(),
            root.resolve("briefings").resolve("april.txt").toAbsolutePath());
  }

  @Test
  void shouldComputeMicroFiguresCountingUnjudgedLabelsAsMissed() throws IOException {
    EvalReport report = evaluate();

    // sectors: item 1 rail ok; item 2 semiconductors ok + materials extra; item 3 and 4 missed
    assertThat(report.sectors()).isEqualTo(new SetScore(2, 1, 2));
    // risks: item 2 regulatory ok, opportunity extra, supply-chain missed; item 3 competition
    // missed
    assertThat(report.risks()).isEqualTo(new SetScore(1, 1, 2));
    assertThat(report.europeanFirms()).isEqualTo(new SetScore(0, 1, 1));
    assertThat(report.issuingBodies()).isEqualTo(new SetScore(1, 0, 1));
    assertThat(report.level()).isEqualTo(new Accuracy(1, 4));
    assertThat(report.primarySector()).isEqualTo(new Accuracy(1, 4));
    assertThat(report.taxonomyVersion()).isEqualTo("stand-in-1");
  }

  @Test
  void shouldExplainWhatEachWrongItemMissed() throws IOException {
    EvalReport report = evaluate();

    assertThat(report.items().get(0).correct()).isTrue();
    ItemResult second = report.items().get(1);
    assertThat(second.itemId()).isEqualTo("itm-2");
    assertThat(second.differences())
        .containsExactly(
            "primary sector: expected semiconductors, got materials-chemicals",
            "sectors: extra materials-chemicals",
            "risks: missing supply-chain; extra opportunity",
            "level: expected LOW, got MEDIUM (score 45)",
            "european_firms: extra Acme",
            "issuing_bodies: missing MOFCOM");
    assertThat(report.items().get(2).problem())
        .isEqualTo("no item of march.txt contains the key \"not in any item\"");
    assertThat(report.items().get(3).problem())
        .startsWith("cannot parse briefing ")
        .endsWith("april.txt: not a briefing: no items found");
    assertThat(report.itemsWithErrors()).hasSize(3);
  }

  @Test
  void shouldPrintTablesAndTheItemsWithErrors() throws IOException {
    StringWriter text = new StringWriter();
    ReportPrinter.printText(evaluate(), new PrintWriter(text));

    assertThat(text.toString())
        .contains("Taxonomy stand-in-1 on 4 labels of " + labels)
        .contains("sectors              0.667     0.500     0.571     2     1     2")
        .contains("level                0.250       1/4")
        .contains("Items with errors: 3 of 4")
        .contains("risks: missing supply-chain; extra opportunity")
        .contains("problem: no item of march.txt contains the key");
  }

  @Test
  void shouldPrintTheFiguresAsJson() throws IOException {
    StringWriter json = new StringWriter();
    ReportPrinter.printJson(evaluate(), new PrintWriter(json));

    assertThat(json.toString())
        .contains("\"taxonomyVersion\" : \"stand-in-1\"")
        .contains("\"sectors\" : {")
        .contains("\"f1\" : 0.5714")
        .contains("\"primary_sector\" : {")
        .contains("\"accuracy\" : 0.25");
  }
}
