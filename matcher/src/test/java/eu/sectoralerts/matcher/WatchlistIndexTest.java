package eu.sectoralerts.matcher;

import static eu.sectoralerts.matcher.Fixtures.item;
import static eu.sectoralerts.matcher.Fixtures.match;
import static eu.sectoralerts.matcher.Fixtures.matches;
import static eu.sectoralerts.matcher.Fixtures.reason;
import static eu.sectoralerts.matcher.Fixtures.watchlist;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchlistIndexTest {

  private final TaggedItem batteryPlant =
      item("itm-1")
          .kind(ItemKind.CORPORATE)
          .title("CATL starts sodium-ion battery line in Ningbo")
          .body("The line supplies cells to buses; Bosch is a customer.")
          .sectors("batteries", "automotive")
          .risks("competition")
          .level(RiskLevel.MEDIUM)
          .companies("CATL", "Bosch")
          .europeanFirms("Bosch")
          .build();

  /** Through the monitor, however few watchlists: {@code AgreementTest} covers direct checks. */
  private final WatchlistIndex index = Fixtures.monitorOnly();

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void shouldMatchAWatchlistAsSoonAsItIsPut() {
    Watchlist batteries = watchlist("wl-1").setSectors(List.of("batteries")).build();

    assertThat(index.match(batteryPlant)).isEqualTo(matches());
    assertThat(index.put(batteries)).isEmpty();

    assertThat(index.match(batteryPlant))
        .isEqualTo(matches(match(batteries, reason("sectors", "batteries"))));
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldMatchTheNewVersionOfAReplacedWatchlistOnly() {
    index.put(watchlist("wl-1").setSectors(List.of("batteries")).build());
    Watchlist rail = watchlist("wl-1").setSectors(List.of("rail")).build();
    Watchlist automotive = watchlist("wl-1").setSectors(List.of("automotive")).build();

    index.put(rail);
    assertThat(index.match(batteryPlant)).isEqualTo(matches());

    index.put(automotive);
    assertThat(index.match(batteryPlant))
        .isEqualTo(matches(match(automotive, reason("sectors", "automotive"))));
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldMatchAWatchlistByItsNewCriteriaWhenItGainsAndThenLosesAKeywordQuery() {
    index.put(watchlist("wl-1").setSectors(List.of("batteries")).build());
    Watchlist withQuery =
        watchlist("wl-1").setSectors(List.of("batteries")).setQuery("lithium").build();
    Watchlist automotive = watchlist("wl-1").setSectors(List.of("automotive")).build();

    index.put(withQuery);
    assertThat(index.match(batteryPlant)).isEqualTo(matches());

    index.put(automotive);
    assertThat(index.match(batteryPlant))
        .isEqualTo(matches(match(automotive, reason("sectors", "automotive"))));

    index.putAll(
        List.of(watchlist("wl-1").setSectors(List.of("automotive")).setQuery("sodium").build()));
    assertThat(index.match(batteryPlant).matches()).hasSize(1);
    index.putAll(List.of(watchlist("wl-1").setQuery("lithium").build()));
    assertThat(index.match(batteryPlant)).isEqualTo(matches());
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldReportAWatchlistFiledUnderSeveralOfTheItemsTagsOnce() {
    Watchlist both = watchlist("wl-both").setSectors(List.of("batteries", "automotive")).build();
    index.put(both);

    assertThat(index.match(batteryPlant))
        .isEqualTo(matches(match(both, reason("sectors", "batteries", "automotive"))));
  }

  @Test
  void shouldMatchWatchlistsWithoutAnyCriterionOrWithTheEuropeanFlagOnly() {
    Watchlist everything = watchlist("wl-all").build();
    Watchlist european = watchlist("wl-eu").setEuropeanFirmsOnly(true).build();
    index.putAll(List.of(everything, european));

    assertThat(index.match(batteryPlant))
        .isEqualTo(
            matches(match(everything), match(european, reason("europeanFirmsOnly", "Bosch"))));
    assertThat(index.match(item("itm-2").title("No firm named").build()))
        .isEqualTo(matches(match(everything)));
  }

  @Test
  void shouldStopMatchingARemovedWatchlistAtOnce() {
    Watchlist kept = watchlist("wl-kept").setEntities(List.of("catl")).build();
    index.putAll(List.of(kept, watchlist("wl-gone").setEntities(List.of("Bosch")).build()));

    index.remove("wl-gone");

    assertThat(index.match(batteryPlant))
        .isEqualTo(matches(match(kept, reason("entities", "CATL"))));
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreRemovingAWatchlistItDoesNotHave() {
    index.remove("wl-unknown");

    assertThat(index.size()).isZero();
  }

  @Test
  void shouldKeepAnInvalidWatchlistOutAndReportItWhileTheOthersMatch() {
    Watchlist valid = watchlist("wl-ok").setQuery("sodium").build();
    Watchlist broken = watchlist("wl-bad").setQuery("sodium AND (battery").build();

    assertThat(index.put(valid)).isEmpty();
    assertThat(index.put(broken))
        .contains(
            "query: Cannot parse query at column 20: the query ends too early (a parenthesis or"
                + " quotation mark not closed, or an operator without a word after it?)");

    assertThat(index.invalid()).containsOnlyKeys("wl-bad");
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.match(batteryPlant).matchedIds()).containsExactly("wl-ok");
  }

  @Test
  void shouldRejectAnEntityWithoutLettersOrDigits() {
    assertThat(index.put(watchlist("wl-1").setEntities(List.of("CATL", "--")).build()))
        .contains("entities: '--' has no letter or digit to compare");
  }

  @Test
  void shouldRemoveTheValidVersionWhenAnInvalidOneReplacesIt() {
    index.put(watchlist("wl-1").setQuery("sodium").build());

    index.put(watchlist("wl-1").setQuery("colour:blue").build());

    assertThat(index.match(batteryPlant)).isEqualTo(matches());
    assertThat(index.invalid())
        .isEqualTo(Map.of("wl-1", "query: unknown field 'colour': use title or body"));
    assertThat(index.size()).isZero();
  }

  @Test
  void shouldForgetTheProblemWhenAValidVersionReplacesAnInvalidOne() {
    index.put(watchlist("wl-1").setQuery("colour:blue").build());
    Watchlist fixed = watchlist("wl-1").setQuery("title:sodium").build();

    index.put(fixed);

    assertThat(index.invalid()).isEmpty();
    assertThat(index.match(batteryPlant).matchedIds()).containsExactly("wl-1");
  }

  @Test
  void shouldForgetAnInvalidWatchlistWhenItIsRemoved() {
    index.put(watchlist("wl-1").setQuery("").build());

    index.remove("wl-1");

    assertThat(index.invalid()).isEmpty();
  }

  @Test
  void shouldLoadInBulkKeepingTheLastVersionOfEachIdAndReportingTheInvalidOnes() {
    Watchlist last = watchlist("wl-1").setEntities(List.of("bosch")).build();
    index.putAll(
        List.of(
            watchlist("wl-1").setEntities(List.of("Siemens")).build(),
            watchlist("wl-2").setQuery("*ion").build(),
            last));

    assertThat(index.size()).isEqualTo(1);
    assertThat(index.invalid()).containsOnlyKeys("wl-2");
    assertThat(index.match(batteryPlant))
        .isEqualTo(matches(match(last, reason("entities", "Bosch"))));
  }

  @Test
  void shouldReportAWatchlistWhoseQueryFailsWhileMatchingAndStillMatchTheOthers() {
    // Past the searcher's limit of nested clauses, which only shows when the query runs.
    Function<String, Query> parser =
        text -> text.equals("huge") ? tooManyClauses() : KeywordQueries.parse(text);
    Watchlist huge = watchlist("wl-huge").setSubscriberId("sub-9").setQuery("huge").build();
    Watchlist fine = watchlist("wl-fine").setQuery("ningbo").build();
    try (WatchlistIndex failing = WatchlistIndex.create(parser)) {
      failing.putAll(List.of(huge, fine));

      MatchResult result = failing.match(batteryPlant);

      assertThat(result.matchedIds()).containsExactly("wl-fine");
      assertThat(result.failures())
          .containsExactly(
              new WatchlistFailure(
                  "wl-huge",
                  "sub-9",
                  "query failed: it has more clauses than a search allows (1024)"));
      assertThat(LinearScanMatcher.of(List.of(huge, fine), parser).match(batteryPlant))
          .isEqualTo(result);
    }
  }

  @Test
  void shouldCheckOnlyTheWatchlistsTheItemCanMatch() {
    index.putAll(
        List.of(
            watchlist("wl-rail").setSectors(List.of("rail")).build(),
            watchlist("wl-high")
                .setSectors(List.of("batteries"))
                .setMinLevel(RiskLevel.HIGH)
                .build(),
            watchlist("wl-siemens").setEntities(List.of("Siemens")).build(),
            watchlist("wl-lithium").setQuery("lithium").build(),
            watchlist("wl-sodium").setQuery("sodium AND Ningbo").build()));

    assertThat(index.candidateCount(batteryPlant)).isEqualTo(1);
    assertThat(index.match(batteryPlant).matchedIds()).containsExactly("wl-sodium");
  }

  @Test
  void shouldCheckAFewKeywordWatchlistsDirectlyWithTheSameResults() {
    List<Watchlist> watchlists =
        List.of(
            watchlist("wl-rail").setSectors(List.of("rail")).build(),
            watchlist("wl-lithium").setQuery("lithium").build(),
            watchlist("wl-sodium").setQuery("sodium AND Ningbo").build(),
            watchlist("wl-bus").setSectors(List.of("automotive")).setQuery("bus*").build());
    try (WatchlistIndex direct = WatchlistIndex.create()) {
      direct.putAll(watchlists);
      index.putAll(watchlists);

      // Every keyword watchlist is a candidate; the results are the monitor's.
      assertThat(direct.candidateCount(batteryPlant)).isEqualTo(3);
      assertThat(direct.match(batteryPlant)).isEqualTo(index.match(batteryPlant));
      assertThat(direct.match(batteryPlant).matchedIds()).containsExactly("wl-bus", "wl-sodium");
    }
  }

  /**
   * Three groups of 400 words, among them a word of the item (so that the index checks it too):
   * each group is allowed, all together exceed 1,024 clauses.
   */
  private static Query tooManyClauses() {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (int group = 0; group < 3; group++) {
      BooleanQuery.Builder words = new BooleanQuery.Builder();
      words.add(new TermQuery(new Term("body", "bosch")), BooleanClause.Occur.SHOULD);
      for (int i = 1; i < 400; i++) {
        words.add(
            new TermQuery(new Term("body", "w" + group + "x" + i)), BooleanClause.Occur.SHOULD);
      }
      all.add(words.build(), BooleanClause.Occur.SHOULD);
    }
    return all.build();
  }

  @Test
  void shouldOrderIdKeysAsTheIdsThemselvesSort() {
    // Characters around the byte limit, a surrogate and the lowest ones, in ids of 0 to 11.
    char[] alphabet = {0, 1, '-', '0', 'a', 'w', 0xFE, 0xFF, 0x100, 0xD83D, 0xFFFF};
    Random random = new Random(7);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      StringBuilder id = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        id.append(alphabet[random.nextInt(alphabet.length)]);
      }
      ids.add(id.toString());
    }
    int told = 0;
    for (int i = 0; i + 1 < ids.size(); i++) {
      String a = ids.get(i);
      String b = ids.get(i + 1);
      int byKey = Long.compareUnsigned(WatchlistIndex.orderKey(a), WatchlistIndex.orderKey(b));
      if (byKey != 0) {
        told++;
        assertThat(Integer.signum(a.compareTo(b))).as(a + " / " + b).isEqualTo(byKey);
      }
      if (a.equals(b)) {
        assertThat(byKey).isZero();
      }
    }
    // The keys decide most pairs, and ids like the service's differ in their keys.
    assertThat(told).isGreaterThan(ids.size() / 2);
    assertThat(WatchlistIndex.orderKey("wl-3fa2c"))
        .isNotEqualTo(WatchlistIndex.orderKey("wl-3fa2d"));
  }

  @Test
  void shouldSortMatchesByIdAndKeepEachWatchlistOnce() {
    // Ids sharing long prefixes (ties in the sort's keys), wide characters and repeats.
    char[] alphabet = {'-', '0', 'a', 'w', 0xFE, 0xFF, 0x100, 0xD83D};
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      List<WatchlistMatch> matches = new ArrayList<>();
      for (int n = random.nextInt(300); n > 0; n--) {
        StringBuilder id = new StringBuilder(random.nextBoolean() ? "wl-0000" : "");
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          id.append(alphabet[random.nextInt(alphabet.length)]);
        }
        matches.add(new WatchlistMatch(watchlist(id.toString()).build(), List.of()));
      }
      List<String> expected =
          matches.stream().map(m -> m.watchlist().getId()).distinct().sorted().toList();

      List<String> sorted =
          WatchlistIndex.byIdOnce(matches).stream().map(m -> m.watchlist().getId()).toList();

      assertThat(sorted).as("round " + round).isEqualTo(expected);
    }
  }
}
