package eu.sectoralerts.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.workload.ItemGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The only tests of this module (the benchmark itself is not a test): the two taggers compared must
 * give the same tags, and the items must be of the size the targets speak of.
 */
class BaselineAgreementTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldGiveTheSameTagsWithTheCompiledAndTheNaiveMatcher() {
    Taxonomy taxonomy = Taxonomy.loadDefault();
    TaxonomyTagger compiled = TaxonomyTagger.compile(taxonomy, CLOCK);
    TaxonomyTagger naive = TaxonomyTagger.compile(taxonomy, CLOCK, RegexTermFinder::compile);

    for (NewsItem item : ItemGenerator.items(20, 7)) {
      TaggedItem expected = compiled.tag(item);

      assertThat(naive.tag(item)).as(item.getId()).isEqualTo(expected);
      assertThat(expected.getEvidence()).as(item.getId()).hasSizeGreaterThan(2);
    }
  }

  @Test
  void shouldGenerateItemsOfAboutOneAndAHalfKilobytes() {
    List<NewsItem> items = ItemGenerator.items(200, 42);

    double average =
        items.stream()
            .mapToInt(i -> i.getTitle().length() + i.getBody().length())
            .average()
            .orElse(0);
    assertThat(average).isBetween(1400.0, 1650.0);
    assertThat(ItemGenerator.items(3, 42)).isEqualTo(items.subList(0, 3));
  }
}
