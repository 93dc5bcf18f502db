package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.lucene.search.Query;

/**
 * The baseline matcher: checks every watchlist, one after the other. The structured criteria are
 * checked in Java; a keyword query runs, only when the other criteria hold, against an in-memory
 * Lucene index of the item built once per item. Gives the same {@link MatchResult}s as {@link
 * WatchlistIndex}, which is what it is for: the reference in tests and the yardstick in benchmarks.
 * Immutable and thread-safe.
 */
public final class LinearScanMatcher implements WatchlistMatcher {

  private final List<CompiledWatchlist> watchlists;
  private final Map<String, String> invalid;

  private LinearScanMatcher(List<CompiledWatchlist> watchlists, Map<String, String> invalid) {
    this.watchlists = List.copyOf(watchlists);
    this.invalid = Map.copyOf(invalid);
  }

  /**
   * A matcher of {@code watchlists}; of several with one id the last counts. Invalid watchlists are
   * left out and listed by {@link #invalid()}.
   */
  public static LinearScanMatcher of(Collection<Watchlist> watchlists) {
    return of(watchlists, KeywordQueries::parse);
  }

  /** As {@link #of(Collection)}, with the keyword queries parsed by {@code parser}. */
  static LinearScanMatcher of(Collection<Watchlist> watchlists, Function<String, Query> parser) {
    Map<String, CompiledWatchlist> byId = new TreeMap<>();
    Map<String, String> invalid = new TreeMap<>();
    KeywordSearch.Leaves leaves = new KeywordSearch.Leaves();
    for (Watchlist watchlist : watchlists) {
      try {
        byId.put(watchlist.getId(), CompiledWatchlist.compile(watchlist, parser, leaves));
        invalid.remove(watchlist.getId());
      } catch (InvalidWatchlistException e) {
        byId.remove(watchlist.getId());
        invalid.put(watchlist.getId(), e.getMessage());
      }
    }
    return new LinearScanMatcher(new ArrayList<>(byId.values()), invalid);
  }

  /** The number of watchlists checked. */
  public int size() {
    return watchlists.size();
  }

  /** The watchlists left out, id to problem. */
  public Map<String, String> invalid() {
    return invalid;
  }

  @Override
  public MatchResult match(TaggedItem item) {
    ItemFacts facts = ItemFacts.of(item);
    List<WatchlistMatch> matches = new ArrayList<>();
    List<WatchlistFailure> failures = new ArrayList<>();
    checkEach(watchlists, facts, matches, failures);
    return new MatchResult(matches, failures);
  }

  /**
   * Checks {@code item} against each of {@code watchlists} in turn, adding to {@code matches} and
   * {@code failures}; the item's text is indexed once, and only if a watchlist needs it.
   */
  static void checkEach(
      Iterable<CompiledWatchlist> watchlists,
      ItemFacts item,
      List<WatchlistMatch> matches,
      List<WatchlistFailure> failures) {
    KeywordSearch search = KeywordSearch.index(item);
    for (CompiledWatchlist watchlist : watchlists) {
      try {
        List<MatchReason> reasons = watchlist.reasons(item, search);
        if (reasons != null) {
          matches.add(new WatchlistMatch(watchlist.watchlist, reasons));
        }
      } catch (IOException | RuntimeException e) {
        failures.add(watchlist.failure(e));
      }
    }
  }
}
