package eu.sectoralerts.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.enrich.Items;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The taxonomy shipped with enrich-streams on items written for this test: each sector and risk
 * kind is recognised from ordinary wording, and the level rules of taxonomy.md hold.
 */
class ShippedTaxonomyTest {

  private static final TaxonomyTagger TAGGER =
      TaxonomyTagger.compile(Taxonomy.loadDefault(), Items.CLOCK);

  /** One item per sector id: [title, body]. */
  private static final Map<String, List<String>> SECTOR_FIXTURES =
      Map.ofEntries(
          Map.entry(
              "software-it",
              List.of(
                  "Province funds home-grown office software",
                  "Developers of operating systems, databases and industrial apps get grants to"
                      + " build open-source communities and cloud services.")),
          Map.entry(
              "telecom-ict",
              List.of(
                  "Carriers to add base stations",
                  "The three telecom operators plan more 5G base stations, gigabit fibre-optic"
                      + " links and new data centres.")),
          Map.entry(
              "data-digital",
              List.of(
                  "Coastal city opens a data exchange",
                  "The venue lets firms trade data elements under the big data plan, a pilot of"
                      + " the digital economy.")),
          Map.entry(
              "semiconductors",
              List.of(
                  "Foundry adds a wafer line",
                  "The chipmaker will make memory chips and integrated circuits for phones, using"
                      + " domestic lithography tools.")),
          Map.entry(
              "smart-manufacturing",
              List.of(
                  "Factories told to adopt robots",
                  "Grants cover industrial robots, numerical control upgrades and industrial"
                      + " internet platforms for smart factories.")),
          Map.entry(
              "automotive",
              List.of(
                  "Carmakers cut prices of electric vehicles",
                  "Several automakers lowered prices of new energy vehicles while a robotaxi fleet"
                      + " widened its autonomous driving zone.")),
          Map.entry(
              "batteries",
              List.of(
                  "Battery maker opens a sodium-ion plant",
                  "The firm will produce battery cells and offer battery swapping stations for"
                      + " taxis.")),
          Map.entry(
              "energy-cleantech",
              List.of(
                  "Targets for wind power and solar raised",
                  "Grid operators must take more renewable electricity while coal plants cut"
                      + " emissions and improve energy efficiency.")),
          Map.entry(
              "materials-chemicals",
              List.of(
                  "Output caps for steel and cement",
                  "Producers of flat glass, rare earths and petrochemicals face new quotas.")),
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
                      + " platform, says the logistics bureau.")),
          Map.entry(
              "medical-devices",
              List.of(
                  "Hospitals to buy domestic imaging equipment",
                  "Tenders for CT scanners, ultrasound machines and in vitro diagnostics are"
                      + " planned as the medical devices market grows.")),
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

  /** One item per risk id: [title, body]. */
  private static final Map<String, List<String>> RISK_FIXTURES =
      Map.ofEntries(
          Map.entry(
              "market-access",
              List.of(
                  "Agencies told to buy domestic products",
                  "Public procurement must favour domestic suppliers and reach full localization of"
                      + " office software under a secure and controllable goal.")),
          Map.entry(
              "competition",
              List.of(
                  "Subsidies lift national champions",
                  "State support helps local rivals win market share in third markets.")),
          Map.entry(
              "regulatory-compliance",
              List.of(
                  "Cybersecurity checks for cloud vendors",
                  "New regulations require security assessments and certification before"
                      + " cross-border data transfers.")),
          Map.entry(
              "supply-chain",
              List.of(
                  "Export controls on gallium tightened",
                  "Buyers abroad fear shortages and disruptions after new export licences.")),
          Map.entry(
              "ip-tech-transfer",
              List.of(
                  "Patent disputes rise in joint ventures",
                  "Partners complain of technology transfer demands and of trade secrets leaking.")),
          Map.entry(
              "opportunity",
              List.of(
                  "Import tax exemptions for advanced equipment",
                  "The list opens new opportunities for foreign suppliers as demand for imported"
                      + " machines grows.")));

  static Stream<Arguments> sectorFixtures() {
    return TaxonomyIds.SECTORS.stream().map(id -> Arguments.of(id, SECTOR_FIXTURES.get(id)));
  }

  static Stream<Arguments> riskFixtures() {
    return TaxonomyIds.RISKS.stream().map(id -> Arguments.of(id, RISK_FIXTURES.get(id)));
  }

  private static TaggedItem tag(NewsItem.Builder item) {
    return TAGGER.tag(item.build());
  }

  @Test
  void shouldHaveAFixtureForEverySectorAndRiskId() {
    assertThat(SECTOR_FIXTURES.keySet()).containsExactlyInAnyOrderElementsOf(TaxonomyIds.SECTORS);
    assertThat(RISK_FIXTURES.keySet()).containsExactlyInAnyOrderElementsOf(TaxonomyIds.RISKS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sectorFixtures")
  void shouldTagEachSectorFixtureWithItsSectorAsPrimary(String sector, List<String> text) {
    TaggedItem tagged = tag(Items.policy("itm-" + sector, text.get(0), text.get(1)));

    assertThat(tagged.getSectors()).first().isEqualTo(sector);
    assertThat(TaxonomyTaggerTest.evidenceFor(tagged, "sector:" + sector).getMatches())
        .isNotEmpty();
    assertOffsetsPointAtTheirText(tagged);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("riskFixtures")
  void shouldTagEachRiskFixtureWithItsRiskFirst(String risk, List<String> text) {
    TaggedItem tagged = tag(Items.policy("itm-" + risk, text.get(0), text.get(1)));

    assertThat(tagged.getRisks()).first().isEqualTo(risk);
    assertThat(TaxonomyTaggerTest.evidenceFor(tagged, "risk:" + risk).getMatches()).isNotEmpty();
    assertOffsetsPointAtTheirText(tagged);
  }

  @Test
  void shouldLeaveAnItemWithoutSignalsCrossSectorAndNone() {
    TaggedItem tagged =
        tag(
            Items.policy(
                "itm-plain", "Council meets on Tuesday", "Delegates discussed the agenda."));

    assertThat(tagged.getSectors()).containsExactly("cross-sector");
    assertThat(tagged.getRisks()).isEmpty();
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.NONE);
  }

  @Test
  void shouldKeepAnOpportunityOnlyItemLowEvenWithAEuropeanFirm() {
    TaggedItem tagged =
        tag(
            Items.policy(
                "itm-opp",
                "Tariff cuts for imported scanners",
                "Hospitals may import equipment duty free, which creates new opportunities for"
                    + " European suppliers such as Philips."));

    assertThat(tagged.getRisks()).containsExactly("opportunity");
    assertThat(tagged.getEuropeanFirms()).containsExactly("Philips");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void shouldRateANamedEuropeanFirmFacingARiskAtLeastMedium() {
    TaggedItem tagged =
        tag(
            Items.corporate(
                "itm-sap",
                "Regulator opens antitrust probe into SAP unit",
                "The market watchdog said the software vendor must explain its licence terms."));

    assertThat(tagged.getEuropeanFirms()).containsExactly("SAP");
    assertThat(tagged.getRisks()).contains("regulatory-compliance");
    assertThat(tagged.getLevel()).isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
  }

  @Test
  void shouldRateANamedEuropeanFirmUnderPressureHigh() {
    TaggedItem tagged =
        tag(
            Items.corporate(
                "itm-pressure",
                "Dutch chip tool maker pressured",
                "The Dutch lithography supplier ASML was pressured by officials to stop using"
                    + " parts from a blacklisted country."));

    assertThat(tagged.getEuropeanFirms()).containsExactly("ASML");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.HIGH);
    assertThat(TaxonomyTaggerTest.evidenceFor(tagged, "level:HIGH").getRuleId())
        .isEqualTo("level.direct");
  }

  @Test
  void shouldRateABanOnForeignFirmsHigh() {
    TaggedItem tagged =
        tag(
            Items.policy(
                "itm-ban",
                "Provinces ban foreign cloud vendors",
                "Foreign companies are banned from bidding for provincial cloud contracts, which go"
                    + " to domestic suppliers instead."));

    assertThat(tagged.getRisks()).contains("market-access");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void shouldRateSanctionsWithoutATargetedFirmMediumNotHigh() {
    TaggedItem tagged =
        tag(
            Items.corporate(
                "itm-sanctions",
                "Chip startups raise money despite sanctions",
                "Under export controls, local chipmakers raised funds to secure supply chains."));

    assertThat(tagged.getRisks()).contains("supply-chain");
    assertThat(tagged.getLevel()).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  void shouldNotTakeContinentalEuropeForTheCompany() {
    TaggedItem tagged =
        tag(
            Items.corporate(
                "itm-europe",
                "Ride-hailing firm eyes Continental Europe",
                "The platform wants to enter Continental European markets next year."));

    assertThat(tagged.getEuropeanFirms()).isEmpty();
    assertThat(tagged.getCompanies()).isEmpty();
  }

  @Test
  void shouldFindAnIssuingBodyByItsFullNameInTheLead() {
    TaggedItem tagged =
        tag(
            Items.policy(
                "itm-body",
                "Plan for railway research",
                "The National Railway Administration issued a research plan for maglev lines."));

    assertThat(tagged.getIssuingBodies()).containsExactly("NRA");
  }

  @Test
  void shouldMatchInflectedFormsOfAConcept() {
    TaggedItem tagged =
        tag(
            Items.policy(
                "itm-localise",
                "Hospitals told to localise purchases",
                "Buyers are localising orders of imaging systems."));

    Evidence evidence = TaxonomyTaggerTest.evidenceFor(tagged, "risk:market-access");
    assertThat(evidence.getMatches())
        .extracting(TextMatch::getText)
        .contains("localise", "localising");
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
