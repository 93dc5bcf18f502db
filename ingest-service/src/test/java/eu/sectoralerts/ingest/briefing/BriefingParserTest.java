package eu.sectoralerts.ingest.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parser on invented briefings that imitate the shapes analysts receive. */
class BriefingParserTest {

  static final Instant NOW = Instant.parse("2024-05-01T08:00:00.123456Z");
  private final BriefingParser parser = new BriefingParser(Clock.fixed(NOW, ZoneOffset.UTC));

  static String fixture(String name) {
    try (InputStream in = BriefingParserTest.class.getResourceAsStream("/briefings/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ParsedBriefing parse(String text) {
    return parser.parse("test.md", text, "unit-test");
  }

  private static List<String> titles(ParsedBriefing briefing) {
    return briefing.items().stream().map(NewsItem::getTitle).toList();
  }

  private static NewsItem titled(ParsedBriefing briefing, String title) {
    return briefing.items().stream()
        .filter(i -> i.getTitle().equals(title))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no item titled " + title + " in " + titles(briefing)));
  }

  @Nested
  class MarkdownBriefing {
    private final ParsedBriefing briefing =
        parser.parse("markdown-briefing.md", fixture("markdown-briefing.md"), "analyst-jane");

    @Test
    void shouldFindTopStoriesTheirDatedBulletsAndTheNewsBulletsInDocumentOrder() {
      assertThat(briefing.briefingDate()).isEqualTo(LocalDate.of(2023, 4, 6));
      assertThat(titles(briefing))
          .containsExactly(
              "Shipbuilders get a plan for greener hulls",
              "Drone makers face a new export licence",
              "Robot vendors pour money into servo motors",
              "Servo startup Quicklink Drives raises CNY 300 million from a fund backed by robot"
                  + " maker Estun",
              "Industrial robot maker Efort opens a servo motor plant in Wuhu",
              "NDRC publishes a draft list of encouraged industries for foreign investment in the"
                  + " central provinces",
              "The State Council issues opinions on speeding up the rollout of charging piles in"
                  + " rural counties",
              "Chinese battery maker Gotion signs an agreement to supply cells to a Slovak car"
                  + " plant",
              "Volkswagen announces a new software joint venture in Hefei");
      assertThat(briefing.items())
          .extracting(NewsItem::getSection)
          .containsExactly(
              "top", "top", "top", "top", "top", "policy", "policy", "corporate", "corporate");
    }

    @Test
    void shouldReadATopStorysFieldsIntoTheItem() {
      NewsItem ships = titled(briefing, "Shipbuilders get a plan for greener hulls");

      assertThat(ships.getKind()).isEqualTo(ItemKind.POLICY);
      assertThat(ships.getEventDate()).isEqualTo(LocalDate.of(2023, 3, 14));
      assertThat(ships.getEventDatePrecision()).isEqualTo(DatePrecision.DAY);
      assertThat(ships.getIssuingBody()).isEqualTo("MIIT");
      assertThat(ships.getPolicyName())
          .isEqualTo("Action Plan for Green Ship Manufacturing (2023-2026)");
      assertThat(ships.getPolicyNameOriginal()).isEqualTo("绿色船舶制造行动方案（2023-2026年）");
      assertThat(ships.getSources())
          .containsExactly(
              new SourceRef("markdown-briefing.md", null),
              new SourceRef(
                  "Action Plan for Green Ship Manufacturing (2023-2026)",
                  "https://example.org/ship-plan"));
      assertThat(ships.getPublisher()).isEqualTo("analyst-jane");
      assertThat(ships.getPublishedAt()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123Z"));
    }

    @Test
    void shouldWriteBodiesAsCleanTextWithoutMarkdownLinksOrTags() {
      NewsItem ships = titled(briefing, "Shipbuilders get a plan for greener hulls");

      assertThat(ships.getBody())
          .isEqualTo(
              "At a glance: The MIIT wants shipyards to cut fuel use per hull under the 14th"
                  + " Five-Year Plan and to adopt methanol engines by 2026. The plan names three"
                  + " targets:\n\n"
                  + "- Build ten pilot yards for electric ferries\n"
                  + "- Raise the share of domestic marine engines to 70 percent\n"
                  + "- Certify yards under a new (voluntary) green label\n\n"
                  + "MERICS comment: Foreign engine suppliers such as Finnish Wärtsilä may lose"
                  + " orders as yards favour local engines.");
      for (NewsItem item : briefing.items()) {
        assertThat(item.getTitle() + item.getBody())
            .doesNotContain("**", "](", "<sup>", "</", "\\(", "##", "*", "__");
      }
    }

    @Test
    void shouldMakeItemsOfDatedBulletsInsideATopStoryAndDateTheStoryByTheFirst() {
      NewsItem story = titled(briefing, "Robot vendors pour money into servo motors");
      NewsItem quicklink = briefing.items().get(3);
      NewsItem efort = briefing.items().get(4);

      assertThat(story.getKind()).isEqualTo(ItemKind.CORPORATE);
      assertThat(story.getEventDate()).isEqualTo(LocalDate.of(2023, 3, 8));
      assertThat(story.getBody()).doesNotContain("Quicklink", "Efort");
      assertThat(quicklink.getKind()).isEqualTo(ItemKind.CORPORATE);
      assertThat(quicklink.getEventDate()).isEqualTo(LocalDate.of(2023, 3, 8));
      assertThat(quicklink.getBody())
          .isEqualTo(
              "Servo startup Quicklink Drives raises CNY 300 million from a fund backed by robot"
                  + " maker Estun");
      assertThat(quicklink.getCompanies()).containsExactly("Quicklink Drives", "Estun");
      assertThat(efort.getEventDate()).isEqualTo(LocalDate.of(2023, 3, 21));
      assertThat(efort.getSources())
          .containsExactly(
              new SourceRef("markdown-briefing.md", null),
              new SourceRef("Company announcement (CN)", null),
              new SourceRef("Gasgoo article (EN)", "https://example.org/efort"));
    }

    @Test
    void shouldTakeKindAndIssuingBodyOfNewsBulletsFromTheirSection() {
      NewsItem list = briefing.items().get(5);
      NewsItem charging = briefing.items().get(6);
      NewsItem gotion = briefing.items().get(7);

      assertThat(list.getKind()).isEqualTo(ItemKind.POLICY);
      assertThat(list.getIssuingBody()).isEqualTo("NDRC");
      assertThat(list.getEventDate()).isEqualTo(LocalDate.of(2023, 3, 3));
      assertThat(list.getSources()).contains(new SourceRef("NDRC draft (CN)", null));
      assertThat(charging.getIssuingBody()).isEqualTo("State Council");
      assertThat(gotion.getKind()).isEqualTo(ItemKind.CORPORATE);
      assertThat(gotion.getIssuingBody()).isNull();
      assertThat(gotion.getCompanies()).containsExactly("Gotion");
    }

    @Test
    void shouldKeepANestedLineWithTheBulletAboveIt() {
      assertThat(briefing.items().get(7).getBody())
          .isEqualTo(
              "Chinese battery maker Gotion signs an agreement to supply cells to a Slovak car"
                  + " plant\n- The contract runs for five years.");
    }

    @Test
    void shouldIgnoreContentsIntroductionAuthorsAndPublisher() {
      String everything =
          briefing.items().stream()
              .map(i -> i.getTitle() + " " + i.getBody())
              .collect(Collectors.joining(" "));
      assertThat(everything)
          .doesNotContain("invented briefing", "Jane Doe", "Sample Street", "Mercator");
    }
  }

  @Nested
  class PlainTextBriefing {
    private final ParsedBriefing briefing =
        parser.parse("plain-briefing.txt", fixture("plain-briefing.txt"), "analyst-max");

    @Test
    void shouldFindStoriesNumberedWithoutMarkupAndTheirFieldsAfterTheComment() {
      assertThat(briefing.items()).hasSize(7);
      NewsItem hydrogen = briefing.items().get(0);
      assertThat(hydrogen.getTitle()).isEqualTo("Hydrogen trucks get a subsidy round");
      assertThat(hydrogen.getKind()).isEqualTo(ItemKind.POLICY);
      assertThat(hydrogen.getIssuingBody()).isEqualTo("MOF");
      assertThat(hydrogen.getPolicyName())
          .isEqualTo("Notice on the Second Round of Fuel Cell Vehicle Demonstration City Clusters");
      assertThat(hydrogen.getPolicyNameOriginal()).isEqualTo("关于开展第二轮燃料电池汽车示范城市群工作的通知");
      assertThat(hydrogen.getBody()).doesNotContain("Article:", "Issuing body:", "Date:");
      assertThat(hydrogen.getBody()).endsWith("favours local stack makers.");
    }

    @Test
    void shouldPutDecemberBulletsOfAJanuaryPeriodInThePreviousYear() {
      assertThat(briefing.items())
          .extracting(NewsItem::getEventDate)
          .containsExactly(
              LocalDate.of(2023, 12, 28),
              LocalDate.of(2024, 1, 15),
              LocalDate.of(2023, 12, 19),
              LocalDate.of(2024, 1, 9),
              LocalDate.of(2024, 1, 22),
              LocalDate.of(2023, 12, 29),
              LocalDate.of(2024, 1, 16));
    }

    @Test
    void shouldReadItalicBoldAndPlainBulletDates() {
      assertThat(titles(briefing).subList(2, 5))
          .containsExactly(
              "CAC releases draft rules on labelling content made by generative models",
              "MIIT issues a catalogue of priority industrial robots for public procurement",
              "SAMR fines two cement producers for price collusion");
      assertThat(briefing.items().subList(2, 5))
          .extracting(NewsItem::getIssuingBody)
          .containsExactly("CAC", "MIIT", "SAMR");
    }

    @Test
    void shouldNameTheCompaniesOfCorporateBullets() {
      assertThat(briefing.items().get(5).getCompanies()).containsExactly("Hua Hong");
      assertThat(briefing.items().get(6).getCompanies()).containsExactly("BASF");
      assertThat(briefing.items().get(6).getKind()).isEqualTo(ItemKind.CORPORATE);
    }
  }

  @Nested
  class PolicyOverview {
    private final ParsedBriefing briefing =
        parser.parse("overview.txt", fixture("overview.txt"), "analyst-jane");

    @Test
    void shouldMakeOneMonthDatedPolicyItemPerPlan() {
      assertThat(titles(briefing))
          .containsExactly("Robotics", "Power Grid Digitalisation", "Industrial Design");
      assertThat(briefing.briefingDate()).isEqualTo(LocalDate.of(2023, 6, 1));
      for (NewsItem item : briefing.items()) {
        assertThat(item.getKind()).isEqualTo(ItemKind.POLICY);
        assertThat(item.getSection()).isEqualTo("overview");
        assertThat(item.getEventDate()).isEqualTo(LocalDate.of(2023, 6, 1));
        assertThat(item.getEventDatePrecision()).isEqualTo(DatePrecision.MONTH);
      }
    }

    @Test
    void shouldTakeTheIssuingBodyFromThePlanOrElseFromTheIntroduction() {
      assertThat(briefing.items())
          .extracting(NewsItem::getIssuingBody)
          .containsExactly("MIIT, NEA", "NEA", "MIIT, NEA");
    }

    @Test
    void shouldCleanExportDebrisAndStopBeforeTheClosingWords() {
      NewsItem robotics = briefing.items().get(0);
      NewsItem design = briefing.items().get(2);

      assertThat(robotics.getBody())
          .isEqualTo(
              "Key message: The plan aims to double the density of industrial robots in"
                  + " factories and to raise the share of domestic reducers and controllers.\n\n"
                  + "The plan lists three weaknesses:\n\n"
                  + "- 1. Precision reducers still depend on imports.\n"
                  + "- 2. Controllers lag in software.\n"
                  + "- Up to 60% domestic share of servo systems\n"
                  + "- Building five robot testing centres");
      assertThat(design.getBody())
          .endsWith("The plan invites foreign design firms to open studios in pilot zones.");
    }
  }

  @Nested
  class HeadingVariations {

    @Test
    void shouldAcceptTopHeadingsWrittenInDifferentWays() {
      for (String heading : List.of("## MERICS TOP 5", "MERICs TOP 5", "**Top 5**", "### Top 3")) {
        String text =
            """
            MAY 3, 2024

            %s

            ## 1. Harbour cranes go digital

            At a glance: A plan asks ports to connect their cranes to a shared data platform.
            """
                .formatted(heading);
        assertThat(titles(parse(text))).as(heading).containsExactly("Harbour cranes go digital");
      }
    }

    @Test
    void shouldAcceptNumberingWithAndWithoutMarkdownHeadings() {
      String text =
          """
          MAY 3, 2024

          MERICS TOP 5

          1. First story about kilns

          At a glance: Cement kilns must cut dust emissions.

          ## 2. Second story about looms

          At a glance: Textile looms get a subsidy.

          #### 3) Third story about lenses

          At a glance: Camera lens makers merge.
          """;
      assertThat(titles(parse(text)))
          .containsExactly(
              "First story about kilns", "Second story about looms", "Third story about lenses");
    }

    @Test
    void shouldNotTakeANumberedListInsideAStoryForStories() {
      String text =
          """
          MAY 3, 2024

          MERICS TOP 5

          1. Kiln rules tighten

          At a glance: The rules set three limits:
          1. Dust under ten milligrams
          2. Sulphur under fifty milligrams

          2. Looms get subsidies

          At a glance: Textile looms get a subsidy.
          """;
      ParsedBriefing parsed = parse(text);
      assertThat(titles(parsed)).containsExactly("Kiln rules tighten", "Looms get subsidies");
      assertThat(parsed.items().get(0).getBody()).contains("2. Sulphur under fifty milligrams");
    }

    @Test
    void shouldAcceptNewsHeadingsWithOrWithoutMarkup() {
      for (String policy :
          List.of("Policy news", "### Policy news", "**Policy news**", "POLICY NEWS")) {
        String text =
            """
            MAY 3, 2024 (REPORTING PERIOD: APRIL 1 - 30)

            %s

            - April 2: The MOST announces grants for quantum sensing labs
            """
                .formatted(policy);
        ParsedBriefing parsed = parse(text);
        assertThat(parsed.items()).as(policy).hasSize(1);
        assertThat(parsed.items().get(0).getSection()).isEqualTo("policy");
        assertThat(parsed.items().get(0).getKind()).isEqualTo(ItemKind.POLICY);
      }
    }

    @Test
    void shouldFindAStoryHeadingFollowedAtOnceByItsFirstField() {
      String text =
          """
          MAY 3, 2024

          MERICS TOP 5

          1. Kilns must cut dust
          At a glance: Cement kilns must cut dust emissions.

          2. Looms get subsidies
          At a glance: Textile looms get a subsidy.
          """;
      ParsedBriefing parsed = parse(text);
      assertThat(titles(parsed)).containsExactly("Kilns must cut dust", "Looms get subsidies");
      assertThat(parsed.items().get(1).getBody())
          .isEqualTo("At a glance: Textile looms get a subsidy.");
    }

    @Test
    void shouldFindUnnumberedStoryHeadingsBeforeTheirFirstField() {
      String text =
          """
          MAY 3, 2024

          TOP 5

          Kilns must cut dust

          At a glance: Cement kilns must cut dust emissions.

          MERICS comment: Good news for makers of filters.

          Looms get subsidies

          At a glance: Textile looms get a subsidy.
          """;
      assertThat(titles(parse(text))).containsExactly("Kilns must cut dust", "Looms get subsidies");
    }

    @Test
    void shouldReadBoldLabelsWithTheColonOutsideWindowsLineEndsAndAbbreviatedMonths() {
      String text =
          "MAY 3, 2024\r\n\r\n**Top 5**\r\n\r\n**1. Kilns must cut dust**\r\n\r\n"
              + "**Date**: April 4, 2024\r\n\r\n**Issuing body**: MEE\r\n\r\n"
              + "*At a glance:* Cement kilns must cut dust emissions.\r\n\r\n"
              + "**Policy News:**\r\n\r\n- **Apr. 9:** The MEE sets limits on kiln dust\r\n";
      ParsedBriefing parsed = parse(text);

      assertThat(titles(parsed))
          .containsExactly("Kilns must cut dust", "MEE sets limits on kiln dust");
      assertThat(parsed.items())
          .extracting(NewsItem::getEventDate)
          .containsExactly(LocalDate.of(2024, 4, 4), LocalDate.of(2024, 4, 9));
      assertThat(parsed.items().get(0).getIssuingBody()).isEqualTo("MEE");
      assertThat(parsed.items().get(0).getBody())
          .isEqualTo("At a glance: Cement kilns must cut dust emissions.");
    }

    @Test
    void shouldTakeAnOriginalNameInItsOwnParagraphAsPartOfThePolicyName() {
      String text =
          """
          MAY 3, 2024

          ## Top 5

          ### 1. Kilns must cut dust

          **Policy name:** Notice on Kiln Dust Limits

          (关于水泥窑粉尘限值的通知) ([Link](https://example.org/kilns))

          **Issuing body:** MEE

          **At a glance:** Cement kilns must cut dust emissions.
          """;
      NewsItem item = parse(text).items().get(0);

      assertThat(item.getPolicyName()).isEqualTo("Notice on Kiln Dust Limits");
      assertThat(item.getPolicyNameOriginal()).isEqualTo("关于水泥窑粉尘限值的通知");
      assertThat(item.getSources())
          .contains(new SourceRef("Notice on Kiln Dust Limits", "https://example.org/kilns"));
      assertThat(item.getBody()).isEqualTo("At a glance: Cement kilns must cut dust emissions.");
    }

    @Test
    void shouldIgnoreAContentsListWithoutPageNumbers() {
      String text =
          """
          MAY 3, 2024

          CONTENTS

          MERICS TOP 5
          1. Kiln rules tighten
          2. Looms get subsidies
          Worth noting
          Policy news

          MERICS TOP 5

          1. Kiln rules tighten

          At a glance: Cement kilns must cut dust emissions.

          2. Looms get subsidies

          At a glance: Textile looms get a subsidy.
          """;
      assertThat(titles(parse(text))).containsExactly("Kiln rules tighten", "Looms get subsidies");
    }

    @Test
    void shouldClassifyBulletsOfAMixedNewsSectionByTheirSubject() {
      String text =
          """
          MAY 3, 2024 (REPORTING PERIOD: APRIL 1 - 30)

          ## Worth noting

          - *April 4:* The National Energy Administration (NEA) approves two offshore wind farms
          - *April 9:* Chinese carmaker Nio opens a battery swap station in Oslo
          """;
      ParsedBriefing parsed = parse(text);
      assertThat(parsed.items())
          .extracting(NewsItem::getKind, NewsItem::getSection)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ItemKind.POLICY, "policy"),
              org.assertj.core.groups.Tuple.tuple(ItemKind.CORPORATE, "corporate"));
      assertThat(parsed.items().get(0).getIssuingBody()).isEqualTo("NEA");
    }

    @Test
    void shouldMakeAnItemOfAnUndatedNewsBulletDatedByThePeriodsMonth() {
      String text =
          """
          MAY 3, 2024 (REPORTING PERIOD: APRIL 1 - 30)

          Corporate news

          - A Chinese drone maker opens its first European service centre
          """;
      NewsItem item = parse(text).items().get(0);
      assertThat(item.getEventDate()).isEqualTo(LocalDate.of(2024, 4, 1));
      assertThat(item.getEventDatePrecision()).isEqualTo(DatePrecision.MONTH);
    }
  }

  @Nested
  class Dates {

    @Test
    void shouldInferTheYearFromTheBriefingDateWithoutAReportingPeriod() {
      String text =
          """
          January 10, 2024

          Policy news

          - December 28: The MIIT publishes a list of smart factory pilots
          - 5 January: The NDRC revises a catalogue of encouraged industries
          """;
      assertThat(parse(text).items())
          .extracting(NewsItem::getEventDate)
          .containsExactly(LocalDate.of(2023, 12, 28), LocalDate.of(2024, 1, 5));
    }

    @Test
    void shouldReadAReportingPeriodThatCrossesTheYear() {
      String text =
          """
          FEBRUARY 3, 2023 (REPORTING PERIOD: DECEMBER 20 - JANUARY 28)

          Corporate news

          - *Dec 22:* A lidar startup lists on the Shanghai exchange
          - *January 5:* A shipyard wins an order for methanol-fuelled carriers
          """;
      assertThat(parse(text).items())
          .extracting(NewsItem::getEventDate)
          .containsExactly(LocalDate.of(2022, 12, 22), LocalDate.of(2023, 1, 5));
    }

    @Test
    void shouldKeepAYearWrittenInTheBulletAndAMonthOnlyBullet() {
      String text =
          """
          MAY 3, 2024

          Policy news

          - March 30, 2024: The SAMR closes a review of a chip merger
          - April: The MOFCOM consults on export rules for gallium
          """;
      List<NewsItem> items = parse(text).items();
      assertThat(items.get(0).getEventDate()).isEqualTo(LocalDate.of(2024, 3, 30));
      assertThat(items.get(1).getEventDate()).isEqualTo(LocalDate.of(2024, 4, 1));
      assertThat(items.get(1).getEventDatePrecision()).isEqualTo(DatePrecision.MONTH);
    }
  }

  @Nested
  class Ids {

    @Test
    void shouldGiveTheSameIdsWhenTheSameBriefingIsParsedAgain() {
      ParsedBriefing first = parser.parse("a.md", fixture("markdown-briefing.md"), "one");
      ParsedBriefing second =
          new BriefingParser(Clock.systemUTC())
              .parse("renamed.md", fixture("markdown-briefing.md"), "another");

      assertThat(second.items())
          .extracting(NewsItem::getId)
          .containsExactlyElementsOf(first.items().stream().map(NewsItem::getId).toList());
      assertThat(first.items())
          .extracting(NewsItem::getId)
          .allMatch(id -> id.matches("itm-[0-9a-f]{16}"))
          .doesNotHaveDuplicates();
    }

    @Test
    void shouldGiveDifferentIdsToTheSameBulletInBriefingsOfDifferentDates() {
      String template =
          """
          %s

          Policy news

          - March 2: The MIIT publishes a list of smart factory pilots
          """;
      String april = parse(template.formatted("APRIL 2, 2024")).items().get(0).getId();
      String may = parse(template.formatted("MAY 2, 2024")).items().get(0).getId();
      assertThat(april).isNotEqualTo(may);
    }

    @Test
    void shouldGiveDifferentIdsToTwoIdenticalBulletsOfOneBriefing() {
      String text =
          """
          MAY 2, 2024

          Policy news

          - April 2: The MIIT publishes a list of smart factory pilots
          - April 2: The MIIT publishes a list of smart factory pilots
          """;
      Set<String> ids =
          parse(text).items().stream().map(NewsItem::getId).collect(Collectors.toSet());
      assertThat(ids).hasSize(2);
    }
  }

  @Nested
  class BadInput {

    @Test
    void shouldRefuseAnEmptyDocument() {
      assertThatThrownBy(() -> parse(" \n\n "))
          .isInstanceOf(BriefingParseException.class)
          .hasMessage("test.md is empty: there is nothing to import");
      assertThatThrownBy(() -> BriefingParser.decode("x.txt", new byte[0]))
          .isInstanceOf(BriefingParseException.class)
          .hasMessage("x.txt is empty: there is nothing to import");
    }

    @Test
    void shouldRefuseBinaryContent() {
      byte[] pdfLike = {'%', 'P', 'D', 'F', 0, 1, 2, 3};
      assertThatThrownBy(() -> BriefingParser.decode("scan.pdf", pdfLike))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("scan.pdf looks like a binary file");
      assertThatThrownBy(() -> parse("MAY 2, 2024\u0003\u0004"))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageContaining("binary");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8() {
      byte[] latin1 = "Stra\u00dfe".getBytes(StandardCharsets.ISO_8859_1);
      assertThatThrownBy(() -> BriefingParser.decode("old.txt", latin1))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("old.txt is not UTF-8 text");
    }

    @Test
    void shouldDropAByteOrderMark() {
      byte[] withBom = "\uFEFFhello".getBytes(StandardCharsets.UTF_8);
      assertThat(BriefingParser.decode("bom.txt", withBom)).isEqualTo("hello");
    }

    @Test
    void shouldRefuseATextWithoutItems() {
      assertThatThrownBy(() -> parse("Dear colleagues,\n\nplease find the minutes attached.\n"))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("No items found in test.md: it does not look like a briefing");
    }

    @Test
    void shouldRefuseABriefingWithoutADate() {
      String text = "MERICS TOP 5\n\n1. Looms get subsidies\n\nAt a glance: Textile looms.\n";
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("No date found at the top of test.md");
    }

    @Test
    void shouldRefuseAnImpossibleBriefingDate() {
      String text = "MARCH 32, 2024\n\nPolicy news\n\n- March 3: The MIIT publishes a list\n";
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("Unreadable date in the heading of test.md");
    }

    @Test
    void shouldRefuseAnImpossibleBulletDate() {
      String text = "MARCH 5, 2024\n\nPolicy news\n\n- *February 30:* The MIIT publishes a list\n";
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("Unreadable date 'February 30' in test.md, line 5");
    }

    @Test
    void shouldRefuseAMisspelledBulletDate() {
      String text = "MARCH 5, 2024\n\nPolicy news\n\n- *Febuary 3:* The MIIT publishes a list\n";
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(BriefingParseException.class)
          .hasMessageStartingWith("test.md: Unreadable date 'Febuary 3' at the start of line 5");
    }

    @Test
    void shouldRefuseAnUnreadableDateField() {
      String text =
          """
          MARCH 5, 2024

          MERICS TOP 5

          1. Looms get subsidies

          Date: sometime in spring

          At a glance: Textile looms get a subsidy.
          """;
      assertThatThrownBy(() -> parse(text))
          .isInstanceOf(BriefingParseException.class)
          .hasMessage(
              "Unreadable date 'sometime in spring' in test.md, line 5 ('Looms get subsidies')");
    }
  }

  @Nested
  class TitlesOfBullets {

    @Test
    void shouldShortenBodiesDropAsidesAndCutLongClauses() {
      assertThat(
              Titles.fromFirstClause("The Ministry of Ecology and Environment (MEE) issues rules"))
          .isEqualTo("MEE issues rules");
      assertThat(
              Titles.fromFirstClause(
                  "Eight agencies, led by the MIIT, publish a plan for rare earth mining, aiming"
                      + " at stable supply"))
          .isEqualTo("Eight agencies publish a plan for rare earth mining");
      assertThat(
              Titles.fromFirstClause(
                  "A robotics firm (机器人公司) announces that it will build a very large plant for"
                      + " harmonic reducers and precision gearboxes in the western province"))
          .isEqualTo(
              "A robotics firm announces that it will build a very large plant for harmonic"
                  + " reducers and precision…");
      assertThat(Titles.fromFirstClause("A short one, with more text after the comma"))
          .isEqualTo("A short one, with more text after the comma");
    }
  }
}
