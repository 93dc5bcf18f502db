package eu.sectoralerts.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.matcher.KeywordQueries;
import eu.sectoralerts.matcher.LinearScanMatcher;
import eu.sectoralerts.matcher.WatchlistIndex;
import eu.sectoralerts.workload.TaggedItemGenerator;
import eu.sectoralerts.workload.WatchlistGenerator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The matcher benchmark compares like with like: on its generated watchlists and items the index
 * and the linear scan give the same results, the watchlists are all valid and mixed as documented,
 * and the items are of the sizes the targets speak of.
 */
class MatcherAgreementTest {

  @Test
  void shouldGiveTheSameResultsWithTheIndexAndTheLinearScan() {
    List<Watchlist> watchlists = WatchlistGenerator.watchlists(10_000, 3);
    List<TaggedItem> items = TaggedItemGenerator.items(60, 4);
    LinearScanMatcher linear = LinearScanMatcher.of(watchlists);
    int matched = 0;
    try (WatchlistIndex index = WatchlistIndex.create()) {
      index.putAll(watchlists);

      assertThat(index.invalid()).isEmpty();
      for (TaggedItem item : items) {
        var expected = linear.match(item);
        assertThat(index.match(item)).as(item.getItem().getId()).isEqualTo(expected);
        matched += expected.matches().size();
      }
    }
    assertThat(matched).isGreaterThan(items.size());
  }

  @Test
  void shouldGenerateValidWatchlistsInTheDocumentedMix() {
    List<Watchlist> watchlists = WatchlistGenerator.watchlists(20_000, 5);

    long withQuery = watchlists.stream().filter(w -> w.getQuery() != null).count();
    long withEntities = watchlists.stream().filter(w -> !w.getEntities().isEmpty()).count();
    long structured = watchlists.stream().filter(w -> !w.getRisks().isEmpty()).count();
    assertThat(withQuery).isBetween(5_600L, 6_400L);
    assertThat(withEntities).isBetween(3_600L, 4_400L);
    assertThat(structured).isBetween(7_600L, 8_400L);
    assertThat(watchlists)
        .allSatisfy(
            w ->
                assertThat(w.getQuery() == null ? null : KeywordQueries.problem(w.getQuery()))
                    .satisfiesAnyOf(p -> assertThat(p).isNull(), p -> assertThat(p).isEmpty()));
    assertThat(watchlists.stream().map(Watchlist::getId).distinct().count()).isEqualTo(20_000L);
    assertThat(WatchlistGenerator.watchlists(5, 5)).isEqualTo(watchlists.subList(0, 5));
  }

  @Test
  void shouldHaveATypicalItemMatchAFewTensOfAHundredThousandWatchlists() {
    // A fifth of the benchmark's watchlists: a fifth of its matches.
    List<Watchlist> watchlists = WatchlistGenerator.watchlists(20_000, 2025);
    List<TaggedItem> items = TaggedItemGenerator.items(200, 11);
    int[] matches = new int[items.size()];
    try (WatchlistIndex index = WatchlistIndex.create()) {
      index.putAll(watchlists);
      for (int i = 0; i < items.size(); i++) {
        matches[i] = index.match(items.get(i)).matches().size();
      }
    }
    Arrays.sort(matches);
    int median = matches[matches.length / 2];
    assertThat(median * 5).isBetween(20, 300);
    assertThat(matches[matches.length * 9 / 10] * 5).isLessThan(3_000);
  }

  @Test
  void shouldGenerateItemsOfHalfAKilobyteToFourKilobytes() {
    List<TaggedItem> items = TaggedItemGenerator.items(300, 11);

    assertThat(items)
        .allSatisfy(
            i ->
                assertThat(i.getItem().getTitle().length() + i.getItem().getBody().length())
                    .isBetween(TaggedItemGenerator.MIN_CHARS, TaggedItemGenerator.MAX_CHARS + 400));
    double average =
        items.stream()
            .mapToInt(i -> i.getItem().getTitle().length() + i.getItem().getBody().length())
            .average()
            .orElse(0);
    assertThat(average).isBetween(1_400.0, 2_200.0);
    assertThat(TaggedItemGenerator.items(3, 11)).isEqualTo(items.subList(0, 3));
  }
}
