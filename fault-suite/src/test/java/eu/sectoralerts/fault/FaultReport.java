package eu.sectoralerts.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the fault cases tried and found: free-text notes per case and one summary row per case,
 * logged as they come and rewritten to a Markdown file after each, so a run that dies half-way
 * still leaves its figures behind. Thread-safe.
 */
public final class FaultReport {

  private static final Logger LOG = LoggerFactory.getLogger(FaultReport.class);

  private final Path file;
  private final Instant startedAt;
  private final List<String> notes = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  /**
   * One case's figures.
   *
   * @param caseName the case
   * @param itemsSent news or tagged items the case published
   * @param alertsExpected alerts (or deliveries) the case expects
   * @param delivered distinct alerts (or deliveries) it found
   * @param lost expected but not found
   * @param duplicated found more than once (after the de-duplication the guarantee allows)
   * @param badInputsTried bad inputs, faults or intrusions tried
   * @param answers how they were answered, in words
   */
  public record Row(
      String caseName,
      long itemsSent,
      long alertsExpected,
      long delivered,
      long lost,
      long duplicated,
      long badInputsTried,
      String answers) {

    public Row {
      Objects.requireNonNull(caseName, "caseName");
      Objects.requireNonNull(answers, "answers");
      if (itemsSent < 0 || alertsExpected < 0 || delivered < 0 || lost < 0 || duplicated < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
    }
  }

  FaultReport(Path file, Instant startedAt) {
    this.file = Objects.requireNonNull(file, "file");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Records what a case tried or found. */
  public synchronized void note(String caseName, String line) {
    LOG.info("[{}] {}", caseName, line);
    notes.add("- **" + caseName + "**: " + line);
    write();
  }

  /** Records a case's summary row. */
  public synchronized void row(Row row) {
    LOG.info("[{}] summary: {}", row.caseName(), row);
    rows.add(row);
    write();
  }

  synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The summary table in Markdown. */
  public synchronized String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| case | items sent | alerts expected | delivered | lost | duplicated | bad inputs"
            + " tried | how they were answered |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      out.append("| ")
          .append(r.caseName())
          .append(" | ")
          .append(r.itemsSent())
          .append(" | ")
          .append(r.alertsExpected())
          .append(" | ")
          .append(r.delivered())
          .append(" | ")
          .append(r.lost())
          .append(" | ")
          .append(r.duplicated())
          .append(" | ")
          .append(r.badInputsTried())
          .append(" | ")
          .append(r.answers().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Logs the summary table; the file has it already. */
  synchronized void finish() {
    LOG.info("Fault suite summary ({}):\n{}", file, table());
  }

  private void write() {
    StringBuilder out = new StringBuilder();
    out.append("# Fault suite report\n\nRun started ").append(startedAt).append(".\n\n");
    out.append("## Summary\n\n")
        .append(
            "Alerts rows count (item, watchlist) alerts on the alerts topic read with"
                + " read_committed. Webhook rows count webhook-ids as a receiver that de-duplicates"
                + " by webhook-id keeps them: delivered = distinct ids the endpoint accepted (2xx);"
                + " lost = expected alerts neither accepted nor given up with a dead letter;"
                + " duplicated = ids that are no expected alert's (a copy de-duplication cannot"
                + " remove). Repeats on the wire are allowed (at least once) and counted in the"
                + " last column.\n\n")
        .append(table())
        .append("\n## What each case tried and found\n\n");
    notes.forEach(n -> out.append(n).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the fault report " + file, e);
    }
  }
}
