package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.DatePrecision;
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
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What subscribers rely on: each criterion alone and together, the reasons and highlights an alert
 * shows, live changes, invalid watchlists kept out, and the index agreeing with a plain scan.
 */
class MatchingCriteriaTest {

  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  /** Through the monitor, however few watchlists: {@code AgreementTest} covers direct checks. */
  private final WatchlistIndex index = Fixtures.monitorOnly();

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void shouldMatchRailWatchlistForARailItemAndExplainWhy() {
    index.put(watchlist("wl-rail").setSectors(List.of("rail")).build());
    index.put(watchlist("wl-chips").setSectors(List.of("semiconductors")).build());

    MatchResult result = index.match(item("Metro order", "A metro maker wins an order."));

    assertThat(result)
        .isEqualTo(
            new MatchResult(
                List.of(
                    new WatchlistMatch(
                        watchlist("wl-rail").setSectors(List.of("rail")).build(),
                        List.of(new MatchReason("sectors", List.of("rail"), List.of())))),
                List.of()));
  }

  @Test
  void shouldRequireEveryGivenCriterion() {
    index.put(
        watchlist("wl-all")
            .setSectors(List.of("rail"))
            .setRisks(List.of("market-access"))
            .setMinLevel(RiskLevel.MEDIUM)
            .setKinds(List.of(ItemKind.POLICY))
            .build());

    assertThat(index.match(item("t", "b")).matches()).hasSize(1);
    assertThat(index.match(with(item("t", "b"), RiskLevel.LOW)).matches()).isEmpty();
    TaggedItem corporate = item("t", "b");
    corporate.getItem().setKind(ItemKind.CORPORATE);
    assertThat(index.match(corporate).matches()).isEmpty();
    TaggedItem noRisk = item("t", "b");
    noRisk.setRisks(List.of());
    assertThat(index.match(noRisk).matches()).isEmpty();
  }

