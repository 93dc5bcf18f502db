package eu.sectoralerts.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.enrich.Items;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.enrich.taxonomy.TestTaxonomies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the tagger turns matches into tags, on a small taxonomy whose terms are made-up words
 * ("term-rail" signals rail), so every figure below can be worked out by hand: a concept weighs 2,
 * a title match counts twice, tags need a score of 2 and half the best score.
 */
class TaxonomyTaggerTest {

  private static TaxonomyTagger tagger(String yaml) {
    return TaxonomyTagger.compile(Taxonomy.parse("test.yaml", yaml), Items.CLOCK);
  }

  private static final TaxonomyTagger TAGGER = tagger(TestTaxonomies.minimal());

  private static TaggedItem tag(String title, String body) {
    return TAGGER.tag(Items.policy("itm-test", title, body).build());
  }

  private static TextMatch match(String field, String text, String words, int occurrence) {
    int start = -1;
    for (int i = 0; i <= occurrence; i++) {
      start = text.indexOf(words, start + 1);
    }
    assertThat(start).as("fixture has '%s' #%d", words, occurrence).isNotNegative();
    return new TextMatch(field, start, start + words.length(), words);
  }

  static Evidence evidenceFor(TaggedItem tagged, String tag) {
    return tagged.getEvidence().stream()
        .filter(e -> e.getTag().equals(tag))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no evidence for " + tag + " in " + tagged));
  }

  @Test
  void shouldCountATitleMatchTwiceAndKeepOnlyTagsNearTheTop() {
    // rail: 2 x 2 (title) + 2 = 6; automotive: 2, below half of 6
    TaggedItem tagged = tag("News on term-rail", "A term-rail line and a term-automotive plant.");

    assertThat(tagged.getSectors()).containsExactly("rail");
  }

  @Test
  void shouldRankSectorsByScoreThenByFirstMention() {
    // automotive 4; rail and energy 2 each, half of 4: ties go in order of first mention
    TaggedItem tagged =
        tag(
            "Plans",
            "term-rail, term-energy-cleantech and term-automotive, then term-automotive again.");

    assertThat(tagged.getSectors()).containsExactly("automotive", "rail", "energy-cleantech");
  }

  @Test
  void shouldKeepAtMostThreeSectors() {
    TaggedItem tagged =
        tag("Plans", "term-rail term-automotive term-batteries term-semiconductors.");

    assertThat(tagged.getSectors()).containsExactly("rail", "automotive", "batteries");
  }

  @Test
  void shouldCountAtMostMaxHitsMatchesOfAConcept() {
    // rail: 5 matches, 3 counted, x 2 = 6; automotive 2 x 2 = 4 is at least half of 6
    TaggedItem many = tag("Plans", "term-rail term-rail term-rail term-rail term-rail.");
    TaggedItem mixed =
        tag("Plans", "term-rail term-rail term-rail term-rail term-automotive term-automotive.");

    assertThat(many.getSectors()).containsExactly("rail");
    assertThat(mixed.getSectors()).containsExactly("rail", "automotive");
    assertThat(evidenceFor(many, "sector:rail").getMatches()).hasSize(5);
  }

  @Test
  void shouldPointEvidenceAtTheExactWordsOfTitleAndBody() {
    String title = "Why term-rail matters";
    String body = "First the Term-Rail line, then the\nterm-rail depot.";

    TaggedItem tagged = tag(title, body);

    assertThat(evidenceFor(tagged, "sector:rail"))
        .isEqualTo(
            new Evidence(
                "sector:rail",
                "sector.rail",
                List.of(
                    match("title", title, "term-rail", 0),
                    match("body", body, "Term-Rail", 0),
                    match("body", body, "term-rail", 0))));
    assertThat(tagged.getTaxonomyVersion()).isEqualTo("test-1").isEqualTo(TAGGER.version());
    assertThat(tagged.getTaggedAt()).isEqualTo(Items.NOW);
  }

