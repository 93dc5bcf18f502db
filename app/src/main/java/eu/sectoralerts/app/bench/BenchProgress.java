package eu.sectoralerts.app.bench;

/** Where a bench run reports how far it got; the command draws it as a progress bar. */
public interface BenchProgress {

  /**
   * @param phase what runs now ("watchlists", "baseline", "pipeline")
   * @param done units done in this phase
   * @param total units planned, or -1 when the phase ends by time
   * @param detail a short note, e.g. the current rate
   */
  void update(String phase, long done, long total, String detail);

  /** Reports nothing. */
  BenchProgress NONE = (phase, done, total, detail) -> {};
}
