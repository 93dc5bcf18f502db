package eu.sectoralerts.benchmarks;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.matcher.LinearScanMatcher;
import eu.sectoralerts.matcher.MatchResult;
import eu.sectoralerts.matcher.WatchlistIndex;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Items matched per second on one thread against {@link #watchlists} generated watchlists (100,000
 * by default) by {@link WatchlistIndex} ({@code indexedMatch}) and by {@link LinearScanMatcher}
 * ({@code linearScan}), each call matching the next of {@link #ITEMS} generated tagged items of 0.5
 * to 4 KB; and the time {@link WatchlistIndex#putAll} takes to load them all ({@code loadIndex},
 * single shot).
 *
 * <p>The watchlists mix, from {@link WatchlistGenerator}: 40% structured (one or two sectors, a
 * risk kind, a minimum level of MEDIUM or HIGH, often an item kind); 30% keyword queries (a product
 * as a word, phrase, prefix or in the title, or with a place, with alternatives and a policy
 * instrument, with a general word like {@code export} or {@code sanction*}, or with sectors); 20%
 * entities (one to three company or body names, half of which no item names, some with sectors, a
 * minimum level or European firms only); 10% broad (a sector with a minimum level of HIGH or an
 * item kind, a tenth of them a sector alone). An item matches a few tens to a few hundred of them.
 * Items come from {@link TaggedItemGenerator}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class WatchlistMatcherBenchmark {

  /** Distinct items cycled through. */
  static final int ITEMS = 500;

  static final long WATCHLIST_SEED = 2025;
  static final long ITEM_SEED = 11;

  /** The generated watchlists and items, shared by the benchmarks. */
  @State(Scope.Benchmark)
  public static class Data {

    @Param("100000")
    public int watchlists;

    List<Watchlist> generated;
    List<TaggedItem> items;

    @Setup(Level.Trial)
    public void generate() {
      generated = WatchlistGenerator.watchlists(watchlists, WATCHLIST_SEED);
      items = TaggedItemGenerator.items(ITEMS, ITEM_SEED);
    }
  }

  /** The watchlists in a {@link WatchlistIndex}. */
  @State(Scope.Benchmark)
  public static class Indexed {
    WatchlistIndex index;

    @Setup(Level.Trial)
    public void load(Data data) {
      index = WatchlistIndex.create();
      index.putAll(data.generated);
    }

    @TearDown(Level.Trial)
    public void close() {
      index.close();
    }
  }

  /** The watchlists in a {@link LinearScanMatcher}. */
  @State(Scope.Benchmark)
  public static class Linear {
    LinearScanMatcher matcher;

    @Setup(Level.Trial)
    public void load(Data data) {
      matcher = LinearScanMatcher.of(data.generated);
    }
  }

  /** An index loaded by {@code loadIndex}, closed after each iteration. */
  @State(Scope.Thread)
  public static class Loaded {
    WatchlistIndex index;

    @TearDown(Level.Iteration)
    public void close() {
      if (index != null) {
        index.close();
        index = null;
      }
    }
  }

  /** Which item a thread matches next. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    TaggedItem next(List<TaggedItem> items) {
      TaggedItem item = items.get(next);
      next = (next + 1) % items.size();
      return item;
    }
  }

  @Benchmark
  public MatchResult indexedMatch(Data data, Indexed indexed, Cursor cursor) {
    return indexed.index.match(cursor.next(data.items));
  }

  @Benchmark
  public MatchResult linearScan(Data data, Linear linear, Cursor cursor) {
    return linear.matcher.match(cursor.next(data.items));
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int loadIndex(Data data, Loaded loaded) {
    loaded.index = WatchlistIndex.create();
    loaded.index.putAll(data.generated);
    return loaded.index.size();
  }
}
