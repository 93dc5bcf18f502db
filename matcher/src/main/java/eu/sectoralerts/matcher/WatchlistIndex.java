package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99Codec;
import org.apache.lucene.codecs.memory.DirectPostingsFormat;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryDecomposer;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches an item against many watchlists at once. Watchlists with a keyword query go into Lucene's
 * {@link Monitor} (in memory; it is rebuilt from the watchlists topic at start): each is registered
 * as one query requiring all of its criteria over keyword fields of the item (sector, risk,
 * acceptable levels, kind, normalised entity, European-firm flag, and the tags combined) and its
 * keyword query over title and body; the monitor's presearcher indexes that query under the terms
 * an item must have for it to match, so an item is only checked against the few watchlists it can
 * match ({@link MonitorSchema}, {@link MultipassPresearcher}). Watchlists without a keyword query,
 * most of them, are filed under hash keys of their most selective criterion instead ({@link
 * StructuredRoutes}): finding them costs a few dozen map lookups per item, where the monitor would
 * spend a presearch and two index lookups on each. Every candidate is then checked as {@link
 * LinearScanMatcher} checks every watchlist (criteria in Java first, then the keyword query, with
 * highlights only for those that match), so both give the same results, reasons and highlights.
 *
 * <p>A watchlist that cannot be matched (an unparsable query, an entity without letters or digits,
 * absurdly many or long values) is kept out: {@link #put} returns the problem, {@link #invalid()}
 * lists it, and an older valid version with the same id is removed. A watchlist whose query fails
 * while matching an item is a {@link WatchlistFailure} of that item's result and the others still
 * match; unlike the linear scan, which runs every query, the index only runs (and so only reports)
 * it for the items the presearcher selects it for.
 *
 * <p>Thread-safety: {@link #put}, {@link #putAll} and {@link #remove} may be called from any thread
 * (they take turns) while any number of threads call {@link #match}. A put or remove of a watchlist
 * with a keyword query reaches the monitor with the next match, which first registers (and deletes)
 * in one commit whatever waits, under the update lock; otherwise a match takes no lock. (A
 * watchlists topic read record by record would else cost a commit per record, each rebuilding the
 * monitor's term filter: minutes for a large topic.) This rests on the monitor's guarantees (Lucene
 * 9.11 source, {@code WritableQueryIndex}): updates commit under a lock of their own and refresh
 * the searcher before they return, so a match started after a put or remove returned sees it; a
 * match searches one searcher snapshot acquired from a {@code SearcherManager} and the query cache
 * map current then, with an in-memory index of the item of its own; a background thread purges
 * removed queries from the cache every five minutes under a read-write lock. The routes are arrays
 * replaced on update, read without a lock. A candidate is checked in its current version (a
 * replaced version is marked retired and the id looked up), so a match running during an update
 * reports a watchlist as it was or as it is (or, only while its keyword query is being added or
 * dropped, moving it between the monitor and the routes, not at all), and always one whose criteria
 * the item satisfies; a removed watchlist is no longer reported once {@code remove} returns.
 *
 * <p>Close it: the monitor's purge thread is not a daemon and would keep the JVM running.
 */
public final class WatchlistIndex implements WatchlistMatcher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WatchlistIndex.class);

  /** Passes of the presearcher: enough for the three or four criteria most watchlists give. */
  static final int DEFAULT_PASSES = 4;

  /**
   * Later passes only use clauses weighing more than this: not the single tag fields and the
   * European flag, nor combined tags as common as a kind or a low level.
   */
  static final double DEFAULT_MIN_WEIGHT = 1.0;

  /**
   * Watchlists with a keyword query that are checked one by one rather than through the monitor: a
   * handful (a small deployment, a replay of a few watchlists) cost less checked directly, and most
   * items fail their other criteria before their text would need indexing.
   */
  static final int DEFAULT_DIRECT_LIMIT = 32;

  /** Registrations per monitor commit in {@link #putAll}: each commit refreshes its searcher. */
  static final int COMMIT_BATCH = 50_000;

  private static final Comparator<WatchlistMatch> BY_ID =
      Comparator.comparing(match -> match.watchlist().getId());

  private static final Comparator<WatchlistFailure> FAILURES_BY_ID =
      Comparator.comparing(WatchlistFailure::watchlistId);

  private final Monitor monitor;

  /** Up to this many watchlists with a keyword query are checked directly, not presearched. */
  private final int directLimit;

  private final Function<String, Query> parser;

  /** The leaf queries of every watchlist's keywords, one instance each. */
  private final KeywordSearch.Leaves leaves = new KeywordSearch.Leaves();

  /** By watchlist id: what is indexed. */
  private final Map<String, CompiledWatchlist> watchlists = new ConcurrentHashMap<>();

  /** By monitor id: what candidates are checked against. */
  private final Map<String, CompiledWatchlist> byMonitorId = new ConcurrentHashMap<>();

  private final Map<String, String> invalid = new ConcurrentHashMap<>();

  /** The watchlists without a keyword query: never in the monitor. */
  private final StructuredRoutes structured = new StructuredRoutes();

  /** Guards every update, and the fields below. */
  private final Object updates = new Object();

  /** Queries to register with the next flush, by monitor id. */
  private final Map<String, MonitorQuery> pendingRegistrations = new LinkedHashMap<>();

  /** Monitor ids to delete with the next flush. */
  private final Set<String> pendingDeletions = new HashSet<>();

  /** Whether a flush has something to do: read without the lock by every match. */
  private volatile boolean pendingUpdates;

  /**
   * The monitor's id of each watchlist id: a short counter, because the monitor reads the id of
   * every candidate from compressed doc values, and short ids make that several times cheaper.
   */
  private final Map<String, String> monitorIds = new HashMap<>();

  private long nextMonitorId;

  private WatchlistIndex(Monitor monitor, Function<String, Query> parser, int directLimit) {
    this.monitor = monitor;
    this.directLimit = directLimit;
    this.parser = parser;
  }

  /** An empty index. */
  public static WatchlistIndex create() {
    return create(KeywordQueries::parse, DEFAULT_PASSES, DEFAULT_MIN_WEIGHT);
  }

  /** An empty index parsing keyword queries with {@code parser}. */
  static WatchlistIndex create(Function<String, Query> parser) {
    return create(parser, DEFAULT_PASSES, DEFAULT_MIN_WEIGHT);
  }

  /**
   * An empty index parsing keyword queries with {@code parser}, presearching in {@code passes},
   * later passes using clauses weighing more than {@code minWeight}.
   */
  static WatchlistIndex create(Function<String, Query> parser, int passes, double minWeight) {
    return create(parser, passes, minWeight, DEFAULT_DIRECT_LIMIT);
  }

  /** As {@link #create(Function, int, double)}, checking up to {@code directLimit} directly. */
  static WatchlistIndex create(
      Function<String, Query> parser, int passes, double minWeight, int directLimit) {
    MonitorConfiguration config =
        new FewSegments()
            // In memory, no serializer: nothing is persisted. Each file one byte array: the
            // default many-buffer files make every postings list opened during presearch slice
            // and copy a list of buffers, which was most of the time spent matching an item.
            .setDirectoryProvider(
                () ->
                    new ByteBuffersDirectory(
                        new SingleInstanceLockFactory(),
                        ByteBuffersDataOutput::new,
                        ByteBuffersDirectory.OUTPUT_AS_BYTE_ARRAY),
                null)
            .setQueryUpdateBufferSize(COMMIT_BATCH)
            .setQueryDecomposer(new WholeQueries());
    try {
      return new WatchlistIndex(
          new Monitor(
              MonitorSchema.analyzer(), MonitorSchema.presearcher(passes, minWeight), config),
          Objects.requireNonNull(parser, "parser"),
          directLimit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the in-memory monitor", e);
    }
  }

  /**
   * Adds {@code watchlist}, or replaces the one with its id.
   *
   * @return the problem when the watchlist cannot be matched: it is then kept out of the index, and
   *     the version it replaces removed; the monitor's own refusal to register a query, not
   *     expected of a parsed one, comes with the next match and is then listed by {@link
   *     #invalid()}
   */
  public Optional<String> put(Watchlist watchlist) {
    Objects.requireNonNull(watchlist, "watchlist");
    String id = watchlist.getId();
    synchronized (updates) {
      CompiledWatchlist current = watchlists.get(id);
      if (current != null && current.watchlist.equals(watchlist)) {
        return Optional.empty();
      }
      CompiledWatchlist compiled;
      try {
        compiled = CompiledWatchlist.compile(watchlist, parser, leaves);
      } catch (InvalidWatchlistException e) {
        reject(id, e.getMessage());
        return Optional.of(e.getMessage());
      }
      invalid.remove(id);
      if (compiled.keywords() == null) {
        // Filed under its new routes before it leaves the monitor: always findable.
        structured.put(compiled);
        makeCurrent(compiled);
        String monitorId = monitorIds.remove(id);
        if (monitorId != null) {
          byMonitorId.remove(monitorId);
          deleteFromMonitor(monitorId);
        }
        return Optional.empty();
      }
      MonitorQuery query;
      try {
        query = index(compiled);
      } catch (RuntimeException e) {
        String problem = "cannot be indexed: " + e.getMessage();
        reject(id, problem);
        return Optional.of(problem);
      }
      // Registered with the next match (or once many are waiting): a watchlist topic read record
      // by record would otherwise cost one monitor commit, which rebuilds its term filter, each.
      pendingRegistrations.put(query.getId(), query);
      pendingUpdates = true;
      structured.remove(id);
      if (pendingRegistrations.size() >= COMMIT_BATCH) {
        flushPending();
      }
      return Optional.empty();
    }
  }

  /**
   * Adds or replaces every watchlist of {@code batch} (of several with one id the last counts) as
   * {@link #put} does, registering them with the monitor in large commits: loading a whole topic
   * takes seconds, not the minutes of one commit per watchlist. Problems are in {@link #invalid()}.
   */
  public void putAll(Collection<Watchlist> batch) {
    Map<String, Watchlist> last = new LinkedHashMap<>();
    for (Watchlist watchlist : batch) {
      last.put(Objects.requireNonNull(watchlist, "watchlist").getId(), watchlist);
    }
    synchronized (updates) {
      flushPending();
      List<MonitorQuery> queries = new ArrayList<>(last.size());
      List<CompiledWatchlist> routed = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      for (Watchlist watchlist : last.values()) {
        String id = watchlist.getId();
        CompiledWatchlist current = watchlists.get(id);
        if (current != null && current.watchlist.equals(watchlist)) {
          continue;
        }
        try {
          CompiledWatchlist compiled = CompiledWatchlist.compile(watchlist, parser, leaves);
          invalid.remove(id);
          if (compiled.keywords() == null) {
            routed.add(compiled);
          } else {
            queries.add(index(compiled));
          }
        } catch (InvalidWatchlistException e) {
          invalid.put(id, e.getMessage());
          String monitorId = forget(id);
          if (monitorId != null) {
            dropped.add(monitorId);
          }
        }
      }
      structured.putAll(routed);
      for (CompiledWatchlist compiled : routed) {
        makeCurrent(compiled);
        String monitorId = monitorIds.remove(compiled.id());
        if (monitorId != null) {
          byMonitorId.remove(monitorId);
          dropped.add(monitorId);
        }
      }
      // One commit for the whole batch, through the same flush as single puts.
      dropped.forEach(this::deleteFromMonitor);
      queries.forEach(query -> pendingRegistrations.put(query.getId(), query));
      pendingUpdates = true;
      flushPending();
      for (MonitorQuery query : queries) {
        CompiledWatchlist registered = byMonitorId.get(query.getId());
        if (registered != null) {
          structured.remove(registered.id());
        }
      }
      LOG.info(
          "Indexed {} watchlists ({} in all, {} invalid)",
          queries.size() + routed.size(),
          watchlists.size(),
          last.keySet().stream().filter(invalid::containsKey).count());
    }
  }

  /** Removes the watchlist {@code id}, valid or not; nothing when there is none. */
  public void remove(String id) {
    Objects.requireNonNull(id, "id");
    synchronized (updates) {
      invalid.remove(id);
      String monitorId = forget(id);
      if (monitorId != null) {
        deleteFromMonitor(monitorId);
      }
    }
  }

  /** The number of watchlists matched against items (the invalid ones not counted). */
  public int size() {
    return watchlists.size();
  }

  /** The watchlists kept out, id to problem: a snapshot. */
  public Map<String, String> invalid() {
    return Map.copyOf(invalid);
  }

  @Override
  public MatchResult match(TaggedItem item) {
    flushIfPending();
    ItemFacts facts = ItemFacts.of(item);
    List<WatchlistFailure> failures = new ArrayList<>();
    List<WatchlistMatch> matches = new ArrayList<>(64);
    if (byMonitorId.size() <= directLimit) {
      matchDirectly(facts, matches, failures);
    } else {
      MatchingQueries<Hit> found;
      try {
        found =
            monitor.match(
                MonitorSchema.document(facts),
                searcher -> new Candidates(searcher, facts, failures));
      } catch (IOException e) {
        throw new UncheckedIOException("matching item " + item.getItem().getId() + " failed", e);
      }
      for (Hit hit : found.getMatches()) {
        matches.add(hit.match);
      }
      // Errors the candidate matcher did not catch itself (none expected).
      found
          .getErrors()
          .forEach(
              (monitorId, error) -> {
                CompiledWatchlist watchlist = byMonitorId.get(monitorId);
                if (watchlist != null) {
                  failures.add(watchlist.failure(error));
                }
              });
    }
    structured.candidates(
        facts,
        candidate -> {
          // The current version; one given a keyword query meanwhile is the monitor's to find.
          CompiledWatchlist current =
              candidate.retired() ? watchlists.get(candidate.id()) : candidate;
          if (current == null || current.keywords() != null) {
            return;
          }
          try {
            List<MatchReason> reasons = current.reasons(facts, null);
            if (reasons != null) {
              matches.add(new WatchlistMatch(current.watchlist, reasons));
            }
          } catch (IOException | RuntimeException e) {
            failures.add(current.failure(e));
          }
        });
    failures.sort(FAILURES_BY_ID);
    return new MatchResult(byIdOnce(matches), failures);
  }

  /**
   * The first eight characters of {@code s}, a byte each, in one long compared unsigned: a key
   * below another's means the string sorts before the other ({@link String#compareTo}); equal keys
   * tell nothing. A character that does not fit a byte is written as 0xFF and ends the key (the
   * bytes after it are zero), so two such characters compare equal and the strings are then
   * compared whole; a shorter string's missing characters are zero, as a prefix sorts first.
   */
  static long orderKey(String s) {
    long key = 0;
    int used = 0;
    for (int n = Math.min(Long.BYTES, s.length()); used < n; ) {
      char c = s.charAt(used++);
      if (c >= 0xFF) {
        key = key << 8 | 0xFF;
        break;
      }
      key = key << 8 | c;
    }
    return used == Long.BYTES ? key : key << 8 * (Long.BYTES - used);
  }

  /**
   * The matches sorted by watchlist id, each watchlist once: one filed under several of the item's
   * routes (two of its sectors, say) is found once per route, and one changing between the monitor
   * and the routes may be found by both.
   *
   * <p>Sorted as plain longs: each match's {@link #orderKey} with its low bits replaced by the
   * match's position, so that the array sorts without a comparator; matches whose keys then tie
   * (their ids share the characters left in the key) are sorted by id among themselves. At 100,000
   * watchlists items match about two hundred, and sorting them with a comparator of keys and ids
   * was 4% of matching (14 µs for 210 matches; 8 µs this way).
   */
  static List<WatchlistMatch> byIdOnce(List<WatchlistMatch> matches) {
    int n = matches.size();
    int positionBits = Integer.SIZE - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
    long positionMask = (1L << positionBits) - 1;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      long key = orderKey(matches.get(i).watchlist().getId()) & ~positionMask;
      // Flipping the top bit makes the signed sort order keys as unsigned.
      order[i] = (key ^ Long.MIN_VALUE) | i;
    }
    Arrays.sort(order);
    List<WatchlistMatch> sorted = new ArrayList<>(n);
    for (int from = 0; from < n; ) {
      int to = from + 1;
      while (to < n && (order[to] & ~positionMask) == (order[from] & ~positionMask)) {
        to++;
      }
      if (to - from == 1) {
        addOnce(sorted, matches.get((int) (order[from] & positionMask)));
      } else {
        List<WatchlistMatch> tied = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          tied.add(matches.get((int) (order[i] & positionMask)));
        }
        tied.sort(BY_ID);
        tied.forEach(match -> addOnce(sorted, match));
      }
      from = to;
    }
    return sorted;
  }

  /** Adds {@code match} to {@code sorted} unless it ends with a match of the same watchlist. */
  private static void addOnce(List<WatchlistMatch> sorted, WatchlistMatch match) {
    if (sorted.isEmpty()
        || !sorted.get(sorted.size() - 1).watchlist().getId().equals(match.watchlist().getId())) {
      sorted.add(match);
    }
  }

  /**
   * Checks every watchlist with a keyword query one by one, as the linear scan does: their other
   * criteria first, so that the item's text is only indexed once one of them gets as far as its
   * keywords. Cheaper than the monitor's indexing and presearch of every item while they are few.
   */
  private void matchDirectly(
      ItemFacts facts, List<WatchlistMatch> matches, List<WatchlistFailure> failures) {
    LinearScanMatcher.checkEach(byMonitorId.values(), facts, matches, failures);
  }

  /** Closes the monitor; the index cannot be used afterwards. */
  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the monitor", e);
    }
  }

  /**
   * Diagnostics: how many watchlists matching checks for {@code item}: those its routes and the
   * presearcher select (or, while they are few, every watchlist with a keyword query); the others
   * are never looked at.
   */
  public int candidateCount(TaggedItem item) {
    flushIfPending();
    ItemFacts facts = ItemFacts.of(item);
    Set<String> selected = new HashSet<>();
    if (byMonitorId.size() <= directLimit) {
      selected.addAll(byMonitorId.keySet());
    } else {
      presearch(facts, selected);
    }
    structured.candidates(facts, candidate -> selected.add("routed:" + candidate.id()));
    return selected.size();
  }

  private void presearch(ItemFacts facts, Set<String> selected) {
    try {
      monitor.match(
          MonitorSchema.document(facts),
          searcher ->
              new CandidateMatcher<QueryMatch>(searcher) {
                @Override
                protected void matchQuery(String id, Query query, Map<String, String> metadata) {
                  selected.add(id);
                }

                @Override
                public QueryMatch resolve(QueryMatch first, QueryMatch second) {
                  return first;
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code watchlist} current, to be registered as the returned query. */
  private MonitorQuery index(CompiledWatchlist watchlist) {
    String monitorId =
        monitorIds.computeIfAbsent(watchlist.id(), id -> Long.toString(nextMonitorId++, 36));
    // Current before registered: a candidate found meanwhile is checked as it is now.
    makeCurrent(watchlist);
    byMonitorId.put(monitorId, watchlist);
    return new MonitorQuery(monitorId, MonitorSchema.query(watchlist), null, Map.of());
  }

  /** Makes {@code watchlist} the version of its id that matches, retiring the one before. */
  private void makeCurrent(CompiledWatchlist watchlist) {
    CompiledWatchlist previous = watchlists.put(watchlist.id(), watchlist);
    if (previous != null && previous != watchlist) {
      previous.retire();
    }
  }

  /** Drops watchlist {@code id} from the maps; its monitor id, or null when it was not indexed. */
  private String forget(String id) {
    String monitorId = monitorIds.remove(id);
    CompiledWatchlist previous = watchlists.remove(id);
    if (previous != null) {
      previous.retire();
    }
    structured.remove(id);
    if (monitorId != null) {
      byMonitorId.remove(monitorId);
    }
    return monitorId;
  }

  private void reject(String id, String problem) {
    invalid.put(id, problem);
    String monitorId = forget(id);
    if (monitorId != null) {
      deleteFromMonitor(monitorId);
    }
  }

  /** Removes a query from the monitor with the next flush (and from the waiting ones at once). */
  private void deleteFromMonitor(String monitorId) {
    pendingRegistrations.remove(monitorId);
    pendingDeletions.add(monitorId);
    pendingUpdates = true;
  }

  /** Makes the monitor current: deletes, then registers, what waits, in one commit each. */
  private void flushPending() {
    if (!pendingUpdates) {
      return;
    }
    try {
      if (!pendingDeletions.isEmpty()) {
        monitor.deleteById(new ArrayList<>(pendingDeletions));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove watchlists from the monitor", e);
    }
    pendingDeletions.clear();
    List<MonitorQuery> queries = new ArrayList<>(pendingRegistrations.values());
    pendingRegistrations.clear();
    pendingUpdates = false;
    if (queries.isEmpty()) {
      return;
    }
    try {
      monitor.register(queries);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Registration of {} watchlists failed ({}); registering one by one",
          queries.size(),
          e.getMessage());
      for (MonitorQuery query : queries) {
        try {
          monitor.register(query);
        } catch (IOException | RuntimeException single) {
          CompiledWatchlist watchlist = byMonitorId.get(query.getId());
          if (watchlist != null) {
            String problem = "cannot be indexed: " + single.getMessage();
            LOG.warn("Watchlist {} {}", watchlist.id(), problem);
            invalid.put(watchlist.id(), problem);
            forget(watchlist.id());
          }
        }
      }
    }
  }

  /** Flushes what waits, when something does; matching calls it first. */
  private void flushIfPending() {
    if (pendingUpdates) {
      synchronized (updates) {
        flushPending();
      }
    }
  }

  /**
   * The monitor's own index in few segments: presearching an item looks its terms up in every
   * segment; loading 100,000 watchlists in commits of 50,000 leaves two, and matching was about a
   * fifth faster than with the four of commits of 25,000 (one segment was no faster than two). The
   * RAM buffer only caps a commit's memory, so that 50,000 watchlists flush as one segment. Merges
   * run in the updating thread, so a load or an update returns with them done and visible to the
   * next match; matching never waits for them.
   *
   * <p>Watchlists that arrive one by one (the topic read live) are committed in small batches, each
   * a segment of its own. The default merge policy lets ten or more of them pile up, and matching
   * 10,000 watchlists loaded in ten commits ran at half the speed of one segment. Here every
   * segment counts as the same size (the index is tens of megabytes, the floor a gigabyte) and more
   * than two are merged: the same load matched 40% faster than with the default policy (4,342
   * against 3,055 items per CPU-second; 1,361 against 1,157 at 100,000 watchlists).
   */
  private static final class FewSegments extends MonitorConfiguration {
    @Override
    protected IndexWriterConfig getIndexWriterConfig() {
      return super.getIndexWriterConfig()
          .setCodec(new DirectPostings())
          .setMergeScheduler(new SerialMergeScheduler())
          .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(2).setFloorSegmentMB(1024))
          .setRAMBufferSizeMB(256);
    }
  }

  /**
   * The monitor's index with its terms and postings held as plain arrays ({@link
   * DirectPostingsFormat}): presearching an item seeks each of its terms and reads the postings of
   * the ones watchlists use, which the default compressed format spent a large share of the
   * matching time decoding. The whole index is a few tens of megabytes at 100,000 watchlists.
   */
  private static final class DirectPostings extends Lucene99Codec {
    // Written under the default codec's name, which reads each field's format by its own name.
    private final PostingsFormat postings = new DirectPostingsFormat();

    @Override
    public PostingsFormat getPostingsFormatForField(String field) {
      return postings;
    }
  }

  /**
   * Registers each watchlist as one query. The default decomposer splits a top-level disjunction
   * into several: each then costs the monitor an id lookup per item it is selected for, and the
   * presearcher's passes filter a disjunction just as well whole.
   */
  private static final class WholeQueries extends QueryDecomposer {
    @Override
    public Set<Query> decompose(Query query) {
      return Set.of(query);
    }
  }

  /** A matched watchlist, as the monitor collects it. */
  private static final class Hit extends QueryMatch {
    final WatchlistMatch match;

    Hit(String id, WatchlistMatch match) {
      super(id);
      this.match = match;
    }
  }

  /**
   * Checks the watchlists the presearcher selected for one item: their criteria first, then their
   * keyword query, highlighting only those that match.
   */
  private final class Candidates extends CandidateMatcher<Hit> {

    private final ItemFacts item;
    private final KeywordSearch search;
    private final List<WatchlistFailure> failures;

    Candidates(IndexSearcher searcher, ItemFacts item, List<WatchlistFailure> failures) {
      super(searcher);
      this.item = item;
      this.search = new KeywordSearch(searcher, item);
      this.failures = failures;
    }

    @Override
    protected void matchQuery(String monitorId, Query query, Map<String, String> metadata) {
      // The current version, even when the searcher still holds the previous one.
      CompiledWatchlist watchlist = byMonitorId.get(monitorId);
      if (watchlist == null) {
        return;
      }
      try {
        List<MatchReason> reasons = watchlist.reasons(item, search);
        if (reasons != null) {
          addMatch(new Hit(monitorId, new WatchlistMatch(watchlist.watchlist, reasons)), 0);
        }
      } catch (IOException | RuntimeException e) {
        failures.add(watchlist.failure(e));
      }
    }

    @Override
    public Hit resolve(Hit first, Hit second) {
      return first;
    }
  }
}
