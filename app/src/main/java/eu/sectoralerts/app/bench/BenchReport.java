package eu.sectoralerts.app.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What a bench run measured: the raw Kafka baseline, the pipeline, the resources it used, and each
 * target with whether it was met. Figures that could not be measured are null (the JSON says so).
 *
 * @param startupSeconds time the embedded pipeline took to be ready, null when it was already up
 */
public record BenchReport(
    Machine machine,
    Run run,
    Double startupSeconds,
    Flow baseline,
    Flow pipeline,
    Double fractionOfBaseline,
    Resources resources,
    List<Target> targets) {

  public BenchReport {
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(resources, "resources");
    targets = List.copyOf(targets);
  }

  /** Where it ran. */
  public record Machine(int cores, String java, String os) {
    static Machine current() {
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
  }

  /**
   * What was asked for.
   *
   * @param warmupItems items passed through the pipeline before measuring, in {@code
   *     warmupSeconds}; not counted in any figure
   */
  public record Run(
      String runId,
      String target,
      String rate,
      int watchlists,
      long itemsPublished,
      double meanItemBytes,
      int partitions,
      long warmupItems,
      double warmupSeconds) {}

  /**
   * Items through one path: published, arrived at the end (for the pipeline: an item's alert from
   * the catch-all watchlist), and the other alerts that came with them.
   *
   * @param lost items published that never arrived
   * @param duplicated items or alerts that arrived more than once
   */
  public record Flow(
      long published,
      long arrived,
      long alerts,
      long lost,
      long duplicated,
      double seconds,
      double itemsPerSecond,
      double alertsPerSecond,
      double megabytesPerSecond,
      Latency latencyMs) {}

  /** Publish-to-arrival latency percentiles, in milliseconds. */
  public record Latency(
      long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Latency of(Histogram histogram) {
      return new Latency(
          histogram.getTotalCount(),
          ms(histogram.getValueAtPercentile(50)),
          ms(histogram.getValueAtPercentile(90)),
          ms(histogram.getValueAtPercentile(99)),
          ms(histogram.getValueAtPercentile(99.9)),
          ms(histogram.getMaxValue()),
          histogram.getTotalCount() == 0 ? 0 : Math.round(histogram.getMean() / 1e3) / 1e3);
    }

    private static double ms(long micros) {
      return Math.round(micros) / 1e3;
    }
  }

  /**
   * CPU and heap of the process the pipeline ran in, while items flowed; null against an external
   * cluster.
   *
   * @param cpuCores CPU time used per second of wall time (2.0: two cores busy)
   * @param heapUsedMaxMb the most heap holding live data (after collections) at a sample, taken
   *     every 100 ms
   */
  public record Resources(
      Double cpuCores, Double cpuShare, Double heapUsedMaxMb, Double heapLimitMb) {}

  /** A goal of the bench and whether this run met it. */
  public record Target(String name, String goal, String value, Boolean met) {}

  /** The report as the terminal shows it. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "sector-alerts bench %s: %s, %d watchlists (+1 catch-all), %d items of %.0f bytes on"
                + " average, %d partitions%n",
            run.runId(),
            run.rate(),
            run.watchlists(),
            run.itemsPublished(),
            run.meanItemBytes(),
            run.partitions()));
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %d cores, %s, %s%n",
            machine.cores(),
            machine.java(),
            machine.os()));
    if (startupSeconds != null) {
      out.append(String.format(Locale.ROOT, "embedded pipeline ready in %.1f s%n", startupSeconds));
    }
    if (run.warmupItems() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "warm-up: %d items through the pipeline in %.0f s before measuring%n",
              run.warmupItems(),
              run.warmupSeconds()));
    }
    out.append(String.format("%n%-22s %12s %12s%n", "", "raw Kafka", "pipeline"));
    row(out, "items published", baseline.published(), pipeline.published());
    row(out, "items arrived", baseline.arrived(), pipeline.arrived());
    row(out, "lost", baseline.lost(), pipeline.lost());
    row(out, "duplicated", baseline.duplicated(), pipeline.duplicated());
    row(out, "alerts", "-", Long.toString(pipeline.alerts()));
    row(out, "items/s", fmt(baseline.itemsPerSecond()), fmt(pipeline.itemsPerSecond()));
    row(out, "alerts/s", "-", fmt(pipeline.alertsPerSecond()));
    row(
        out,
        "MB/s (item bytes)",
        fmt(baseline.megabytesPerSecond()),
        fmt(pipeline.megabytesPerSecond()));
    Latency raw = baseline.latencyMs();
    Latency alerts = pipeline.latencyMs();
    out.append("latency, ms (publish to consume; pipeline: publish to alert)\n");
    row(out, "  p50", fmt(raw.p50()), fmt(alerts.p50()));
    row(out, "  p90", fmt(raw.p90()), fmt(alerts.p90()));
    row(out, "  p99", fmt(raw.p99()), fmt(alerts.p99()));
    row(out, "  p99.9", fmt(raw.p999()), fmt(alerts.p999()));
    row(out, "  max", fmt(raw.max()), fmt(alerts.max()));
    if (fractionOfBaseline != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%npipeline throughput: %.1f%% of raw Kafka on the same broker%n",
              fractionOfBaseline * 100));
    }
    if (resources.cpuCores() != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "pipeline process: %.2f cores busy on average (%.0f%% of the machine), live heap at"
                  + " most %.0f MB (limit %.0f MB)%n",
              resources.cpuCores(),
              resources.cpuShare() * 100,
              resources.heapUsedMaxMb(),
              resources.heapLimitMb()));
    } else {
      out.append("pipeline process: CPU and heap not measured (the services run elsewhere)\n");
    }
    out.append("\ntargets\n");
    for (Target target : targets) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-44s %-12s %-14s %s%n",
              target.name(),
              target.goal(),
              target.value(),
              target.met() == null ? "not measured" : target.met() ? "met" : "MISSED"));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, long raw, long pipeline) {
    row(out, name, Long.toString(raw), Long.toString(pipeline));
  }

  private static void row(StringBuilder out, String name, String raw, String pipeline) {
    out.append(String.format("%-22s %12s %12s%n", name, raw, pipeline));
  }

  private static String fmt(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