  @Test
  void shouldNotCountATitleThatRepeatsTheBodysFirstWords() {
    String body = "Regulators back term-rail upgrades across the region.";

    TaggedItem tagged = tag("Regulators back term-rail upgrades…", body);

    assertThat(evidenceFor(tagged, "sector:rail").getMatches())
        .containsExactly(match("body", body, "term-rail", 0));
  }

  @Test
  void shouldFallBackToTheSectorOfANamedCompanyThenToCrossSector() {
    TaggedItem company = tag("Acme Werke expands", "Acme Werke opens a site.");
    TaggedItem nothing = tag("Council meets", "Delegates discussed the agenda.");

    assertThat(company.getSectors()).containsExactly("machinery-equipment");
    assertThat(evidenceFor(company, "sector:machinery-equipment").getRuleId())
        .isEqualTo("sector.from-company");
    assertThat(nothing.getSectors()).containsExactly("cross-sector");
    assertThat(nothing.getEvidence())
        .containsExactly(
            new Evidence("sector:cross-sector", "sector.fallback", List.of()),
            new Evidence("level:NONE", "level.no-risk", List.of()));
  }

  @Test
  void shouldCancelAMatchInsideAnUnlessPhrase() {
    TaxonomyTagger withUnless =
        tagger(
            TestTaxonomies.minimal()
                .replace(
                    "terms: [term-rail]",
                    "terms: [term-rail]\n        unless: [term-rail museum]"));

    TaggedItem tagged =
        withUnless.tag(
            Items.policy("itm-u", "Culture", "The term-rail museum opened; term-energy-cleantech.")
                .build());

    assertThat(tagged.getSectors()).containsExactly("energy-cleantech");
  }

  @Test
  void shouldCountNestedPhrasesOfOneSectorOnce() {
    TaxonomyTagger nested =
        tagger(
            TestTaxonomies.minimal()
                .replace(
                    "      - id: sector.rail\n",
                    "      - id: sector.rail-line\n        weight: 5\n"
                        + "        terms: [term-rail line]\n      - id: sector.rail\n"));
    String body = "A term-rail line.";

    TaggedItem tagged = nested.tag(Items.policy("itm-n", "Plans", body).build());

    assertThat(tagged.getEvidence())
        .contains(
            new Evidence(
                "sector:rail",
                "sector.rail-line",
                List.of(match("body", body, "term-rail line", 0))))
        .noneMatch(e -> e.getRuleId().equals("sector.rail"));
  }

