package eu.sectoralerts.benchmarks;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.workload.ItemGenerator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Items tagged per second on one thread, by the tagger compiled from the shipped taxonomy
 * (Aho-Corasick) and by the same tagger on {@link RegexTermFinder}, one regular expression per
 * keyword. Each call tags the next of {@link #ITEMS} generated items of about 1.5 KB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TaggerBenchmark {

  /** Distinct items cycled through, so no item stays hot in the caches. */
  static final int ITEMS = 1024;

  private List<NewsItem> items;
  private TaxonomyTagger compiled;
  private TaxonomyTagger naive;

  /** Which item a thread tags next. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    NewsItem next(List<NewsItem> items) {
      NewsItem item = items.get(next);
      next = (next + 1) % items.size();
      return item;
    }
  }

  @Setup(Level.Trial)
  public void compile() {
    Taxonomy taxonomy = Taxonomy.loadDefault();
    items = ItemGenerator.items(ITEMS, 42);
    compiled = TaxonomyTagger.compile(taxonomy, Clock.systemUTC());
    naive = TaxonomyTagger.compile(taxonomy, Clock.systemUTC(), RegexTermFinder::compile);
  }

  @Benchmark
  public TaggedItem compiledTagger(Cursor cursor) {
    return compiled.tag(cursor.next(items));
  }

  @Benchmark
  public TaggedItem naiveRegexTagger(Cursor cursor) {
    return naive.tag(cursor.next(items));
  }
}
