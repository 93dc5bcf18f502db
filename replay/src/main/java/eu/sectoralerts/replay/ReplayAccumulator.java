package eu.sectoralerts.replay;

import eu.sectoralerts.avro.Watchlist;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects what the workers of a replay produce, in any order, and turns it into the report's
 * {@link ReplayReport.Results}, sorted so the same items give the same results whatever order they
 * arrived in. An item id read twice counts once, at its earliest (partition, offset). Thread-safe.
 */
public final class ReplayAccumulator {

  /** How many changed items the report shows as examples. */
  public static final int EXAMPLES = 200;

  /** How many failures the report lists (all are counted). */
  public static final int MAX_FAILURES = 500;

  private static final Comparator<ItemOutcome.AlertChange> CHANGE_ORDER =
      Comparator.comparing(ItemOutcome.AlertChange::subscriberId)
          .thenComparing(ItemOutcome.AlertChange::watchlistId)
          .thenComparing(ItemOutcome.AlertChange::week)
          .thenComparing(ItemOutcome.AlertChange::itemId);

  private static final Comparator<ReplayReport.ItemFailure> FAILURE_ORDER =
      Comparator.comparingInt(ReplayReport.ItemFailure::partition)
          .thenComparingLong(ReplayReport.ItemFailure::offset);

  private final Map<String, ItemOutcome> outcomes = new HashMap<>();
  private final List<ReplayReport.ItemFailure> failures = new ArrayList<>();
  private long records;
  private long outsideRange;
  private long tombstones;
  private long duplicates;

  /** One record of the planned offsets was read. */
  public synchronized void recordRead() {
    records++;
  }

  /** A record whose timestamp is outside the range was skipped. */
  public synchronized void outsideRange() {
    outsideRange++;
  }

  /** A record without a value was skipped. */
  public synchronized void tombstone() {
    tombstones++;
  }

  /** A record could not be decoded or tagged. */
  public synchronized void failed(int partition, long offset, String itemId, String reason) {
    failures.add(new ReplayReport.ItemFailure(partition, offset, itemId, reason));
  }

  /** One item was replayed. */
  public synchronized void add(ItemOutcome outcome) {
    ItemOutcome earlier = outcomes.get(outcome.itemId());
    duplicates += earlier == null ? 0 : 1;
    if (earlier == null || isBefore(outcome, earlier)) {
      outcomes.put(outcome.itemId(), outcome);
    }
  }

  /** Records read so far. */
  public synchronized long records() {
    return records;
  }

