package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetPlanTest {

  @Test
  void shouldReadFromTheFirstRecordAtTheStartToTheEndCapturedAtStart() {
    List<PartitionRange> plan =
        OffsetPlan.plan(Map.of(0, 10L, 1, 4L), zeros(2), Map.of(0, 40L, 1, 12L));

    assertThat(plan).containsExactly(new PartitionRange(0, 10, 40), new PartitionRange(1, 4, 12));
    assertThat(OffsetPlan.offsets(plan)).isEqualTo(38);
  }

  @Test
  void shouldReadNothingOfAPartitionWithoutARecordAsLateAsTheRangeStart() {
    List<PartitionRange> plan = OffsetPlan.plan(nulls(0), zeros(1), Map.of(0, 40L));

    assertThat(plan).containsExactly(new PartitionRange(0, 40, 40));
    assertThat(plan.get(0).isEmpty()).isTrue();
  }

  @Test
  void shouldNeverReadPastTheEndCapturedAtStart() {
    // Records were appended between capturing the end and looking up the timestamps.
    List<PartitionRange> plan = OffsetPlan.plan(Map.of(0, 45L), zeros(1), Map.of(0, 40L));

    assertThat(plan).containsExactly(new PartitionRange(0, 40, 40));
  }

  @Test
  void shouldStartAtTheLogStartWhenOlderRecordsWereDeleted() {
    List<PartitionRange> plan = OffsetPlan.plan(Map.of(0, 3L), Map.of(0, 8L), Map.of(0, 40L));

    assertThat(plan).containsExactly(new PartitionRange(0, 8, 40));
  }

  @Test
  void shouldOrderPartitionsAndCoverEveryPartitionOfTheTopic() {
    Map<Integer, Long> end = new HashMap<>();
    for (int p = 5; p >= 0; p--) {
      end.put(p, 10L);
    }
    List<PartitionRange> plan = OffsetPlan.plan(Map.of(3, 2L), zeros(6), end);

    assertThat(plan).extracting(PartitionRange::partition).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(plan.get(3)).isEqualTo(new PartitionRange(3, 2, 10));
    assertThat(plan).filteredOn(r -> r.partition() != 3).allMatch(PartitionRange::isEmpty);
  }

  @Test
  void shouldEstimateTheWorkUpToTheFirstOffsetAtTheRangeEnd() {
    List<PartitionRange> plan =
        List.of(
            new PartitionRange(0, 10, 40),
            new PartitionRange(1, 4, 12),
            new PartitionRange(2, 7, 7));
    Map<Integer, Long> to = new HashMap<>();
    to.put(0, 25L);
    to.put(1, null);
    to.put(2, 30L);

    // 15 of partition 0, all 8 of partition 1 (no record that late), none of the empty one.
    assertThat(OffsetPlan.estimate(plan, to)).isEqualTo(23);
  }

  @Test
  void shouldRefuseARangeEndingBeforeItStarts() {
    assertThatThrownBy(() -> new PartitionRange(0, 5, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[5, 4)");
  }

  private static Map<Integer, Long> zeros(int partitions) {
    Map<Integer, Long> map = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      map.put(p, 0L);
    }
    return map;
  }

  private static Map<Integer, Long> nulls(int partition) {
    Map<Integer, Long> map = new HashMap<>();
    map.put(partition, null);
    return map;
  }
}
