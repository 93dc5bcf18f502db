package eu.sectoralerts.matcher;

import static eu.sectoralerts.matcher.Fixtures.at;
import static eu.sectoralerts.matcher.Fixtures.item;
import static eu.sectoralerts.matcher.Fixtures.match;
import static eu.sectoralerts.matcher.Fixtures.matchBoth;
import static eu.sectoralerts.matcher.Fixtures.matches;
import static eu.sectoralerts.matcher.Fixtures.query;
import static eu.sectoralerts.matcher.Fixtures.reason;
import static eu.sectoralerts.matcher.Fixtures.watchlist;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each criterion alone and together, with the exact reasons and highlights. Every check runs the
 * linear scan and the index and requires them to agree ({@link Fixtures#matchBoth}).
 */
class WatchlistMatchingTest {

  private final TaggedItem galliumControls =
      item("itm-ga")
          .kind(ItemKind.POLICY)
          .title("MOFCOM tightens export controls on gallium and germanium")
          .body(
              "The Ministry of Commerce said exporters of gallium need a licence from August."
                  + " Semiconductor makers such as Infineon and NXP expect longer lead times,"
                  + " while China's wafer producers welcome the move. Sanctions were not"
                  + " mentioned; officials called the export licences a routine measure.")
          .sectors("semiconductors", "materials-chemicals")
          .risks("supply-chain", "regulatory-compliance")
          .level(RiskLevel.HIGH)
          .companies("Infineon", "NXP")
          .bodies("MOFCOM")
          .europeanFirms("Infineon", "NXP")
          .build();

  private final TaggedItem depotCorporate =
      item("itm-rail")
          .kind(ItemKind.CORPORATE)
          .title("CRRC opens a maintenance depot in Wuhan")
          .body("The depot will service subway cars for three city lines.")
          .sectors("rail")
          .level(RiskLevel.LOW)
          .companies("CRRC")
          .build();

  @Test
  void shouldMatchEveryItemWithoutReasonsWhenTheWatchlistHasNoCriteria() {
    Watchlist everything = watchlist("wl-all").build();

    assertThat(matchBoth(depotCorporate, everything)).isEqualTo(matches(match(everything)));
  }

  @Test
  void shouldMatchAnyOfTheSectorsListingTheItemsSectorsInTheItemsOrder() {
    Watchlist chips =
        watchlist("wl-1").setSectors(List.of("materials-chemicals", "semiconductors")).build();

    assertThat(matchBoth(galliumControls, chips))
        .isEqualTo(
            matches(match(chips, reason("sectors", "semiconductors", "materials-chemicals"))));
  }

  @Test
  void shouldNotMatchAnItemInOtherSectors() {
    Watchlist batteries = watchlist("wl-1").setSectors(List.of("batteries", "rail")).build();

    assertThat(matchBoth(galliumControls, batteries)).isEqualTo(matches());
  }

  @Test
  void shouldMatchAnyOfTheRisks() {
    Watchlist supply = watchlist("wl-1").setRisks(List.of("supply-chain", "market-access")).build();

    assertThat(matchBoth(galliumControls, supply))
        .isEqualTo(matches(match(supply, reason("risks", "supply-chain"))));
  }

  @Test
  void shouldNotMatchAnItemWithoutRisksWhenRisksAreRequired() {
    Watchlist anyRisk = watchlist("wl-1").setRisks(List.of("competition")).build();

    assertThat(matchBoth(depotCorporate, anyRisk)).isEqualTo(matches());
  }

  @Test
  void shouldMatchAnItemAtOrAboveTheMinimumLevelNamingItsLevel() {
    Watchlist medium = watchlist("wl-m").setMinLevel(RiskLevel.MEDIUM).build();
    Watchlist high = watchlist("wl-h").setMinLevel(RiskLevel.HIGH).build();

    assertThat(matchBoth(galliumControls, medium, high))
        .isEqualTo(
            matches(
                match(high, reason("minLevel", "HIGH")),
                match(medium, reason("minLevel", "HIGH"))));
  }

  @Test
  void shouldNotMatchAnItemBelowTheMinimumLevel() {
    Watchlist medium = watchlist("wl-m").setMinLevel(RiskLevel.MEDIUM).build();

    assertThat(matchBoth(depotCorporate, medium)).isEqualTo(matches());
  }

  @Test
  void shouldGiveNoReasonForAMinimumLevelOfNone() {
    Watchlist rail = watchlist("wl-1").setSectors(List.of("rail")).build();

    assertThat(matchBoth(depotCorporate, rail))
        .isEqualTo(matches(match(rail, reason("sectors", "rail"))));
  }

  @Test
  void shouldMatchOnTheItemsKindAndNotTheOther() {
    Watchlist corporate = watchlist("wl-c").setKinds(List.of(ItemKind.CORPORATE)).build();
    Watchlist policy = watchlist("wl-p").setKinds(List.of(ItemKind.POLICY)).build();

    assertThat(matchBoth(depotCorporate, corporate, policy))
        .isEqualTo(matches(match(corporate, reason("kinds", "CORPORATE"))));
  }

  @Test
  void shouldMatchEntitiesWhateverTheirCaseSpacingAndPunctuation() {
    Watchlist suppliers =
        watchlist("wl-1").setEntities(List.of("  nxp ", "INFINEON", "Acme-Widgets")).build();

    // The item's names as the item writes them, in the item's order.
    assertThat(matchBoth(galliumControls, suppliers))
        .isEqualTo(matches(match(suppliers, reason("entities", "Infineon", "NXP"))));
  }

  @Test
  void shouldMatchAnEntityAmongTheIssuingBodies() {
    Watchlist ministry = watchlist("wl-1").setEntities(List.of("Mofcom")).build();

    assertThat(matchBoth(galliumControls, ministry))
        .isEqualTo(matches(match(ministry, reason("entities", "MOFCOM"))));
  }

  @Test
  void shouldNotMatchAnEntityTheItemDoesNotName() {
    Watchlist other = watchlist("wl-1").setEntities(List.of("Alstom")).build();

    assertThat(matchBoth(depotCorporate, other)).isEqualTo(matches());
  }

  @Test
  void shouldNotMatchAnEntityThatIsOnlyInTheText() {
    // Entities compare with the names the tagger found, not with the words of the text.
    Watchlist wuhan = watchlist("wl-1").setEntities(List.of("Wuhan")).build();

    assertThat(matchBoth(depotCorporate, wuhan)).isEqualTo(matches());
  }

  @Test
  void shouldMatchEuropeanFirmsOnlyWhenTheItemNamesOneListingThem() {
    Watchlist european = watchlist("wl-1").setEuropeanFirmsOnly(true).build();

    assertThat(matchBoth(galliumControls, european))
        .isEqualTo(matches(match(european, reason("europeanFirmsOnly", "Infineon", "NXP"))));
    assertThat(matchBoth(depotCorporate, european)).isEqualTo(matches());
  }

  @Test
  void shouldMatchAKeywordQueryHighlightingEveryMatchedWordInTitleAndBody() {
    Watchlist gallium = watchlist("wl-1").setQuery("gallium").build();

    assertThat(matchBoth(galliumControls, gallium))
        .isEqualTo(
            matches(
                match(
                    gallium,
                    query(
                        List.of("gallium"),
                        at(galliumControls, "title", "gallium"),
                        at(galliumControls, "body", "gallium")))));
  }

  @Test
  void shouldFindPluralsAndCapitalsOfAQueryWordAsWritten() {
    Watchlist sanction = watchlist("wl-1").setQuery("sanction").build();

    assertThat(matchBoth(galliumControls, sanction))
        .isEqualTo(
            matches(
                match(
                    sanction,
                    query(List.of("Sanctions"), at(galliumControls, "body", "Sanctions")))));
  }

  @Test
  void shouldHighlightAPhraseAsOneMatch() {
    Watchlist controls = watchlist("wl-1").setQuery("\"export control\"").build();

    assertThat(matchBoth(galliumControls, controls))
        .isEqualTo(
            matches(
                match(
                    controls,
                    query(
                        List.of("export controls"),
                        at(galliumControls, "title", "export controls")))));
  }

  @Test
  void shouldMatchAPrefixOnTheNormalisedTextAndListEachWordOnce() {
    Watchlist query =
        watchlist("wl-1").setQuery("semiconductor* AND (export OR sanction*)").build();

    assertThat(matchBoth(galliumControls, query))
        .isEqualTo(
            matches(
                match(
                    query,
                    query(
                        List.of("export", "Semiconductor", "Sanctions"),
                        at(galliumControls, "title", "export"),
                        at(galliumControls, "body", "Semiconductor"),
                        at(galliumControls, "body", "Sanctions"),
                        // Not "exporters" (0): the stemmer only removes plural endings.
                        at(galliumControls, "body", "export", 1)))));
  }

  @Test
  void shouldMatchAWildcardInsideAWord() {
    Watchlist query = watchlist("wl-1").setQuery("title:germ?nium").build();

    assertThat(matchBoth(galliumControls, query))
        .isEqualTo(
            matches(
                match(
                    query,
                    query(List.of("germanium"), at(galliumControls, "title", "germanium")))));
  }

  @Test
  void shouldLookOnlyInTheFieldTheQueryNames() {
    Watchlist inTitle = watchlist("wl-t").setQuery("title:infineon").build();
    Watchlist inBody = watchlist("wl-b").setQuery("body:infineon").build();

    assertThat(matchBoth(galliumControls, inTitle, inBody))
        .isEqualTo(
            matches(
                match(
                    inBody, query(List.of("Infineon"), at(galliumControls, "body", "Infineon")))));
  }

  @Test
  void shouldNotMatchWhenAnExcludedWordIsPresent() {
    Watchlist noSanctions = watchlist("wl-1").setQuery("gallium -sanctions").build();

    assertThat(matchBoth(galliumControls, noSanctions)).isEqualTo(matches());
  }

  @Test
  void shouldNotMatchAQueryWhoseWordsAreAbsent() {
    Watchlist lithium = watchlist("wl-1").setQuery("lithium OR \"solid-state batteries\"").build();

    assertThat(matchBoth(galliumControls, lithium)).isEqualTo(matches());
  }

  @Test
  void shouldListEveryConstrainingCriterionInOrder() {
    Watchlist all =
        watchlist("wl-1")
            .setSectors(List.of("semiconductors"))
            .setRisks(List.of("regulatory-compliance", "competition"))
            .setMinLevel(RiskLevel.MEDIUM)
            .setKinds(List.of(ItemKind.POLICY))
            .setEntities(List.of("MOFCOM", "infineon"))
            .setEuropeanFirmsOnly(true)
            .setQuery("licence")
            .build();

    assertThat(matchBoth(galliumControls, all))
        .isEqualTo(
            matches(
                match(
                    all,
                    reason("sectors", "semiconductors"),
                    reason("risks", "regulatory-compliance"),
                    reason("minLevel", "HIGH"),
                    reason("kinds", "POLICY"),
                    reason("entities", "Infineon", "MOFCOM"),
                    reason("europeanFirmsOnly", "Infineon", "NXP"),
                    query(
                        List.of("licence", "licences"),
                        at(galliumControls, "body", "licence"),
                        at(galliumControls, "body", "licences")))));
  }

  @Test
  void shouldNotMatchWhenAnyOneCriterionFails() {
    Watchlist wrongKind =
        watchlist("wl-k")
            .setSectors(List.of("semiconductors"))
            .setKinds(List.of(ItemKind.CORPORATE))
            .setQuery("gallium")
            .build();
    Watchlist wrongQuery =
        watchlist("wl-q").setSectors(List.of("semiconductors")).setQuery("lithium").build();
    Watchlist wrongEntity =
        watchlist("wl-e").setEntities(List.of("ASML")).setQuery("gallium").build();

    assertThat(matchBoth(galliumControls, wrongKind, wrongQuery, wrongEntity)).isEqualTo(matches());
  }

  @Test
  void shouldOrderMatchesByWatchlistId() {
    Watchlist b = watchlist("wl-b").setSectors(List.of("rail")).build();
    Watchlist c = watchlist("wl-c").build();
    Watchlist a = watchlist("wl-a").setKinds(List.of(ItemKind.CORPORATE)).build();

    assertThat(matchBoth(depotCorporate, c, b, a).matchedIds())
        .containsExactly("wl-a", "wl-b", "wl-c");
  }

  @Test
  void shouldMatchAPrefixInALongItemWithManyWords() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 4000; i++) {
      body.append("Plant number ").append(i).append(" reported steady output of components. ");
    }
    body.append("Finally the transmission towers were inspected.");
    TaggedItem longItem = item("itm-long").body(body.toString()).build();
    Watchlist towers = watchlist("wl-1").setQuery("transmi* AND tower").build();

    assertThat(matchBoth(longItem, towers))
        .isEqualTo(
            matches(
                match(
                    towers,
                    query(
                        List.of("transmission", "towers"),
                        at(longItem, "body", "transmission"),
                        at(longItem, "body", "towers")))));
  }
}
