package eu.sectoralerts.app;

import eu.sectoralerts.app.bench.BenchException;
import eu.sectoralerts.app.bench.BenchProgress;
import eu.sectoralerts.app.bench.BenchReport;
import eu.sectoralerts.app.bench.BenchSettings;
import eu.sectoralerts.app.bench.PipelineBench;
import eu.sectoralerts.app.bench.ResourceProbe;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.common.PipelineTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts bench}: measures the whole pipeline from publish to alert beside raw Kafka
 * on the same broker ({@link PipelineBench}). Without {@code --bootstrap-servers} it starts a
 * pipeline of its own in this process (embedded broker and registry, free ports, a temporary data
 * directory), so it can also report that pipeline's start time, CPU and heap; with it, it loads the
 * pipeline already running on that cluster.
 */
@Command(
    name = "bench",
    description =
        "Measure the whole pipeline's throughput and publish-to-alert latency against raw Kafka"
            + " on the same broker.")
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      description =
          "Load the pipeline running on this Kafka cluster (with --schema-registry-url) instead of"
              + " starting one in this process.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "The schema registry of that cluster.")
  String registryUrl;

  @Option(
      names = "--rate",
      defaultValue = "max",
      description = "Items per second to publish, or 'max' (default: ${DEFAULT-VALUE}).")
  String rate;

  @Option(
      names = "--items",
      defaultValue = "20000",
      description = "Items to publish (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(
      names = "--duration",
      description =
          "Publish for this long instead (60s, 5m or PT1M), at --rate or as fast as it goes.")
  String duration;

  @Option(
      names = "--warmup",
      defaultValue = "30s",
      description =
          "Pass items through the pipeline for this long before measuring, at --rate or with a few"
              + " hundred in flight; 0s for none (default: ${DEFAULT-VALUE}).")
  String warmup;

  @Option(
      names = "--watchlists",
      defaultValue = "10000",
      description = "Generated watchlists to register (default: ${DEFAULT-VALUE}).")
  int watchlists;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--seed",
      defaultValue = "2025",
      description = "Seed of the generated items and watchlists (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--run-id",
      description = "Names the run's items and watchlists (default: the time).")
  String runId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("json")) {
      err.println("--format must be 'text' or 'json', not '" + format + "'");
      return 2;
    }
    if ((bootstrapServers == null) != (registryUrl == null)) {
      err.println("--bootstrap-servers and --schema-registry-url go together");
      return 2;
    }
    BenchSettings settings;
    try {
      settings =
          new BenchSettings(
              bootstrapServers == null ? "embedded" : bootstrapServers,
              registryUrl == null ? "embedded" : registryUrl,
              PipelineTopics.defaults(),
              parseRate(rate),
              items,
              Optional.ofNullable(duration).map(BenchCommand::parseDuration),
              parseDuration("--warmup", warmup),
              watchlists,
              seed,
              runId != null
                  ? runId
                  : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    BarProgress progress = new BarProgress(err, System.console() != null);
    try {
      BenchReport report =
          bootstrapServers == null
              ? embedded(settings, progress, err)
              : PipelineBench.run(settings, progress, ResourceProbe.NONE, null);
      progress.finish();
      if (format.equals("json")) {
        out.println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } else {
        out.print(report.toText());
      }
      out.flush();
      return 0;
    } catch (BenchException e) {
      progress.finish();
      err.println("bench: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BenchReport embedded(BenchSettings settings, BenchProgress progress, PrintWriter err)
      throws IOException {
    Path dataDir = Files.createTempDirectory("sector-alerts-bench-");
    try {
      PipelineSettings pipelineSettings =
          new PipelineSettings(
              dataDir, Optional.empty(), Optional.empty(), "localhost", 0, 0, 0, 0, 0, Map.of());
      long start = System.nanoTime();
      try (Pipeline pipeline =
          Pipeline.start(pipelineSettings, step -> progress.update("starting", 0, -1, step))) {
        double startup = (System.nanoTime() - start) / 1e9;
        BenchSettings onPipeline =
            new BenchSettings(
                pipeline.bootstrapServers(),
                pipeline.registryUrl(),
                settings.topics(),
                settings.rate(),
                settings.items(),
                settings.duration(),
                settings.warmup(),
                settings.watchlists(),
                settings.seed(),
                settings.runId());
        return PipelineBench.run(onPipeline, progress, ResourceProbe.thisJvm(), startup);
      }
    } finally {
      deleteQuietly(dataDir, err);
    }
  }

  private static OptionalDouble parseRate(String rate) {
    if (rate.equalsIgnoreCase("max")) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(rate));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--rate must be items per second (e.g. 1000) or 'max', not '" + rate + "'");
    }
  }

  static Duration parseDuration(String text) {
    return parseDuration("--duration", text);
  }

  static Duration parseDuration(String option, String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, Math.max(0, value.length() - 1)));
      switch (value.charAt(value.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException(
        option + " must be like 90s, 5m, 1h or PT1M30S, not '" + text + "'");
  }

  private static void deleteQuietly(Path dir, PrintWriter err) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      err.println("bench: could not delete " + dir + ": " + e.getMessage());
    }
  }

  /**
   * The bench's progress on the error stream: one bar redrawn in place on a terminal, otherwise a
   * line every few seconds and at each new phase.
   */
  static final class BarProgress implements BenchProgress {
    private static final int BAR = 24;
    private final PrintWriter err;
    private final boolean terminal;
    private String phase = "";
    private long lastLine;
    private boolean drawn;

    BarProgress(PrintWriter err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public synchronized void update(String phase, long done, long total, String detail) {
      boolean newPhase = !phase.equals(this.phase);
      this.phase = phase;
      String bar =
          total > 0
              ? "["
                  + "#".repeat((int) (BAR * Math.min(done, total) / total))
                  + "-".repeat(BAR - (int) (BAR * Math.min(done, total) / total))
                  + "] "
                  + done
                  + "/"
                  + total
              : "";
      String line = String.format("%-10s %s %s", phase, bar, detail);
      if (terminal) {
        if (newPhase && drawn) {
          err.println();
        }
        err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : line) + "   ");
        drawn = true;
      } else {
        long now = System.nanoTime();
        if (!newPhase && now - lastLine < 3_000_000_000L) {
          return;
        }
        lastLine = now;
        err.println("bench: " + line.strip());
      }
      err.flush();
    }

    synchronized void finish() {
      if (terminal && drawn) {
        err.println();
        err.flush();
      }
    }
  }
}
