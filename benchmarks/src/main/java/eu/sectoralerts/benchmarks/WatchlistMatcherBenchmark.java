package eu.sectoralerts.benchmarks;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.matcher.LinearScanMatcher;
import eu.sectoralerts.matcher.MatchResult;
import eu.sectoralerts.matcher.WatchlistIndex;
import eu.sectoralerts.workload.TaggedItemGenerator;
import eu.sectoralerts.workload.WatchlistGenerator;
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
 * <p>The watchlists mix ({@link WatchlistGenerator} has the details): 40% structured (one or two
 * sectors, a risk kind, a minimum level of MEDIUM or HIGH, mostly an item kind); 30% keyword
 * queries (a product with a place, a policy instrument, a sector or a general word like {@code
 * sanction*}; a supplier's name; a few products alone as a word, a phrase, a prefix or in the
 * title); 20% entities (one to three company or body names, a quarter of which no item names, often
 * with a sector, a minimum level or European firms only); 10% broad (a sector with a minimum level
 * of HIGH, very few a sector alone). A typical item matches a few tens of 100,000 watchlists, a
 * MEDIUM one about two hundred, a HIGH one about a thousand. Items come from {@link
 * TaggedItemGenerator}: 0.5 to 4 KB, about 1.7 KB on average.
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
