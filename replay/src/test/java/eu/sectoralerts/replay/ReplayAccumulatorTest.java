package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayAccumulatorTest {

  private static final ItemOutcome.Tags TRANSPORT =
      new ItemOutcome.Tags(List.of("transport-logistics"), List.of(), "NONE", 0);
  private static final ItemOutcome.Tags RAIL =
      new ItemOutcome.Tags(List.of("rail", "transport-logistics"), List.of(), "NONE", 0);
  private static final ItemOutcome.Tags BATTERIES =
      new ItemOutcome.Tags(List.of("batteries"), List.of("competition"), "LOW", 30);
  private static final ItemOutcome.TagChange RAIL_GAINED =
      new ItemOutcome.TagChange(
          "sector", "rail", "gained", List.of("rail.hyperloop"), List.of("hyperloop"));

  @Test
  void shouldGiveTheSameResultsWhateverOrderTheItemsArriveIn() {
    List<ItemOutcome> outcomes = outcomes();
    ReplayReport.Results inOrder = accumulate(outcomes);
    for (long seed = 1; seed <= 5; seed++) {
      List<ItemOutcome> shuffled = new ArrayList<>(outcomes);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(accumulate(shuffled)).isEqualTo(inOrder);
    }
  }

  @Test
  void shouldCountAlertsPerSubscriberAndWatchlistForBothSides() {
    ReplayReport.Results results = accumulate(outcomes());

    assertThat(results.alerts()).isEqualTo(new ReplayReport.AlertCounts(3, 5, 2, 0, 3));
    assertThat(results.subscribers())
        .containsExactly(
            new ReplayReport.SubscriberAlerts(
                Fixtures.BATTERY_WATCHER,
                3,
                3,
                0,
                0,
                List.of(
                    new ReplayReport.WatchlistAlerts("wl-batteries", "Battery makers", 1, 1, 0, 0),
                    new ReplayReport.WatchlistAlerts(
                        "wl-hyperloop-words", "Hyperloop mentions", 2, 2, 0, 0))),
            new ReplayReport.SubscriberAlerts(
                Fixtures.RAIL_WATCHER,
                0,
                2,
                2,
                0,
                List.of(new ReplayReport.WatchlistAlerts("wl-rail", "Rail projects", 0, 2, 2, 0))));
    assertThat(results.added())
        .extracting(ItemOutcome.AlertChange::itemId)
        .containsExactly("itm-h1", "itm-h2");
  }

  @Test
  void shouldCountTagChangesAndWeeks() {
    ReplayReport.Results results = accumulate(outcomes());

    assertThat(results.tagChanges().itemsChanged()).isEqualTo(2);
    assertThat(results.tagChanges().sectors())
        .containsExactly(new ReplayReport.TagCount("rail", 2, 0));
    assertThat(results.tagChanges().risks()).isEmpty();
    assertThat(results.weeks())
        .extracting(ReplayReport.Week::week, ReplayReport.Week::items, ReplayReport.Week::added)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2025-W02", 2L, 1L),
            org.assertj.core.groups.Tuple.tuple("2025-W20", 1L, 1L));
    assertThat(results.weeks().get(0).candidateBySector())
        .isEqualTo(Map.of("rail", 2L, "batteries", 1L));
    assertThat(results.weeks().get(0).liveBySector())
        .isEqualTo(Map.of("transport-logistics", 1L, "batteries", 1L));
  }

  @Test
  void shouldCountAnItemReadTwiceOnceAtItsEarliestOffset() {
    ReplayAccumulator accumulator = new ReplayAccumulator();
    ItemOutcome later =
        outcome("itm-b1", 0, 9, "2025-W02", BATTERIES, BATTERIES, List.of(), List.of());
    ItemOutcome earlier =
        outcome("itm-b1", 0, 2, "2025-W03", BATTERIES, BATTERIES, List.of(), List.of());
    accumulator.add(later);
    accumulator.add(earlier);

    ReplayReport.Results results = accumulator.results(Fixtures.watchlists());
    assertThat(results.items().replayed()).isEqualTo(1);
    assertThat(results.items().duplicates()).isEqualTo(1);
    assertThat(results.weeks()).extracting(ReplayReport.Week::week).containsExactly("2025-W03");
  }

  @Test
  void shouldListFailuresInOffsetOrder() {
    ReplayAccumulator accumulator = new ReplayAccumulator();
    accumulator.failed(1, 7, null, "cannot be decoded: not in wire format");
    accumulator.failed(0, 12, "itm-x", "cannot be tagged or matched: boom");

    ReplayReport.Results results = accumulator.results(List.of());
    assertThat(results.items().failed()).isEqualTo(2);
    assertThat(results.failures())
        .extracting(ReplayReport.ItemFailure::partition, ReplayReport.ItemFailure::offset)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 12L),
            org.assertj.core.groups.Tuple.tuple(1, 7L));
  }

  private static ReplayReport.Results accumulate(List<ItemOutcome> outcomes) {
    ReplayAccumulator accumulator = new ReplayAccumulator();
    outcomes.forEach(accumulator::add);
    return accumulator.results(Fixtures.watchlists());
  }

  private static List<ItemOutcome> outcomes() {
    return List.of(
        outcome(
            "itm-h1",
            0,
            1,
            "2025-W02",
            TRANSPORT,
            RAIL,
            List.of("wl-hyperloop-words"),
            List.of("wl-hyperloop-words", "wl-rail")),
        outcome(
            "itm-b1",
            1,
            0,
            "2025-W02",
            BATTERIES,
            BATTERIES,
            List.of("wl-batteries"),
            List.of("wl-batteries")),
        outcome(
            "itm-h2",
            2,
            5,
            "2025-W20",
            TRANSPORT,
            RAIL,
            List.of("wl-hyperloop-words"),
            List.of("wl-hyperloop-words", "wl-rail")));
  }

  private static ItemOutcome outcome(
      String id,
      int partition,
      long offset,
      String week,
      ItemOutcome.Tags live,
      ItemOutcome.Tags candidate,
      List<String> liveWatchlists,
      List<String> candidateWatchlists) {
    List<ItemOutcome.TagChange> changes = live.equals(candidate) ? List.of() : List.of(RAIL_GAINED);
    List<ItemOutcome.AlertChange> added = new ArrayList<>();
    for (String watchlist : candidateWatchlists) {
      if (!liveWatchlists.contains(watchlist)) {
        added.add(
            new ItemOutcome.AlertChange(
                "alr-" + id + watchlist,
                id,
                "Title of " + id,
                week,
                LocalDate.of(2025, 1, 8),
                Fixtures.RAIL_WATCHER,
                watchlist,
                "Rail projects",
                candidate.sectors(),
                candidate.risks(),
                candidate.level(),
                List.of(new ItemOutcome.Reason("sectors", List.of("rail"), List.of())),
                changes));
      }
    }
    return new ItemOutcome(
        id,
        partition,
        offset,
        0L,
        week,
        null,
        "CORPORATE",
        "Title of " + id,
        live,
        candidate,
        changes,
        liveWatchlists,
        candidateWatchlists,
        added,
        List.of(),
        List.of());
  }
}
