package eu.sectoralerts.benchmarks;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.matcher.WatchlistIndex;
import eu.sectoralerts.workload.TaggedItemGenerator;
import eu.sectoralerts.workload.WatchlistGenerator;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar [tagger|matcher [count]|all]}: runs the
 * benchmarks in a short configuration and prints their figures against the targets, exit status 1
 * when a target is missed.
 *
 * <ul>
 *   <li>{@code tagger} (the default): {@link TaggerBenchmark}, one fork, 3 x 2 s warm-up and 5 x 2
 *       s measurement per tagger (about a minute): items per second of both taggers and their ratio
 *       (targets: at least 20,000 items/s on one thread, at least 10 times the naive tagger).
 *   <li>{@code matcher}: {@link WatchlistMatcherBenchmark} against {@code count} watchlists
 *       (100,000 by default), one fork, 4 x 5 s warm-up and 3 x 5 s measurement per matcher and 7
 *       loads of the index (about three minutes): items per second of the index and the linear
 *       scan, their ratio (targets: at least 5,000 items/s on one thread, at least 50 times the
 *       linear scan), the time to load the index, and matches and candidates per item.
 *   <li>{@code all}: both.
 * </ul>
 */
public final class BenchmarkMain {

  static final double TARGET_ITEMS_PER_SECOND = 20_000;
  static final double TARGET_RATIO = 10;

  static final double MATCHER_TARGET_ITEMS_PER_SECOND = 5_000;
  static final double MATCHER_TARGET_RATIO = 50;
  static final int DEFAULT_WATCHLISTS = 100_000;

  private BenchmarkMain() {}

  public static void main(String[] args) throws RunnerException {
    // A command-line tool: its report goes to the terminal, after JMH's own output.
    PrintStream out = System.out;
    String what = args.length > 0 ? args[0] : "tagger";
    boolean met;
    switch (what) {
      case "tagger" -> met = tagger(out);
      case "matcher" -> met = matcher(out, watchlists(args));
      case "all" -> {
        boolean tagger = tagger(out);
        met = matcher(out, watchlists(args)) && tagger;
      }
      default -> {
        System.err.println("usage: benchmarks.jar [tagger|matcher [watchlists]|all [watchlists]]");
        System.exit(2);
        return;
      }
    }
    if (!met) {
      System.exit(1);
    }
  }

  private static int watchlists(String[] args) {
    return args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_WATCHLISTS;
  }

  private static boolean tagger(PrintStream out) throws RunnerException {
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
    double compiled = score(results, "compiledTagger");
    double naive = score(results, "naiveRegexTagger");
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
    return fast && faster;
  }

  private static boolean matcher(PrintStream out, int watchlists) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(WatchlistMatcherBenchmark.class.getName())
            .param("watchlists", Integer.toString(watchlists))
            .forks(1)
            // The index runs a lot of Lucene code: two iterations of 5 s left it half compiled.
            .warmupIterations(4)
            .warmupTime(TimeValue.seconds(5))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(5))
            .threads(1)
            .jvmArgsAppend("-Xmx3g")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double indexed = score(results, "indexedMatch");
    double linear = score(results, "linearScan");
    double loadMillis = score(results, "loadIndex");
    double ratio = indexed / linear;
    boolean fast = indexed >= MATCHER_TARGET_ITEMS_PER_SECOND;
    boolean faster = ratio >= MATCHER_TARGET_RATIO;
    PerItem perItem = perItem(watchlists);
    out.println();
    out.printf(
        Locale.ROOT,
        "Matching items of 0.5 to 4 KB against %,d watchlists on one thread%n",
        watchlists);
    out.printf(
        Locale.ROOT,
        "  indexed (Lucene monitor):  %,12.0f items/s   target >= %,.0f: %s%n",
        indexed,
        MATCHER_TARGET_ITEMS_PER_SECOND,
        fast ? "met" : "MISSED");
    out.printf(Locale.ROOT, "  linear scan:               %,12.1f items/s%n", linear);
    out.printf(
        Locale.ROOT,
        "  ratio:                     %12.1fx         target >= %.0fx: %s%n",
        ratio,
        MATCHER_TARGET_RATIO,
        faster ? "met" : "MISSED");
    out.printf(
        Locale.ROOT,
        "  loading the index:         %,12.1f s (putAll of all watchlists)%n",
        loadMillis / 1000);
    out.printf(
        Locale.ROOT,
        "  per item: %s matches, %s watchlists checked after presearch%n",
        perItem.matches(),
        perItem.candidates());
    return fast && faster;
  }

  private static double score(Collection<RunResult> results, String benchmark) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + benchmark))
        .getPrimaryResult()
        .getScore();
  }

  /** Matches and candidates per item over the benchmark's items, as "median m (p90 n, max x)". */
  private static PerItem perItem(int count) {
    List<Watchlist> watchlists =
        WatchlistGenerator.watchlists(count, WatchlistMatcherBenchmark.WATCHLIST_SEED);
    List<TaggedItem> items =
        TaggedItemGenerator.items(
            WatchlistMatcherBenchmark.ITEMS, WatchlistMatcherBenchmark.ITEM_SEED);
    int[] matches = new int[items.size()];
    int[] candidates = new int[items.size()];
    try (WatchlistIndex index = WatchlistIndex.create()) {
      index.putAll(watchlists);
      for (int i = 0; i < items.size(); i++) {
        matches[i] = index.match(items.get(i)).matches().size();
        candidates[i] = index.candidateCount(items.get(i));
      }
    }
    return new PerItem(distribution(matches), distribution(candidates));
  }

  private static String distribution(int[] values) {
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "median %,d (mean %,.0f, p90 %,d, max %,d)",
        sorted[sorted.length / 2],
        Arrays.stream(sorted).average().orElse(0),
        sorted[sorted.length * 9 / 10],
        sorted[sorted.length - 1]);
  }

  private record PerItem(String matches, String candidates) {}
}
