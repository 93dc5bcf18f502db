package eu.sectoralerts.app;

import eu.sectoralerts.replay.PartitionRange;
import eu.sectoralerts.replay.ReplayEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a replay on the error stream: on a terminal one bar redrawn in place with the
 * phase, records done of those expected, records per second and the time left; otherwise a plain
 * line per phase and every few seconds (logs stay readable). Redraws at most five times a second.
 */
final class ReplayProgress implements ReplayEngine.Listener {

  private static final int BAR_WIDTH = 24;
  private static final int LINE_WIDTH = 78;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private String phase = "planning";
  private long phaseStarted;
  private long lastDrawn;
  private boolean drawn;

  ReplayProgress(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.phaseStarted = nanoTime.getAsLong();
  }

  @Override
  public void planned(String runId, List<PartitionRange> plan, long offsets) {
    finish();
    err.printf(
        Locale.ROOT,
        "replay %s: about %,d records in %d partitions%n",
        runId,
        offsets,
        plan.stream().filter(r -> !r.isEmpty()).count());
    err.flush();
  }

  @Override
  public void phase(String phase) {
    finish();
    this.phase = phase;
    this.phaseStarted = nanoTime.getAsLong();
    this.lastDrawn = 0;
    if (!terminal) {
      err.println("replay: " + phase);
      err.flush();
    }
  }

  @Override
  public void progress(long records, long offsets) {
    long now = nanoTime.getAsLong();
    if (now - lastDrawn < (terminal ? REDRAW_NANOS : LINE_NANOS)) {
      return;
    }
    lastDrawn = now;
    String line = line(phase, records, offsets, (now - phaseStarted) / 1e9);
    if (terminal) {
      if (line.length() > LINE_WIDTH) {
        line = line.substring(0, LINE_WIDTH - 1) + "\u2026";
      }
      err.print("\r" + line + " ".repeat(LINE_WIDTH - line.length()));
      drawn = true;
    } else {
      err.println("replay: " + line);
    }
    err.flush();
  }

  /** Ends the bar's line, so what follows starts on a new one. */
  void finish() {
    if (terminal && drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }

  /** One progress line: bar, counts, rate and time left. */
  static String line(String phase, long records, long expected, double seconds) {
    long total = Math.max(expected, records);
    int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * records / total);
    double rate = seconds > 0 ? records / seconds : 0;
    String eta = rate > 0 ? duration((total - records) / rate) : "--:--";
    return String.format(
        Locale.ROOT,
        "[%s%s] %,d/%,d %,.0f items/s ETA %s %s",
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled),
        records,
        total,
        rate,
        eta,
        phase);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
