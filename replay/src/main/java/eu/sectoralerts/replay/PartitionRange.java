package eu.sectoralerts.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The offsets [{@code start}, {@code end}) of one partition of the items topic that a replay reads.
 * Transaction markers occupy offsets too, so {@link #offsets()} bounds the number of records.
 */
public record PartitionRange(int partition, long start, long end) {

  public PartitionRange {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must not be negative: " + partition);
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "partition " + partition + ": bad offsets [" + start + ", " + end + ")");
    }
  }

  /** How many offsets the range spans. */
  @JsonIgnore
  public long offsets() {
    return end - start;
  }

  /** Whether there is nothing to read. */
  @JsonIgnore
  public boolean isEmpty() {
    return end == start;
  }
}
