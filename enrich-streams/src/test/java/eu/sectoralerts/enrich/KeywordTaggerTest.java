package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.common.TaxonomyIds;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeywordTaggerTest {

  private final KeywordTagger tagger = new KeywordTagger(Items.CLOCK);

  /** One item per sector id, written for this test: [title, body]. */
  private static final Map<String, List<String>> SECTOR_FIXTURES =
      Map.ofEntries(
          Map.entry(
              "software-it",
              List.of(
                  "Ministry backs domestic industrial software",
                  "Vendors of operating systems and cloud services are asked to grow open source"
                      + " communities and industrial apps.")),
          Map.entry(
              "telecom-ict",
              List.of(
                  "Operators to add 600,000 5G base stations",
                  "Telecom carriers will extend fibre broadband to rural counties and build data"
                      + " centres for computing power.")),
          Map.entry(
              "data-digital",
              List.of(
                  "Draft rules for data trading venues",
                  "The big data plan sets up regional data exchanges and pilots for the digital"
                      + " economy.")),
          Map.entry(
              "semiconductors",
              List.of(
                  "Chipmaker adds wafer capacity",
                  "The foundry plans a new line for memory chips and integrated circuits.")),
          Map.entry(
              "smart-manufacturing",
              List.of(
                  "Factories urged to adopt industrial robots",
                  "Provinces will fund smart factories, numerical control upgrades and industrial"
                      + " internet platforms.")),
          Map.entry(
              "automotive",
              List.of(
                  "Carmakers lower prices of electric vehicles",
                  "Several automakers cut prices of new energy vehicles, and a robotaxi operator"
                      + " widened its autonomous driving zone.")),
          Map.entry(
              "batteries",
              List.of(
                  "Battery maker opens plant for sodium cells",
                  "The company will make battery cells with a new cathode and offer battery"
                      + " swapping for taxis.")),
          Map.entry(
              "energy-cleantech",
              List.of(
                  "Targets for wind power and solar raised",
                  "Grid operators must absorb more renewable electricity and coal plants must cut"
                      + " emissions.")),
          Map.entry(
              "materials-chemicals",
              List.of(
                  "Output caps for steel and cement",
                  "Producers of glass, rare earths and petrochemicals face new quotas.")),
          Map.entry(
              "rail",
              List.of(
                  "Railway plan adds 12,000 km of high-speed rail",
                  "Planners want new maglev lines and more rolling stock built at home.")),
          Map.entry(
              "aerospace-aviation",
              List.of(
                  "Domestic jetliner enters airline service",
                  "A second carrier ordered the aircraft, and three airports added routes for"
                      + " it.")),
          Map.entry(
              "transport-logistics",
              List.of(
                  "Port upgrade to speed up shipping",
                  "Freight on inland waterways and highways will be steered by a smart transport"
                      + " platform.")),
          Map.entry(
              "medical-devices",
              List.of(
                  "Hospitals to buy domestic imaging equipment",
                  "Tenders for CT scanners, ultrasound machines and in vitro diagnostics are"
                      + " planned.")),
          Map.entry(
              "pharma-biotech",
              List.of(
                  "Approval path for innovative drugs shortened",
                  "Reviewers will speed clinical trials for vaccines and biotech medicines.")),
          Map.entry(
              "machinery-equipment",
              List.of(
                  "Support for makers of major technical equipment",
                  "The plan lists machine tools, construction machinery and boilers as"
                      + " priorities.")),
          Map.entry(
              "cross-sector",
              List.of(
                  "Simpler procedures in free trade zones",
                  "Small and medium enterprises in pilot free trade zones get faster"
                      + " standardization and foreign investment procedures.")));

  /** One item per risk id, written for this test: [title, body]. */
  private static final Map<String, List<String>> RISK_FIXTURES =
      Map.ofEntries(
          Map.entry(
              "market-access",
              List.of(
                  "Agencies told to buy domestic products",
                  "Public buyers must favour domestic suppliers and reach full localization of"
                      + " office software, in line with an autonomous and controllable IT goal.")),
          Map.entry(
              "competition",
              List.of(
                  "Subsidies lift national champions",
                  "State support helps local rivals gain market share abroad.")),
          Map.entry(
              "regulatory-compliance",
              List.of(
                  "Cybersecurity checks for cloud vendors",
                  "A new regulation requires security assessments and certification before"
                      + " cloud services go live.")),
          Map.entry(
              "supply-chain",
              List.of(
                  "Export controls on gallium tightened",
                  "Buyers abroad fear shortages and supply chain disruption after the new"
                      + " export licences.")),
          Map.entry(
              "ip-tech-transfer",
              List.of(
                  "Patent disputes rise in joint ventures",
                  "Foreign partners complain of technology transfer demands and of trade"
                      + " secrets leaking.")),
          Map.entry(
              "opportunity",
              List.of(
                  "Import tax exemptions for advanced equipment",
                  "The list opens new opportunities for foreign suppliers of imported"
                      + " equipment.")));

  static Stream<Arguments> sectorFixtures() {
    return TaxonomyIds.SECTORS.stream().map(id -> Arguments.of(id, SECTOR_FIXTURES.get(id)));
  }

  static Stream<Arguments> riskFixtures() {
    return TaxonomyIds.RISKS.stream().map(id -> Arguments.of(id, RISK_FIXTURES.get(id)));
  }

  @Test
  void shouldHaveAFixtureForEverySectorAndRiskId() {
    assertThat(SECTOR_FIXTURES.keySet()).containsExactlyInAnyOrderElementsOf(TaxonomyIds.SECTORS);
    assertThat(RISK_FIXTURES.keySet()).containsExactlyInAnyOrderElementsOf(TaxonomyIds.RISKS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sectorFixtures")
  void shouldTagEachSectorFixtureWithItsSectorAsPrimary(String sector, List<String> text) {
    TaggedItem tagged = tagger.tag(Items.policy("itm-" + sector, text.get(0), text.get(1)).build());

    assertThat(tagged.getSectors()).first().isEqualTo(sector);
    assertThat(evidenceFor(tagged, "sector:" + sector).getMatches()).isNotEmpty();
    assertOffsetsPointAtTheirText(tagged);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("riskFixtures")
  void shouldTagEachRiskFixtureWithItsRiskFirst(String risk, List<String> text) {
    TaggedItem tagged = tagger.tag(Items.policy("itm-" + risk, text.get(0), text.get(1)).build());

    assertThat(tagged.getRisks()).first().isEqualTo(risk);
    assertThat(evidenceFor(tagged, "risk:" + risk).getMatches()).isNotEmpty();
    assertOffsetsPointAtTheirText(tagged);
  }

  @Test
  void shouldFallBackToCrossSectorWhenNoSectorMatches() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy("itm-plain", "Council meets on Tuesday", "Delegates discussed the agenda.")
                .build());

    assertThat(tagged.getSectors()).containsExactly("cross-sector");
    assertThat(tagged.getRisks()).isEmpty();
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.NONE);
    assertThat(tagged.getScore()).isZero();
    assertThat(tagged.getEvidence())
        .containsExactly(
            new Evidence("sector:cross-sector", "sector.fallback", List.of()),
            new Evidence("level:NONE", "level.no-risk", List.of()));
  }

  @Test
  void shouldRankSectorsByMatchesAndKeepAtMostThree() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy(
                    "itm-mixed",
                    "Battery plant, rail depot, steel mill and port",
                    "Batteries and battery cells for trains, lithium too; the railway uses steel.")
                .build());

    // batteries 4 (Battery, Batteries, battery cells, lithium), rail 2, steel 2, port 1
    assertThat(tagged.getSectors()).containsExactly("batteries", "rail", "materials-chemicals");
  }

  @Test
  void shouldNameAEuropeanFirmUnderPressureWithAtLeastMedium() {
    String title = "Regulator opens antitrust probe into SAP unit";
    TaggedItem tagged =
        tagger.tag(
            Items.corporate(
                    "itm-firm",
                    title,
                    "The market watchdog said the software vendor must explain its licence terms.")
                .build());
    int sap = title.indexOf("SAP");

    assertThat(tagged.getEuropeanFirms()).containsExactly("SAP");
    assertThat(tagged.getCompanies()).containsExactly("SAP");
    assertThat(tagged.getRisks()).contains("regulatory-compliance");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(evidenceFor(tagged, "firm:SAP"))
        .isEqualTo(
            new Evidence(
                "firm:SAP", "firm.SAP", List.of(new TextMatch("title", sap, sap + 3, "SAP"))));
    assertThat(evidenceFor(tagged, "level:MEDIUM").getRuleId()).isEqualTo("level.european-firm");
  }

  @Test
  void shouldRateAEuropeanFirmFacingABanAsHigh() {
    TaggedItem tagged =
        tagger.tag(
            Items.corporate(
                    "itm-ban",
                    "Hospitals banned from buying Philips scanners",
                    "Provincial buyers must replace foreign imaging systems with domestic ones.")
                .build());

    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.HIGH);
    assertThat(tagged.getScore()).isGreaterThanOrEqualTo(70);
    assertThat(tagged.getEuropeanFirms()).containsExactly("Philips");
    Evidence level = evidenceFor(tagged, "level:HIGH");
    assertThat(level.getRuleId()).isEqualTo("level.european-firm-severe");
    assertThat(level.getMatches())
        .extracting(TextMatch::getText)
        .containsExactly("banned", "replace foreign");
  }

  @Test
  void shouldRaiseTheScoreOfABanWithoutAnyNamedFirm() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy(
                    "itm-severe",
                    "Foreign cloud vendors banned from provincial contracts",
                    "Officials must replace foreign software with domestic products by next year.")
                .build());

    // market-access with 2 matches: 20 + 2 * 3, plus 25 for the ban
    assertThat(tagged.getRisks()).containsExactly("market-access");
    assertThat(tagged.getScore()).isEqualTo(51);
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(evidenceFor(tagged, "level:MEDIUM").getRuleId()).isEqualTo("level.severe");
  }

  @Test
  void shouldScoreRisksByTheirNumberAndMatches() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy(
                    "itm-two-risks",
                    "Subsidies for national champions",
                    "The plan also warns of shortages.")
                .build());

    // competition (2 matches) and supply-chain (1): 20 + 10 + 3 * 3
    assertThat(tagged.getRisks()).containsExactly("competition", "supply-chain");
    assertThat(tagged.getScore()).isEqualTo(39);
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.LOW);
    assertThat(evidenceFor(tagged, "level:LOW"))
        .isEqualTo(new Evidence("level:LOW", "level.risks", List.of()));
  }

  @Test
  void shouldKeepAtMostThreeRisks() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy(
                    "itm-many-risks",
                    "Subsidies, localization, export controls, patents and new regulation",
                    "Subsidies and localization again, plus export controls.")
                .build());

    assertThat(tagged.getRisks()).containsExactly("competition", "market-access", "supply-chain");
  }

  @Test
  void shouldNeverRateAnOpportunityOnlyItemAboveLow() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy(
                    "itm-opp",
                    "Tariff cuts and tax exemptions for imported equipment",
                    "New opportunities for European suppliers and foreign suppliers: demand for"
                        + " imported equipment and foreign equipment grows, with new opportunities"
                        + " for European partners of Siemens.")
                .build());

    assertThat(tagged.getRisks()).containsExactly("opportunity");
    assertThat(tagged.getEuropeanFirms()).containsExactly("Siemens");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.LOW);
    assertThat(tagged.getScore()).isEqualTo(39);
  }

  @Test
  void shouldUseDeclaredCompaniesAndIssuingBodyUnderTheirCanonicalNames() {
    NewsItem item =
        Items.policy(
                "itm-declared",
                "Notice on vehicle data",
                "Carmakers such as Volkswagen and BYD must keep vehicle data in China.")
            .setIssuingBody("Cyberspace Administration of China and NDRC")
            .setCompanies(List.of("VW Group", "Acme Robotics"))
            .build();

    TaggedItem tagged = tagger.tag(item);

    assertThat(tagged.getCompanies()).containsExactly("Volkswagen", "Acme Robotics", "BYD");
    assertThat(tagged.getEuropeanFirms()).containsExactly("Volkswagen");
    assertThat(tagged.getIssuingBodies()).containsExactly("NDRC", "CAC");
    assertThat(evidenceFor(tagged, "firm:Volkswagen"))
        .isEqualTo(
            new Evidence(
                "firm:Volkswagen",
                "item.companies",
                List.of(new TextMatch("body", 18, 28, "Volkswagen"))));
    assertThat(evidenceFor(tagged, "firm:Acme Robotics"))
        .isEqualTo(new Evidence("firm:Acme Robotics", "item.companies", List.of()));
    assertThat(evidenceFor(tagged, "body:CAC").getRuleId()).isEqualTo("item.issuingBody");
  }

  @Test
  void shouldKeepAnUnknownIssuingBodyAsWritten() {
    TaggedItem tagged =
        tagger.tag(
            Items.policy("itm-body", "Provincial notice", "The notice sets targets.")
                .setIssuingBody(" Guangdong Provincial Government ")
                .build());

    assertThat(tagged.getIssuingBodies()).containsExactly("Guangdong Provincial Government");
  }

  @Test
  void shouldStampVersionAndTaggingTime() {
    TaggedItem tagged = tagger.tag(Items.policy("itm-v", "Title", "Body.").build());

    assertThat(tagged.getTaxonomyVersion()).isEqualTo("keywords-0.1").isEqualTo(tagger.version());
    assertThat(tagged.getTaggedAt()).isEqualTo(Items.NOW);
  }

  @ParameterizedTest
  @CsvSource({
    "0,NONE",
    "14,NONE",
    "15,LOW",
    "39,LOW",
    "40,MEDIUM",
    "69,MEDIUM",
    "70,HIGH",
    "100,HIGH"
  })
  void shouldMapScoresToLevelsByTheTaxonomyThresholds(int score, RiskLevel level) {
    assertThat(KeywordTagger.levelOf(score)).isEqualTo(level);
  }

  static Evidence evidenceFor(TaggedItem tagged, String tag) {
    return tagged.getEvidence().stream()
        .filter(e -> e.getTag().equals(tag))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no evidence for " + tag + " in " + tagged));
  }

  static void assertOffsetsPointAtTheirText(TaggedItem tagged) {
    for (Evidence evidence : tagged.getEvidence()) {
      for (TextMatch match : evidence.getMatches()) {
        String field =
            match.getField().equals("title")
                ? tagged.getItem().getTitle()
                : tagged.getItem().getBody();
        assertThat(field.substring(match.getStart(), match.getEnd()))
            .as("%s in %s", match, evidence.getTag())
            .isEqualTo(match.getText());
      }
    }
  }
}
