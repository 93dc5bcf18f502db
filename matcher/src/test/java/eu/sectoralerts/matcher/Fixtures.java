package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.avro.Watchlist;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Items, watchlists and reasons for the tests, and a check that both matchers agree. */
final class Fixtures {

  static final Instant AT = Instant.parse("2025-03-03T09:30:00Z");

  private Fixtures() {}

  /** A watchlist of subscriber {@code sub-1} without criteria; tests add theirs. */
  static Watchlist.Builder watchlist(String id) {
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId("sub-1")
        .setName("list " + id)
        .setCreatedAt(AT)
        .setUpdatedAt(AT);
  }

  static Item item(String id) {
    return new Item(id);
  }

  static MatchReason reason(String criterion, String... matched) {
    return new MatchReason(criterion, List.of(matched), List.of());
  }

  static MatchReason query(List<String> matched, TextMatch... highlights) {
    return new MatchReason("query", matched, List.of(highlights));
  }

  /** The highlight of the {@code nth} (from 0) occurrence of {@code text} in {@code field}. */
  static TextMatch at(TaggedItem item, String field, String text, int nth) {
    String value = "title".equals(field) ? item.getItem().getTitle() : item.getItem().getBody();
    int start = -1;
    for (int i = 0; i <= nth; i++) {
      start = value.indexOf(text, start + 1);
    }
    assertThat(start).as("'%s' #%d in %s", text, nth, field).isNotNegative();
    return new TextMatch(field, start, start + text.length(), text);
  }

  static TextMatch at(TaggedItem item, String field, String text) {
    return at(item, field, text, 0);
  }

  static MatchResult matches(WatchlistMatch... matches) {
    return new MatchResult(List.of(matches), List.of());
  }

  static WatchlistMatch match(Watchlist watchlist, MatchReason... reasons) {
    return new WatchlistMatch(watchlist, List.of(reasons));
  }

  /**
   * What the linear scan and the index give for {@code item} against {@code watchlists}, after
   * checking that they give the same.
   */
  static MatchResult matchBoth(TaggedItem item, Watchlist... watchlists) {
    MatchResult linear = LinearScanMatcher.of(List.of(watchlists)).match(item);
    try (WatchlistIndex index = monitorOnly()) {
      for (Watchlist watchlist : watchlists) {
        assertThat(index.put(watchlist)).as(watchlist.getId()).isEmpty();
      }
      assertThat(index.match(item)).as("index against linear scan").isEqualTo(linear);
    }
    return linear;
  }

  /** A tagged item being built; by default a policy item in rail, no risk, level NONE. */
  static final class Item {
    private final String id;
    private ItemKind kind = ItemKind.POLICY;
    private String title = "Notice on rolling stock maintenance";
    private String body = "Operators must file maintenance plans every quarter.";
    private List<String> sectors = List.of("rail");
    private List<String> risks = List.of();
    private RiskLevel level = RiskLevel.NONE;
    private List<String> companies = List.of();
    private List<String> bodies = List.of();
    private List<String> europeanFirms = List.of();

    private Item(String id) {
      this.id = id;
    }

    Item kind(ItemKind kind) {
      this.kind = kind;
      return this;
    }

    Item title(String title) {
      this.title = title;
      return this;
    }

    Item body(String body) {
      this.body = body;
      return this;
    }

    Item sectors(String... sectors) {
      this.sectors = List.of(sectors);
      return this;
    }

    Item risks(String... risks) {
      this.risks = List.of(risks);
      return this;
    }

    Item level(RiskLevel level) {
      this.level = level;
      return this;
    }

    Item companies(String... companies) {
      this.companies = List.of(companies);
      return this;
    }

    Item bodies(String... bodies) {
      this.bodies = List.of(bodies);
      return this;
    }

    Item europeanFirms(String... firms) {
      this.europeanFirms = List.of(firms);
      return this;
    }

    TaggedItem build() {
      NewsItem news =
          NewsItem.newBuilder()
              .setId(id)
              .setKind(kind)
              .setTitle(title)
              .setBody(body)
              .setCompanies(new ArrayList<>(companies))
              .setPublisher("analyst-7")
              .setPublishedAt(AT)
              .build();
      int score =
          switch (level) {
            case NONE -> 5;
            case LOW -> 20;
            case MEDIUM -> 50;
            case HIGH -> 80;
          };
      return TaggedItem.newBuilder()
          .setItem(news)
          .setSectors(sectors)
          .setRisks(risks)
          .setLevel(level)
          .setScore(score)
          .setEuropeanFirms(europeanFirms)
          .setIssuingBodies(bodies)
          .setCompanies(companies)
          .setTaxonomyVersion("test")
          .setTaggedAt(AT)
          .build();
    }
  }

  /** An index that presearches with the monitor even for a handful of keyword watchlists. */
  static WatchlistIndex monitorOnly() {
    return WatchlistIndex.create(
        KeywordQueries::parse, WatchlistIndex.DEFAULT_PASSES, WatchlistIndex.DEFAULT_MIN_WEIGHT, 0);
  }
}
