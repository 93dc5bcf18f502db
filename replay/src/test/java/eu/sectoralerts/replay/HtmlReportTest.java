package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void shouldBeOnePageWithoutScriptsOrExternalResources() {
    String html = HtmlReport.render(sampleReport(true));

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).contains("<style>", "<svg", "Alerts per week by sector");
    assertThat(html).contains("Added and removed alerts per subscriber");
    assertThat(html).doesNotContainIgnoringCase("<script");
    assertThat(html).doesNotContain("src=\"http", "href=\"http", "url(http", "@import");
    // One bar segment per week and sector with alerts, and both subscribers in the second chart.
    assertThat(html).contains("<title>2025-W02 rail: 1</title>", "<title>2025-W20 rail: 1</title>");
    assertThat(html).contains(Fixtures.RAIL_WATCHER + ": 2 added");
    assertThat(html).doesNotContain("Incomplete");
  }

  @Test
  void shouldEscapeTextFromTheData() {
    String html = HtmlReport.render(sampleReport(true, "Rail <b>&</b> \"trains\""));

    assertThat(html).contains("Rail &lt;b&gt;&amp;&lt;/b&gt; &quot;trains&quot;");
    assertThat(html).doesNotContain("Rail <b>&</b>");
  }

  @Test
  void shouldSayWhenTheReplayWasStopped() {
    assertThat(HtmlReport.render(sampleReport(false))).contains("Incomplete");
  }

  @Test
  void shouldRenderInHeadlessChromium() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM + "; skipped");
    Path reportDir = dir.resolve("run");
    ReportFiles.write(sampleReport(true), reportDir);
    Path html = reportDir.resolve(ReportFiles.HTML_FILE);
    Path png = Path.of("target", "replay-report.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);

    Process chromium =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--screenshot=" + png,
                "--window-size=1200,1600",
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    boolean exited = chromium.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      chromium.destroyForcibly();
    }
    assertThat(exited).as("chromium finished within 2 minutes").isTrue();
    assertThat(png).as("screenshot; chromium said: %s", log()).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(1600);
    assertThat(colours(image)).as("distinct colours: text and charts").isGreaterThan(50);
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("chromium.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  static ReplayReport sampleReport(boolean complete) {
    return sampleReport(complete, "Rail projects");
  }

  static ReplayReport sampleReport(boolean complete, String railName) {
    ReplayAccumulator accumulator = new ReplayAccumulator();
    ItemOutcome.Tags transport =
        new ItemOutcome.Tags(List.of("transport-logistics"), List.of(), "NONE", 0);
    ItemOutcome.Tags rail =
        new ItemOutcome.Tags(List.of("rail", "transport-logistics"), List.of(), "NONE", 0);
    ItemOutcome.TagChange gained =
        new ItemOutcome.TagChange(
            "sector", "rail", "gained", List.of("rail.hyperloop"), List.of("hyperloop"));
    int offset = 0;
    for (String week : List.of("2025-W02", "2025-W20")) {
      String id = "itm-" + week;
      accumulator.recordRead();
      accumulator.add(
          new ItemOutcome(
              id,
              0,
              offset++,
              0L,
              week,
              LocalDate.of(2025, 1, 8),
              "CORPORATE",
              "Hyperloop corridor " + week,
              transport,
              rail,
              List.of(gained),
              List.of(),
              List.of("wl-rail"),
              List.of(
                  new ItemOutcome.AlertChange(
                      "alr-" + week,
                      id,
                      "Hyperloop corridor " + week,
                      week,
                      LocalDate.of(2025, 1, 8),
                      Fixtures.RAIL_WATCHER,
                      "wl-rail",
                      railName,
                      rail.sectors(),
                      rail.risks(),
                      "NONE",
                      List.of(new ItemOutcome.Reason("sectors", List.of("rail"), List.of())),
                      List.of(gained))),
              List.of(),
              List.of()));
    }
    List<eu.sectoralerts.avro.Watchlist> watchlists =
        List.of(
            Fixtures.watchlist("wl-rail", Fixtures.RAIL_WATCHER, railName, List.of("rail"), null),
            Fixtures.watchlist(
                "wl-batteries", Fixtures.BATTERY_WATCHER, "Batteries", List.of("batteries"), null));
    ReplayReport.TaxonomyRef taxonomy =
        new ReplayReport.TaxonomyRef(
            "classpath:taxonomy/taxonomy.yaml", "2026.11-1", "ab".repeat(32));
    return new ReplayReport(
        complete,
        "rpl-sample",
        new ReplayReport.Inputs(
            "news-items",
            Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2025-06-01T00:00:00Z"),
            List.of(new PartitionRange(0, 0, 2)),
            taxonomy,
            new ReplayReport.TaxonomyRef("candidate.yaml", "2026.11-2", "cd".repeat(32)),
            new ReplayReport.WatchlistsRef(
                "watchlists.json", "ef".repeat(32), 2, 2, java.util.Map.of(), List.of())),
        accumulator.results(watchlists),
        new ReplayReport.Execution(
            Instant.parse("2026-01-01T10:00:00Z"),
            Instant.parse("2026-01-01T10:00:05Z"),
            2,
            12,
            ReplayReport.Rate.of(2, 3000, 1_000_000_000L),
            ReplayReport.Rate.of(2, 3000, 500_000_000L),
            0.5,
            ReplayEngine.TARGET_RATIO,
            true));
  }
}
