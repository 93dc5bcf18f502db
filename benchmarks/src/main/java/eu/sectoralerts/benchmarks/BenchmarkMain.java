package eu.sectoralerts.benchmarks;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar}: runs {@link TaggerBenchmark} in a short
 * configuration (one fork, 3 x 2 s warm-up and 5 x 2 s measurement per tagger, about a minute in
 * all), then prints items per second of both taggers, their ratio and whether the targets hold (at
 * least 20,000 items/s on one thread, at least 10 times the naive tagger). Exit status 1 when a
 * target is missed.
 */
public final class BenchmarkMain {

  static final double TARGET_ITEMS_PER_SECOND = 20_000;
  static final double TARGET_RATIO = 10;

  private BenchmarkMain() {}

  public static void main(String[] args) throws RunnerException {
    // A command-line tool: its report goes to the terminal, after JMH's own output.
    PrintStream out = System.out;
    Options options =
        new OptionsBuilder()
            .include(TaggerBenchmark.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .threads(1)
            .jvmArgsAppend("-Xmx512m")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double compiled = itemsPerSecond(results, "compiledTagger");
    double naive = itemsPerSecond(results, "naiveRegexTagger");
    double ratio = compiled / naive;
    boolean fast = compiled >= TARGET_ITEMS_PER_SECOND;
    boolean faster = ratio >= TARGET_RATIO;
    out.println();
    out.println("Tagging items of about 1.5 KB on one thread");
    out.printf(
        Locale.ROOT,
        "  compiled tagger (Aho-Corasick):   %,12.0f items/s   target >= %,.0f: %s%n",
        compiled,
        TARGET_ITEMS_PER_SECOND,
        fast ? "met" : "MISSED");
    out.printf(Locale.ROOT, "  naive tagger (regex per keyword): %,12.0f items/s%n", naive);
    out.printf(
        Locale.ROOT,
        "  ratio:                            %12.1fx         target >= %.0fx: %s%n",
        ratio,
        TARGET_RATIO,
        faster ? "met" : "MISSED");
    if (!fast || !faster) {
      System.exit(1);
    }
  }

  private static double itemsPerSecond(Collection<RunResult> results, String benchmark) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + benchmark))
        .getPrimaryResult()
        .getScore();
  }
}
