package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The property the index rests on: for any watchlists and any item it gives exactly what checking
 * every watchlist gives (same matches, reasons and highlights), so its presearch never drops a
 * watchlist that matches. Random watchlists and items with a fixed seed.
 */
class AgreementTest {

  @Test
  void shouldGiveTheSameResultsAsTheLinearScanOnRandomWatchlistsAndItems() {
    List<Watchlist> watchlists = RandomFixtures.watchlists(3000, 20250601L, "wl-r");
    List<TaggedItem> items = RandomFixtures.items(300, 20250602L);
    LinearScanMatcher linear = LinearScanMatcher.of(watchlists);
    int matches = 0;
    int highlighted = 0;
    int candidates = 0;
    try (WatchlistIndex index = WatchlistIndex.create()) {
      index.putAll(watchlists);
      assertThat(index.invalid()).isEmpty();

      for (TaggedItem item : items) {
        MatchResult expected = linear.match(item);

        assertThat(index.match(item)).as(item.getItem().getId()).isEqualTo(expected);

        matches += expected.matches().size();
        highlighted +=
            (int)
                expected.matches().stream()
                    .flatMap(m -> m.reasons().stream())
                    .map(MatchReason::getHighlights)
                    .filter(h -> !h.isEmpty())
                    .count();
        candidates += index.candidateCount(item);
      }
    }
    // Not vacuous: many matches, many with highlights; and the presearch does filter (these
    // watchlists are broad: many have one criterion, some a fuzzy or two-letter prefix word).
    assertThat(matches).isGreaterThan(5_000);
    assertThat(highlighted).isGreaterThan(2_000);
    assertThat(candidates).isLessThan(items.size() * watchlists.size() / 2);
  }

  @Test
  void shouldGiveTheSameResultsAsTheLinearScanWhenCheckingKeywordWatchlistsDirectly() {
    List<Watchlist> watchlists = RandomFixtures.watchlists(600, 20250603L, "wl-d");
    List<TaggedItem> items = RandomFixtures.items(120, 20250604L);
    LinearScanMatcher linear = LinearScanMatcher.of(watchlists);
    int matches = 0;
    try (WatchlistIndex direct =
        WatchlistIndex.create(
            KeywordQueries::parse,
            WatchlistIndex.DEFAULT_PASSES,
            WatchlistIndex.DEFAULT_MIN_WEIGHT,
            Integer.MAX_VALUE)) {
      direct.putAll(watchlists);
      for (TaggedItem item : items) {
        MatchResult expected = linear.match(item);
        assertThat(direct.match(item)).as(item.getItem().getId()).isEqualTo(expected);
        matches += expected.matches().size();
      }
    }
    assertThat(matches).isGreaterThan(1_000);
  }

  @Test
  void shouldAgreeForEveryWatchlistPutOneByOne() {
    List<Watchlist> watchlists = RandomFixtures.watchlists(300, 7L, "wl-s");
    List<TaggedItem> items = RandomFixtures.items(60, 8L);
    LinearScanMatcher linear = LinearScanMatcher.of(watchlists);
    try (WatchlistIndex index = WatchlistIndex.create()) {
      for (Watchlist watchlist : watchlists) {
        index.put(watchlist);
      }
      for (TaggedItem item : items) {
        assertThat(index.match(item)).as(item.getItem().getId()).isEqualTo(linear.match(item));
      }
    }
  }
}
