package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.alert.AlertIds;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.matcher.WatchlistIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemReplayerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final long TIMESTAMP = Instant.parse("2025-10-08T09:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private WatchlistIndex index;
  private TaxonomyTagger live;
  private TaxonomyTagger candidate;

  @BeforeEach
  void setUp() throws Exception {
    index = WatchlistIndex.create();
    index.putAll(Fixtures.watchlists());
    live = TaxonomyTagger.load(Optional.empty(), CLOCK);
    candidate = TaxonomyTagger.load(Optional.of(Fixtures.candidateTaxonomy(dir)), CLOCK);
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  @Test
  void shouldReportTheAlertTheNewRuleAddsWithItsReasonsAndTheRuleThatFired() {
    ItemOutcome outcome =
        new ItemReplayer(live, candidate, index)
            .replay(Fixtures.hyperloop("itm-h1", LocalDate.of(2025, 10, 7)), 0, 3, TIMESTAMP);

    assertThat(outcome.live().sectors()).doesNotContain("rail");
    assertThat(outcome.candidate().sectors()).contains("rail");
    assertThat(outcome.liveWatchlists()).containsExactly("wl-hyperloop-words");
    assertThat(outcome.candidateWatchlists()).containsExactly("wl-hyperloop-words", "wl-rail");
    assertThat(outcome.removed()).isEmpty();
    assertThat(outcome.added()).hasSize(1);
    ItemOutcome.AlertChange added = outcome.added().get(0);
    assertThat(added.alertId()).isEqualTo(AlertIds.alertId("itm-h1", "wl-rail"));
    assertThat(added.subscriberId()).isEqualTo(Fixtures.RAIL_WATCHER);
    assertThat(added.week()).isEqualTo("2025-W41");
    assertThat(added.reasons())
        .containsExactly(new ItemOutcome.Reason("sectors", List.of("rail"), List.of()));
    assertThat(added.tagChanges())
        .filteredOn(t -> t.tag().equals("rail"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.change()).isEqualTo("gained");
              assertThat(t.rules()).containsExactly(Fixtures.NEW_RULE);
              assertThat(t.words())
                  .isNotEmpty()
                  .allMatch(w -> w.toLowerCase().contains("hyperloop"));
            });
  }

  @Test
  void shouldReportAnAlertTheCandidateLosesAsRemoved() {
    // Swapped: the "candidate" is the shipped taxonomy, so the rail alert disappears.
    ItemOutcome outcome =
        new ItemReplayer(candidate, live, index)
            .replay(Fixtures.hyperloop("itm-h1", null), 0, 3, TIMESTAMP);

    assertThat(outcome.added()).isEmpty();
    assertThat(outcome.removed())
        .extracting(ItemOutcome.AlertChange::watchlistId, ItemOutcome.AlertChange::subscriberId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("wl-rail", Fixtures.RAIL_WATCHER));
    // No event date: the record timestamp's week.
    assertThat(outcome.week()).isEqualTo("2025-W41");
  }

  @Test
  void shouldChangeNothingForItemsTheNewRuleDoesNotTouch() {
    ItemOutcome outcome =
        new ItemReplayer(live, candidate, index)
            .replay(Fixtures.battery("itm-b1", LocalDate.of(2025, 11, 3)), 1, 0, TIMESTAMP);

    assertThat(outcome.liveWatchlists()).containsExactly("wl-batteries");
    assertThat(outcome.candidateWatchlists()).containsExactly("wl-batteries");
    assertThat(outcome.added()).isEmpty();
    assertThat(outcome.removed()).isEmpty();
    assertThat(outcome.tagChanges()).isEmpty();
  }

  @Test
  void shouldUseTheLiveTaggingForBothSidesWhenThereIsNoCandidate() {
    ItemOutcome outcome =
        new ItemReplayer(live, null, index)
            .replay(Fixtures.hyperloop("itm-h1", null), 0, 0, TIMESTAMP);

    assertThat(outcome.candidate()).isEqualTo(outcome.live());
    assertThat(outcome.candidateWatchlists()).isEqualTo(outcome.liveWatchlists());
    assertThat(outcome.added()).isEmpty();
    assertThat(outcome.removed()).isEmpty();
  }

  @Test
  void shouldNumberWeeksTheIsoWay() {
    // 2021-01-03 is a Sunday that belongs to the last ISO week of 2020.
    assertThat(ItemReplayer.week(LocalDate.of(2021, 1, 3), 0)).isEqualTo("2020-W53");
    assertThat(ItemReplayer.week(LocalDate.of(2024, 12, 30), 0)).isEqualTo("2025-W01");
    assertThat(ItemReplayer.week(null, Instant.parse("2025-03-03T23:59:59Z").toEpochMilli()))
        .isEqualTo("2025-W10");
  }
}