  @Test
  void shouldMatchEntitiesIgnoringCaseAndSpacingAndExplainWithTheItemsSpelling() {
    index.put(watchlist("wl-firm").setEntities(List.of("  siemens   mobility ")).build());

    MatchResult result = index.match(item("t", "b"));

    assertThat(result.matches())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.reasons())
                    .containsExactly(
                        new MatchReason("entities", List.of("Siemens Mobility"), List.of())));
  }

  @Test
  void shouldOnlyMatchItemsNamingAEuropeanFirmWhenAsked() {
    index.put(watchlist("wl-eu").setEuropeanFirmsOnly(true).build());
    TaggedItem without = item("t", "b");
    without.setEuropeanFirms(List.of());

    assertThat(index.match(item("t", "b")).matchedIds()).containsExactly("wl-eu");
    assertThat(index.match(without).matches()).isEmpty();
  }

  @Test
  void shouldMatchAKeywordQueryWithStemsWildcardsAndHighlights() {
    index.put(watchlist("wl-q").setQuery("semiconductor* AND (export OR sanction)").build());
    String body = "New sanctions hit semiconductors bound for export.";

    MatchResult result = index.match(item("Chip rules", body));

    assertThat(result.matches())
        .singleElement()
        .satisfies(
            m -> {
              MatchReason query = m.reasons().get(m.reasons().size() - 1);
              assertThat(query.getCriterion()).isEqualTo("query");
              assertThat(query.getMatched()).contains("sanctions", "semiconductors", "export");
              assertThat(query.getHighlights())
                  .contains(new TextMatch("body", 4, 13, "sanctions"))
                  .allSatisfy(
                      h ->
                          assertThat(body.substring(h.getStart(), h.getEnd()))
                              .isEqualTo(h.getText()));
            });
    assertThat(index.match(item("Chip rules", "Semiconductor output grows.")).matches()).isEmpty();
  }

  @Test
  void shouldApplyAReplacedOrRemovedWatchlistToTheNextItem() {
    index.put(watchlist("wl-1").setSectors(List.of("rail")).build());
    assertThat(index.match(item("t", "b")).matchedIds()).containsExactly("wl-1");

    index.put(watchlist("wl-1").setSectors(List.of("batteries")).build());
    assertThat(index.match(item("t", "b")).matches()).isEmpty();

    index.put(watchlist("wl-1").setSectors(List.of("rail")).build());
    index.remove("wl-1");
    assertThat(index.match(item("t", "b")).matches()).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  void shouldKeepAnInvalidWatchlistOutAndReportIt() {
    index.put(watchlist("wl-ok").build());
    index.put(watchlist("wl-bad").setQuery("(unbalanced").build());

    assertThat(index.invalid()).containsOnlyKeys("wl-bad");
    assertThat(index.match(item("t", "b")).matchedIds()).containsExactly("wl-ok");
  }

  @Test
  void shouldNameWhatIsWrongWithAQuery() {
    assertThat(KeywordQueries.problem("chips AND")).isPresent();
    assertThat(KeywordQueries.problem("sector:rail"))
        .hasValueSatisfying(p -> assertThat(p).contains("sector").contains("title or body"));
    assertThat(KeywordQueries.problem("*chips")).isPresent();
    assertThat(KeywordQueries.problem("x".repeat(KeywordQueries.MAX_LENGTH + 1))).isPresent();
    assertThat(KeywordQueries.problem("title:lithium AND \"export control\"")).isEmpty();
  }

  @Test
  void shouldGiveTheSameResultsAsALinearScan() {
    Random random = new Random(42);
    List<Watchlist> watchlists = new ArrayList<>();
    String[] sectors = {"rail", "semiconductors", "batteries", "automotive"};
    String[] risks = {"market-access", "competition", "supply-chain"};
    String[] words = {"export", "sanction*", "\"rare earth\"", "lithium", "tariff", "subsid*"};
    for (int i = 0; i < 2_000; i++) {
      Watchlist.Builder w = watchlist(String.format("wl-%04d", i));
      if (random.nextBoolean()) {
        w.setSectors(List.of(sectors[random.nextInt(sectors.length)]));
      }
      if (random.nextInt(3) == 0) {
        w.setRisks(List.of(risks[random.nextInt(risks.length)]));
      }
      if (random.nextInt(4) == 0) {
        w.setMinLevel(RiskLevel.values()[random.nextInt(4)]);
      }
      if (random.nextInt(3) == 0) {
        w.setQuery(
            words[random.nextInt(words.length)] + " OR " + words[random.nextInt(words.length)]);
      }
      if (random.nextInt(5) == 0) {
        w.setEntities(List.of(random.nextBoolean() ? "Siemens Mobility" : "CATL"));
      }
      watchlists.add(w.build());
    }
    index.putAll(watchlists);
    LinearScanMatcher linear = LinearScanMatcher.of(watchlists);
    String[] texts = {
      "Lithium export tariff rises.", "Rare earth subsidies grow.", "Sanctions on chips.", "Calm."
    };
    for (int i = 0; i < 200; i++) {
      TaggedItem item = item("Item " + i, texts[random.nextInt(texts.length)]);
      item.setSectors(List.of(sectors[random.nextInt(sectors.length)]));
      item.setRisks(
          random.nextBoolean() ? List.of(risks[random.nextInt(risks.length)]) : List.of());
      item.setLevel(RiskLevel.values()[random.nextInt(4)]);

      assertThat(index.match(item)).as("item %d", i).isEqualTo(linear.match(item));
    }
  }

  private static Watchlist.Builder watchlist(String id) {
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId("acme")
        .setName("Watchlist " + id)
        .setCreatedAt(T)
        .setUpdatedAt(T);
  }

  private static TaggedItem with(TaggedItem item, RiskLevel level) {
    item.setLevel(level);
    return item;
  }

  /** A rail policy item naming a European firm, market-access risk, level HIGH. */
  private static TaggedItem item(String title, String body) {
    NewsItem news =
        NewsItem.newBuilder()
            .setId("itm-" + Math.abs((title + body).hashCode()))
            .setKind(ItemKind.POLICY)
            .setTitle(title)
            .setBody(body)
            .setEventDatePrecision(DatePrecision.DAY)
            .setPublisher("test")
            .setPublishedAt(T)
            .build();
    return TaggedItem.newBuilder()
        .setItem(news)
        .setSectors(List.of("rail"))
        .setRisks(List.of("market-access"))
        .setLevel(RiskLevel.HIGH)
        .setScore(80)
        .setEuropeanFirms(List.of("Siemens Mobility"))
        .setIssuingBodies(List.of("NDRC"))
        .setCompanies(List.of("Siemens Mobility", "CRRC"))
        .setTaxonomyVersion("test")
        .setTaggedAt(T)
        .build();
  }
}