  /** The results over everything added, for the given watchlists. */
  public synchronized ReplayReport.Results results(List<Watchlist> watchlists) {
    List<ItemOutcome> items = new ArrayList<>(outcomes.values());
    items.sort(Comparator.comparing(ItemOutcome::itemId));

    Map<String, long[]> perWatchlist = new TreeMap<>();
    for (Watchlist watchlist : watchlists) {
      perWatchlist.put(watchlist.getId(), new long[4]);
    }
    List<ItemOutcome.AlertChange> added = new ArrayList<>();
    List<ItemOutcome.AlertChange> removed = new ArrayList<>();
    Map<String, WeekCounts> weeks = new TreeMap<>();
    Map<String, long[]> sectorChanges = new TreeMap<>();
    Map<String, long[]> riskChanges = new TreeMap<>();
    List<ReplayReport.TagExample> examples = new ArrayList<>();
    TreeSet<String> matchFailures = new TreeSet<>();
    long liveAlerts = 0;
    long candidateAlerts = 0;
    long itemsChanged = 0;
    long levelChanged = 0;
    for (ItemOutcome item : items) {
      WeekCounts week = weeks.computeIfAbsent(item.week(), w -> new WeekCounts());
      week.items++;
      for (String id : item.liveWatchlists()) {
        counts(perWatchlist, id)[0]++;
        week.liveBySector.merge(item.live().primarySector(), 1L, Long::sum);
      }
      for (String id : item.candidateWatchlists()) {
        counts(perWatchlist, id)[1]++;
        week.candidateBySector.merge(item.candidate().primarySector(), 1L, Long::sum);
      }
      for (ItemOutcome.AlertChange change : item.added()) {
        counts(perWatchlist, change.watchlistId())[2]++;
        added.add(change);
      }
      for (ItemOutcome.AlertChange change : item.removed()) {
        counts(perWatchlist, change.watchlistId())[3]++;
        removed.add(change);
      }
      liveAlerts += item.liveWatchlists().size();
      candidateAlerts += item.candidateWatchlists().size();
      week.live += item.liveWatchlists().size();
      week.candidate += item.candidateWatchlists().size();
      week.added += item.added().size();
      week.removed += item.removed().size();
      boolean levelDiffers = !item.live().level().equals(item.candidate().level());
      if (!item.tagChanges().isEmpty() || levelDiffers) {
        itemsChanged++;
        if (examples.size() < EXAMPLES) {
          examples.add(
              new ReplayReport.TagExample(
                  item.itemId(),
                  item.title(),
                  item.week(),
                  item.live(),
                  item.candidate(),
                  item.tagChanges()));
        }
      }
      if (levelDiffers) {
        levelChanged++;
      }
      for (ItemOutcome.TagChange change : item.tagChanges()) {
        Map<String, long[]> byTag =
            change.dimension().equals("sector") ? sectorChanges : riskChanges;
        byTag
            .computeIfAbsent(change.tag(), t -> new long[2])[
            change.change().equals("gained") ? 0 : 1]++;
      }
      item.failures().forEach(f -> matchFailures.add(item.itemId() + ": " + f));
    }
    added.sort(CHANGE_ORDER);
    removed.sort(CHANGE_ORDER);

    Map<String, Watchlist> byId = new TreeMap<>();
    watchlists.forEach(w -> byId.put(w.getId(), w));
    Map<String, List<ReplayReport.WatchlistAlerts>> bySubscriber = new TreeMap<>();
    perWatchlist.forEach(
        (id, c) -> {
          Watchlist watchlist = byId.get(id);
          String subscriber = watchlist == null ? "(unknown)" : watchlist.getSubscriberId();
          String name = watchlist == null ? id : watchlist.getName();
          bySubscriber
              .computeIfAbsent(subscriber, s -> new ArrayList<>())
              .add(new ReplayReport.WatchlistAlerts(id, name, c[0], c[1], c[2], c[3]));
        });
    List<ReplayReport.SubscriberAlerts> subscribers = new ArrayList<>();
    bySubscriber.forEach(
        (subscriber, lists) ->
            subscribers.add(
                new ReplayReport.SubscriberAlerts(
                    subscriber,
                    lists.stream().mapToLong(ReplayReport.WatchlistAlerts::live).sum(),
                    lists.stream().mapToLong(ReplayReport.WatchlistAlerts::candidate).sum(),
                    lists.stream().mapToLong(ReplayReport.WatchlistAlerts::added).sum(),
                    lists.stream().mapToLong(ReplayReport.WatchlistAlerts::removed).sum(),
                    lists)));

    List<ReplayReport.Week> weekList = new ArrayList<>();
    weeks.forEach(
        (id, w) ->
            weekList.add(
                new ReplayReport.Week(
                    id,
                    w.items,
                    w.live,
                    w.candidate,
                    w.added,
                    w.removed,
                    new TreeMap<>(w.liveBySector),
                    new TreeMap<>(w.candidateBySector))));

    List<ReplayReport.ItemFailure> failureList = new ArrayList<>(failures);
    failureList.sort(FAILURE_ORDER);
    return new ReplayReport.Results(
        new ReplayReport.ItemCounts(
            records, items.size(), outsideRange, tombstones, duplicates, failures.size()),
        new ReplayReport.AlertCounts(
            liveAlerts, candidateAlerts, added.size(), removed.size(), liveAlerts - removed.size()),
        subscribers,
        added,
        removed,
        new ReplayReport.TagChanges(
            itemsChanged, levelChanged, tagCounts(sectorChanges), tagCounts(riskChanges), examples),
        weekList,
        failureList.subList(0, Math.min(MAX_FAILURES, failureList.size())),
        List.copyOf(matchFailures));
  }

  private static long[] counts(Map<String, long[]> perWatchlist, String id) {
    return perWatchlist.computeIfAbsent(id, i -> new long[4]);
  }

  private static List<ReplayReport.TagCount> tagCounts(Map<String, long[]> changes) {
    List<ReplayReport.TagCount> counts = new ArrayList<>();
    changes.forEach((tag, c) -> counts.add(new ReplayReport.TagCount(tag, c[0], c[1])));
    return counts;
  }

  private static boolean isBefore(ItemOutcome a, ItemOutcome b) {
    return a.partition() < b.partition()
        || (a.partition() == b.partition() && a.offset() < b.offset());
  }

  /** Counters of one week. */
  private static final class WeekCounts {
    long items;
    long live;
    long candidate;
    long added;
    long removed;
    final Map<String, Long> liveBySector = new TreeMap<>();
    final Map<String, Long> candidateBySector = new TreeMap<>();
  }
}