  @Test
  void shouldRateAnItemWithoutRisksNone() {
    TaggedItem tagged = tag("Plans", "A term-rail line.");

    assertThat(tagged.getRisks()).isEmpty();
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.NONE);
    assertThat(tagged.getScore()).isZero();
  }

  @Test
  void shouldNeverRateAnOpportunityOnlyItemAboveLow() {
    TaggedItem tagged =
        tag(
            "Acme Werke and foreign firms welcome term-opportunity",
            "term-opportunity for foreign firms, banned nothing, embargo lifted: term-opportunity.");

    assertThat(tagged.getRisks()).containsExactly("opportunity");
    assertThat(tagged.getEuropeanFirms()).containsExactly("Acme Werke");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.LOW);
    assertThat(tagged.getScore()).isEqualTo(20);
    assertThat(evidenceFor(tagged, "level:LOW").getRuleId()).isEqualTo("level.opportunity-only");
  }

  @Test
  void shouldScoreRisksByTheirNumber() {
    TaggedItem one = tag("Plans", "term-competition.");
    TaggedItem two = tag("Plans", "term-competition and term-supply-chain.");

    assertThat(one.getScore()).isEqualTo(20);
    assertThat(one.getLevel()).isEqualTo(RiskLevel.LOW);
    assertThat(two.getRisks()).containsExactly("competition", "supply-chain");
    assertThat(two.getScore()).isEqualTo(25);
    assertThat(evidenceFor(two, "level:LOW").getRuleId()).isEqualTo("level.risks");
  }

  @Test
  void shouldRaiseTheLevelWhenForeignFirmsShareASentenceWithARisk() {
    String body = "Foreign firms face term-competition. Later, term-opportunity.";
    TaggedItem tagged = tag("Plans", body);

    assertThat(tagged.getScore()).isEqualTo(20 + 25);
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(evidenceFor(tagged, "level:MEDIUM"))
        .isEqualTo(
            new Evidence(
                "level:MEDIUM",
                "level.exposure",
                List.of(match("body", body, "Foreign firms", 0))));
  }

  @Test
  void shouldTakeAnExposureAdjectiveBeforeACompanyNounForForeignFirms() {
    String body = "Foreign machine tool makers face term-competition.";
    TaggedItem tagged = tag("Plans", body);
    TaggedItem tooFar =
        tag("Plans", "Foreign rules on big old machine tool makers: term-competition.");

    assertThat(tagged.getScore()).isEqualTo(45);
    assertThat(evidenceFor(tagged, "level:MEDIUM").getMatches())
        .containsExactly(match("body", body, "Foreign machine tool makers", 0));
    assertThat(tooFar.getScore()).isEqualTo(20);
  }

  @Test
  void shouldNotCountForeignFirmsInASentenceAboutAnOpening() {
    TaggedItem tagged = tag("Plans", "Foreign firms see term-competition and term-opportunity.");

    assertThat(tagged.getScore()).isEqualTo(20);
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void shouldRaiseTheLevelOfASevereCueAnywhere() {
    TaggedItem tagged = tag("Embargo talk", "Buyers fear term-supply-chain problems.");

    assertThat(tagged.getScore()).isEqualTo(45);
    assertThat(evidenceFor(tagged, "level:MEDIUM").getRuleId()).isEqualTo("level.severe");
  }

  @Test
  void shouldRateANamedEuropeanFirmWithARiskAtLeastMedium() {
    TaggedItem tagged = tag("Plans", "Acme Werke sees term-ip-tech-transfer.");

    assertThat(tagged.getEuropeanFirms()).containsExactly("Acme Werke");
    assertThat(tagged.getScore()).isEqualTo(40);
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(evidenceFor(tagged, "level:MEDIUM").getRuleId()).isEqualTo("level.european-firm");
  }

  @Test
  void shouldRateHighOnlyADirectCueAimedAtAForeignFirm() {
    String body = "Acme Werke was banned from bidding amid term-market-access worries.";
    TaggedItem aimed = tag("Plans", body);
    TaggedItem unaimed = tag("Plans", "Lotus Chips was banned; term-market-access.");

    assertThat(aimed.getLevel()).isEqualTo(RiskLevel.HIGH);
    assertThat(aimed.getScore()).isEqualTo(70);
    assertThat(evidenceFor(aimed, "level:HIGH"))
        .isEqualTo(
            new Evidence("level:HIGH", "level.direct", List.of(match("body", body, "banned", 0))));
    assertThat(unaimed.getLevel()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void shouldCapEverythingButADirectCueBelowHigh() {
    TaggedItem tagged =
        tag(
            "Embargo",
            "Foreign firms fear term-competition, term-supply-chain and term-market-access.");

    // 20 + 2 x 5 + 25 (exposure) + 25 (severe) = 80, capped at 69
    assertThat(tagged.getScore()).isEqualTo(69);
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  void shouldMatchCompanyNamesOnlyInTheirLetterCase() {
    TaggedItem tagged = tag("Plans", "acme werke and ACME WERKE are not Acme Werke.");

    assertThat(tagged.getCompanies()).containsExactly("Acme Werke");
    assertThat(evidenceFor(tagged, "firm:Acme Werke").getMatches()).hasSize(1);
  }

  @Test
  void shouldRecogniseAEuropeanFirmIntroducedByNationalityAndCompanyNoun() {
    String body = "The German machine tool maker Zeta Tools Group said Chinese maker Lotus Chips";
    TaggedItem tagged = tag("Plans", body + " won a deal; term-competition.");

    assertThat(tagged.getEuropeanFirms()).containsExactly("Zeta Tools Group");
    assertThat(tagged.getCompanies()).containsExactly("Lotus Chips", "Zeta Tools Group");
    assertThat(evidenceFor(tagged, "firm:Zeta Tools Group"))
        .isEqualTo(
            new Evidence(
                "firm:Zeta Tools Group",
                "firm.nationality-pattern",
                List.of(match("body", body, "German machine tool maker Zeta Tools Group", 0))));
  }

  @Test
  void shouldResolveDeclaredCompaniesAndFlagAnUnknownOneAfterAEuropeanNationality() {
    NewsItem item =
        Items.corporate("itm-c", "Deal", "Lotus Chips works with German Nordlicht on sensors.")
            .setCompanies(List.of("Acme Werke GmbH", "Nordlicht", "Lotus Chips"))
            .build();

    TaggedItem tagged = TAGGER.tag(item);

    assertThat(tagged.getCompanies()).containsExactly("Acme Werke", "Nordlicht", "Lotus Chips");
    assertThat(tagged.getEuropeanFirms()).containsExactly("Acme Werke", "Nordlicht");
    assertThat(evidenceFor(tagged, "firm:Acme Werke").getRuleId()).isEqualTo("item.companies");
  }

  @Test
  void shouldMapADeclaredIssuingBodyToItsCanonicalNameOrKeepItAsWritten() {
    NewsItem known =
        Items.policy("itm-b", "Notice", "The ministry spoke.")
            .setIssuingBody("Ministry of Industry and Information Technology")
            .build();
    NewsItem unknown =
        Items.policy("itm-b2", "Notice", "The bureau spoke.")
            .setIssuingBody(" Harbour Bureau ")
            .build();

    assertThat(TAGGER.tag(known).getIssuingBodies()).containsExactly("MIIT");
    assertThat(evidenceFor(TAGGER.tag(known), "body:MIIT").getRuleId())
        .isEqualTo("item.issuingBody");
    assertThat(TAGGER.tag(unknown).getIssuingBodies()).containsExactly("Harbour Bureau");
  }

  @Test
  void shouldTakeTheIssuerOfAPolicyFromItsFirstSentenceOnly() {
    TaggedItem policy =
        tag(
            "Notice out",
            "The MIIT issued a notice. Later the Ministry of Industry and Information"
                + " Technology explained it.");
    TaggedItem elsewhere = tag("Notice out", "A notice came out. The MIIT explained it.");
    TaggedItem corporate =
        TAGGER.tag(Items.corporate("itm-k", "Deal", "The MIIT approved the deal.").build());

    assertThat(policy.getIssuingBodies()).containsExactly("MIIT");
    assertThat(evidenceFor(policy, "body:MIIT").getMatches()).hasSize(2);
    assertThat(elsewhere.getIssuingBodies()).isEmpty();
    assertThat(corporate.getIssuingBodies()).isEmpty();
  }

  @Test
  void shouldFindTheSameTagsWhateverTheMatcher() {
    NewsItem item =
        Items.policy(
                "itm-m",
                "Foreign firms and term-rail",
                "Acme Werke sees term-rail term-rail line, term-competition; embargo.")
            .build();
    TaxonomyTagger naive =
        TaxonomyTagger.compile(
            Taxonomy.parse("test.yaml", TestTaxonomies.minimal()),
            Items.CLOCK,
            keywords ->
                (text, sink) -> {
                  for (int k = 0; k < keywords.size(); k++) {
                    for (int at = text.indexOf(keywords.get(k));
                        at >= 0;
                        at = text.indexOf(keywords.get(k), at + 1)) {
                      sink.found(k, at);
                    }
                  }
                });

    assertThat(naive.tag(item)).isEqualTo(TAGGER.tag(item));
  }
}
