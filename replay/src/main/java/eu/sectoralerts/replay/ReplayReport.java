package eu.sectoralerts.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report of one replay, written as {@code report.json} (this record, as JSON) and {@code
 * report.html}. Everything but {@link #execution} follows from the inputs alone: the same items,
 * taxonomies and watchlists give an equal {@code complete}, {@code runId}, {@code inputs} and
 * {@code results}, whatever the wall clock or the number of threads; timings live in {@code
 * execution} only, so two runs compare by dropping that one section.
 *
 * @param complete false when the replay was stopped (Ctrl-C) before reading the whole range: the
 *     results then cover only the items read
 */
public record ReplayReport(
    boolean complete, String runId, Inputs inputs, Results results, Execution execution) {

  public ReplayReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(execution, "execution");
  }

  /** What was replayed. */
  public record Inputs(
      String itemsTopic,
      Instant from,
      Instant to,
      List<PartitionRange> partitions,
      TaxonomyRef liveTaxonomy,
      TaxonomyRef candidateTaxonomy,
      WatchlistsRef watchlists) {}

  /** A taxonomy by source, version and digest of its text. */
  public record TaxonomyRef(String source, String version, String sha256) {
    static TaxonomyRef of(TaxonomyInput input) {
      return new TaxonomyRef(input.source(), input.version(), input.sha256());
    }
  }

  /**
   * The watchlists matched against.
   *
   * @param invalid watchlists the matcher refused (id to problem), left out of the replay
   * @param problems records of the watchlists topic that could not be read
   */
  public record WatchlistsRef(
      String source,
      String sha256,
      int count,
      int subscribers,
      Map<String, String> invalid,
      List<String> problems) {}

  /** The outcome, deterministic. */
  public record Results(
      ItemCounts items,
      AlertCounts alerts,
      List<SubscriberAlerts> subscribers,
      List<ItemOutcome.AlertChange> added,
      List<ItemOutcome.AlertChange> removed,
      TagChanges tagChanges,
      List<Week> weeks,
      List<ItemFailure> failures,
      List<String> matchFailures) {}

  /**
   * The records of the planned offsets: how many were read, and what became of them.
   *
   * @param records records read in the planned offsets (transaction markers are not records)
   * @param replayed items tagged and matched
   * @param outsideRange records in the offsets whose timestamp lies outside the range, skipped
   * @param tombstones records without a value, skipped
   * @param duplicates records of an item id read before (the earliest offset counts)
   * @param failed records that could not be decoded or tagged, listed in {@code failures}
   */
  public record ItemCounts(
      long records,
      long replayed,
      long outsideRange,
      long tombstones,
      long duplicates,
      long failed) {}

  /** Alerts raised over the whole range; {@code unchanged} are raised by both. */
  public record AlertCounts(long live, long candidate, long added, long removed, long unchanged) {}

  /** One subscriber's alerts, in total and per watchlist. */
  public record SubscriberAlerts(
      String subscriberId,
      long live,
      long candidate,
      long added,
      long removed,
      List<WatchlistAlerts> watchlists) {}

  /** One watchlist's alerts. */
  public record WatchlistAlerts(
      String watchlistId, String name, long live, long candidate, long added, long removed) {}

  /**
   * How tags changed: items whose sectors, risks or level differ, and per sector and risk id the
   * items that gained or lost it.
   *
   * @param examples the first changed items by item id (at most {@link ReplayAccumulator#EXAMPLES})
   */
  public record TagChanges(
      long itemsChanged,
      long levelChanged,
      List<TagCount> sectors,
      List<TagCount> risks,
      List<TagExample> examples) {}

  /** Items that gained or lost one tag. */
  public record TagCount(String id, long gained, long lost) {}

  /** One item whose tags changed. */
  public record TagExample(
      String itemId,
      String title,
      String week,
      ItemOutcome.Tags live,
      ItemOutcome.Tags candidate,
      List<ItemOutcome.TagChange> changes) {}

  /** One ISO week: items and alerts, and the alerts of each side by the item's primary sector. */
  public record Week(
      String week,
      long items,
      long liveAlerts,
      long candidateAlerts,
      long added,
      long removed,
      Map<String, Long> liveBySector,
      Map<String, Long> candidateBySector) {}

  /** A record that could not be replayed. */
  public record ItemFailure(int partition, long offset, String itemId, String reason) {}

  /**
   * How the run went: not part of the comparable result.
   *
   * @param replay the replay's reading rate: every record of the planned offsets, from assigning
   *     the consumer to the last item's outcome
   * @param baseline the same offsets read by a plain byte-array consumer in the same run, when
   *     measured
   * @param ratio replay rate over baseline rate (the target is at least {@code target})
   */
  public record Execution(
      Instant startedAt,
      Instant finishedAt,
      int threads,
      int watchlistsIndexedMs,
      Rate replay,
      Rate baseline,
      Double ratio,
      double target,
      Boolean targetMet) {}

  /** Records read in a time, and the rate. */
  public record Rate(long records, long bytes, double seconds, double recordsPerSecond) {
    static Rate of(long records, long bytes, long nanos) {
      double seconds = nanos / 1e9;
      return new Rate(records, bytes, seconds, seconds <= 0 ? 0 : records / seconds);
    }
  }
}
