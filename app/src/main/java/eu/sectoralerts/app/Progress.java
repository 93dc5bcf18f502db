package eu.sectoralerts.app;

import java.io.PrintWriter;

/**
 * A progress display of files and items on the error stream: on a terminal one bar redrawn in
 * place, otherwise one plain line per step (logs and CI output stay readable).
 */
final class Progress {

  private static final int BAR_WIDTH = 24;
  private static final int LINE_WIDTH = 78;

  private final PrintWriter err;
  private final boolean terminal;
  private final int files;
  private boolean drawn;

  Progress(PrintWriter err, boolean terminal, int files) {
    this.err = err;
    this.terminal = terminal;
    this.files = files;
  }

  /**
   * Shows the state after a step.
   *
   * @param filesDone files handled so far
   * @param items items parsed so far
   * @param step what just happened, e.g. "plain.txt: 7 items published"
   */
  void update(int filesDone, int items, String step) {
    String counts = filesDone + "/" + files + " files, " + items + " items";
    if (terminal) {
      int filled = files == 0 ? BAR_WIDTH : BAR_WIDTH * filesDone / files;
      String line =
          "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + counts + "  " + step;
      if (line.length() > LINE_WIDTH) {
        line = line.substring(0, LINE_WIDTH - 1) + "\u2026";
      }
      err.print("\r" + line + " ".repeat(LINE_WIDTH - line.length()));
      drawn = true;
    } else {
      err.println("import: " + counts + " - " + step);
    }
    err.flush();
  }

  /** Ends the bar's line, so what follows starts on a new one. */
  void finish() {
    if (terminal && drawn) {
      err.println();
      err.flush();
    }
  }
}
