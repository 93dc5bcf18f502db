package eu.sectoralerts.workload;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.TaxonomyIds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void shouldGiveTheSameItemsAndWatchlistsForTheSameSeed() {
    assertThat(TaggedItemGenerator.items(5, 9))
        .isEqualTo(TaggedItemGenerator.items(40, 9).subList(0, 5));
    assertThat(ItemGenerator.items(5, 9)).isEqualTo(ItemGenerator.items(5, 9));
    assertThat(WatchlistGenerator.watchlists(50, 9))
        .isEqualTo(WatchlistGenerator.watchlists(50, 9))
        .isNotEqualTo(WatchlistGenerator.watchlists(50, 10));
  }

  @Test
  void shouldWriteItemsOfHalfAKilobyteToFourWithTaxonomyTags() {
    List<TaggedItem> items = TaggedItemGenerator.items(300, 1);
    for (TaggedItem item : items) {
      int length = item.getItem().getTitle().length() + item.getItem().getBody().length();
      assertThat(length)
          .isBetween(TaggedItemGenerator.MIN_CHARS, TaggedItemGenerator.MAX_CHARS + 400);
      assertThat(TaxonomyIds.SECTORS).containsAll(item.getSectors());
      assertThat(TaxonomyIds.RISKS).containsAll(item.getRisks());
    }
    assertThat(items.stream().map(i -> i.getItem().getId()).distinct()).hasSize(300);
  }

  @Test
  void shouldMixStructuredKeywordAndEntityWatchlistsWithDistinctIds() {
    List<Watchlist> watchlists = WatchlistGenerator.watchlists(2000, 3);
    Set<String> ids = new HashSet<>();
    long queries = 0;
    long entities = 0;
    for (Watchlist watchlist : watchlists) {
      ids.add(watchlist.getId());
      queries += watchlist.getQuery() != null ? 1 : 0;
      entities += watchlist.getEntities().isEmpty() ? 0 : 1;
      assertThat(TaxonomyIds.SECTORS).containsAll(watchlist.getSectors());
    }
    assertThat(ids).hasSize(2000);
    // About 30% keyword queries and 20% entities, give or take the draw.
    assertThat(queries).isBetween(500L, 700L);
    assertThat(entities).isBetween(320L, 480L);
  }
}
