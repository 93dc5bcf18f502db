package eu.sectoralerts.alert;

import static eu.sectoralerts.alert.Fixtures.taggedItem;
import static eu.sectoralerts.alert.Fixtures.watchlist;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriteriaMatcherTest {

  private final CriteriaMatcher matcher = new CriteriaMatcher();

  private final TaggedItem railPolicy =
      taggedItem(
          "itm-1",
          ItemKind.POLICY,
          List.of("rail", "machinery-equipment"),
          List.of("market-access", "competition"),
          RiskLevel.MEDIUM);

  @Test
  void shouldMatchOnSectorAndLevelWithReasonsNamingTheMatchedValues() {
    Watchlist wl =
        watchlist("wl-1", "acme", List.of("rail"), List.of(), RiskLevel.MEDIUM, List.of());

    assertThat(matcher.match(railPolicy, List.of(wl)))
        .containsExactly(
            new WatchlistMatch(
                wl,
                List.of(
                    new MatchReason("sectors", List.of("rail")),
                    new MatchReason("minLevel", List.of("MEDIUM")))));
  }

  @Test
  void shouldListEveryConstrainingCriterionInOrder() {
    Watchlist wl =
        watchlist(
            "wl-1",
            "acme",
            List.of("machinery-equipment", "rail", "batteries"),
            List.of("competition", "opportunity"),
            RiskLevel.LOW,
            List.of(ItemKind.POLICY));

    assertThat(matcher.match(railPolicy, List.of(wl)))
        .containsExactly(
            new WatchlistMatch(
                wl,
                List.of(
                    new MatchReason("sectors", List.of("rail", "machinery-equipment")),
                    new MatchReason("risks", List.of("competition")),
                    new MatchReason("minLevel", List.of("MEDIUM")),
                    new MatchReason("kinds", List.of("POLICY")))));
  }

  @Test
  void shouldMatchEverythingWithNoReasonsWhenTheWatchlistHasNoCriteria() {
    Watchlist wl = watchlist("wl-1", "acme", List.of(), List.of(), RiskLevel.NONE, List.of());

    assertThat(matcher.match(railPolicy, List.of(wl)))
        .containsExactly(new WatchlistMatch(wl, List.of()));
  }

  @Test
  void shouldNotMatchAnItemInOtherSectors() {
    Watchlist wl =
        watchlist("wl-1", "acme", List.of("batteries"), List.of(), RiskLevel.NONE, List.of());

    assertThat(matcher.match(railPolicy, List.of(wl))).isEmpty();
  }

  @Test
  void shouldNotMatchAnItemWithoutAnyOfTheRisks() {
    Watchlist wl =
        watchlist("wl-1", "acme", List.of(), List.of("supply-chain"), RiskLevel.NONE, List.of());

    assertThat(matcher.match(railPolicy, List.of(wl))).isEmpty();
  }

  @Test
  void shouldNotMatchAnItemBelowTheMinimumLevel() {
    Watchlist wl = watchlist("wl-1", "acme", List.of(), List.of(), RiskLevel.HIGH, List.of());

    assertThat(matcher.match(railPolicy, List.of(wl))).isEmpty();
  }

  @Test
  void shouldNotMatchAnItemOfAnotherKind() {
    Watchlist wl =
        watchlist(
            "wl-1", "acme", List.of(), List.of(), RiskLevel.NONE, List.of(ItemKind.CORPORATE));

    assertThat(matcher.match(railPolicy, List.of(wl))).isEmpty();
  }

  @Test
  void shouldNotMatchAnItemWithoutRisksWhenRisksAreRequired() {
    TaggedItem noRisk =
        taggedItem("itm-2", ItemKind.CORPORATE, List.of("rail"), List.of(), RiskLevel.NONE);
    Watchlist wl =
        watchlist("wl-1", "acme", List.of(), List.of("competition"), RiskLevel.NONE, List.of());

    assertThat(matcher.match(noRisk, List.of(wl))).isEmpty();
  }

  @Test
  void shouldReturnOnlyTheMatchingWatchlistsInTheOrderGiven() {
    Watchlist rail =
        watchlist("wl-r", "acme", List.of("rail"), List.of(), RiskLevel.NONE, List.of());
    Watchlist batteries =
        watchlist("wl-b", "acme", List.of("batteries"), List.of(), RiskLevel.NONE, List.of());
    Watchlist any = watchlist("wl-a", "globex", List.of(), List.of(), RiskLevel.NONE, List.of());

    assertThat(matcher.match(railPolicy, List.of(any, batteries, rail)))
        .extracting(m -> m.watchlist().getId())
        .containsExactly("wl-a", "wl-r");
  }
}
