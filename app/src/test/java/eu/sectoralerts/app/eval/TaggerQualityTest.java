package eu.sectoralerts.app.eval;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality bar of the shipped taxonomy (issue "Tag items by sector and risk"): on the dev labels
 * of {@code ../shared/eval/dev-labels.json}, parsed with the real briefing parser, the build fails
 * when sector micro-F1 drops below 0.90, risk micro-F1 below 0.80, level accuracy below 0.80 or
 * European-firm F1 below 0.95. A failure prints the whole report, with what each item missed.
 */
class TaggerQualityTest {

  private static final Logger LOG = LoggerFactory.getLogger(TaggerQualityTest.class);

  private static EvalReport report;
  private static String text;

  @BeforeAll
  static void evaluate() throws IOException {
    Path labels = Path.of(System.getProperty("sector-alerts.shared"), "eval", "dev-labels.json");
    Clock clock = Clock.systemUTC();
    Evaluation evaluation =
        new Evaluation(
            TaxonomyTagger.load(Optional.empty(), clock),
            BriefingSource.parsing(new BriefingParser(clock), "quality-test"));
    report = evaluation.evaluate(labels);
    StringWriter out = new StringWriter();
    ReportPrinter.printText(report, new PrintWriter(out));
    text = out.toString();
    LOG.info("Tagger quality on the dev labels:\n{}", text);
  }

  @Test
  void shouldJudgeEveryLabel() {
    assertThat(report.items()).as(text).hasSize(48);
    assertThat(report.items()).as(text).allMatch(r -> r.problem().isEmpty());
  }

  @Test
  void shouldReachASectorMicroF1OfAtLeast090() {
    assertThat(report.sectors().f1()).as(text).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void shouldReachARiskMicroF1OfAtLeast080() {
    assertThat(report.risks().f1()).as(text).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void shouldGetTheLevelRightForAtLeast80PercentOfItems() {
    assertThat(report.level().value()).as(text).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void shouldReachAEuropeanFirmF1OfAtLeast095() {
    assertThat(report.europeanFirms().f1()).as(text).isGreaterThanOrEqualTo(0.95);
  }
}
