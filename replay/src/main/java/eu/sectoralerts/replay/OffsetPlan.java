package eu.sectoralerts.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Where reading each partition starts and at most ends, from what the broker answered when the
 * replay started: the first offset whose timestamp is at or after {@code from} ({@code
 * offsetsForTimes}; absent when no record is that late) and the log's beginning and end. Reading
 * never goes past that captured end, so records appended while the replay runs are never read.
 *
 * <p>The end of the range itself is found while reading ({@link RangeReader}): a partition ends at
 * its first record whose timestamp is at or after {@code to}. {@code offsetsForTimes} cannot give
 * it, because transaction markers carry the time of their commit: a backfill committed today would
 * end every partition at its first marker. Offsets for {@code to} only serve to {@link #estimate}
 * the work, for progress and ETA.
 */
public final class OffsetPlan {

  private OffsetPlan() {}

  /**
   * The offsets to read, one range per partition, ordered by partition: from the first offset at or
   * after {@code from} (or the captured end, when there is none) to the captured end.
   *
   * @param fromOffsets per partition, the first offset whose timestamp is at or after {@code from}
   *     (a null value: no such record)
   * @param beginning per partition, the log start offset
   * @param end per partition, the end offset captured at start (for read_committed consumers, the
   *     last stable offset)
   */
  public static List<PartitionRange> plan(
      Map<Integer, Long> fromOffsets, Map<Integer, Long> beginning, Map<Integer, Long> end) {
    Objects.requireNonNull(fromOffsets, "fromOffsets");
    Objects.requireNonNull(beginning, "beginning");
    List<PartitionRange> ranges = new ArrayList<>();
    for (int partition : new TreeSet<>(end.keySet())) {
      long last = end.get(partition);
      long first = Math.min(beginning.getOrDefault(partition, 0L), last);
      Long from = fromOffsets.get(partition);
      long start = from == null ? last : clamp(from, first, last);
      ranges.add(new PartitionRange(partition, start, last));
    }
    return List.copyOf(ranges);
  }

  /**
   * About how many offsets reading {@code plan} up to {@code toOffsets} (per partition the first
   * offset at or after {@code to}; null: none) takes: exact when no transaction marker is later
   * than {@code to}, otherwise too low.
   */
  public static long estimate(List<PartitionRange> plan, Map<Integer, Long> toOffsets) {
    long offsets = 0;
    for (PartitionRange range : plan) {
      Long to = toOffsets.get(range.partition());
      long end = to == null ? range.end() : clamp(to, range.start(), range.end());
      offsets += end - range.start();
    }
    return offsets;
  }

  /** The offsets all ranges span. */
  public static long offsets(List<PartitionRange> ranges) {
    return ranges.stream().mapToLong(PartitionRange::offsets).sum();
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
