package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.common.ApiError.FieldError;
import eu.sectoralerts.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemRequestTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T08:30:15.123456Z"), ZoneOffset.UTC);

  @Test
  void shouldConvertAValidRequestToTheWholeNewsItem() {
    NewsItem item = Fixtures.policyItem().id("brief-2025-07:item.3").build().toNewsItem(CLOCK);

    assertThat(item)
        .isEqualTo(
            NewsItem.newBuilder()
                .setId("brief-2025-07:item.3")
                .setKind(ItemKind.POLICY)
                .setTitle("Provincial plan backs hydrogen trucks on freight corridors")
                .setBody(Fixtures.policyItem().body)
                .setEventDate(LocalDate.of(2025, 2, 14))
                .setEventDatePrecision(DatePrecision.DAY)
                .setSection("policy")
                .setIssuingBody("Provincial Development and Reform Commission")
                .setPolicyName("Hydrogen Freight Action Plan (2025-2027)")
                .setPolicyNameOriginal("氢能货运行动方案")
                .setCompanies(List.of("Example Fuel Cells Co."))
                .setSources(
                    List.of(new SourceRef("weekly-briefing.md", "https://example.org/brief")))
                .setPublisher("analyst-ava")
                .setPublishedAt(Instant.parse("2025-03-01T08:30:15.123Z"))
                .build());
  }

  @Test
  void shouldConvertAMinimalCorporateItemWithDefaults() {
    ItemRequest request =
        new ItemRequest(
            null,
            "CORPORATE",
            "  Battery maker opens plant in Hungary ",
            "The company started production at its first European cell factory.",
            null,
            " ",
            null,
            null,
            null,
            null,
            null,
            "feed-bot");

    NewsItem item = request.toNewsItem(CLOCK);

    assertThat(item)
        .isEqualTo(
            NewsItem.newBuilder()
                .setId(
                    ItemRequest.deriveId(
                        ItemKind.CORPORATE,
                        "Battery maker opens plant in Hungary",
                        null,
                        "The company started production at its first European cell factory."))
                .setKind(ItemKind.CORPORATE)
                .setTitle("Battery maker opens plant in Hungary")
                .setBody("The company started production at its first European cell factory.")
                .setEventDate(null)
                .setEventDatePrecision(DatePrecision.DAY)
                .setSection(null)
                .setIssuingBody(null)
                .setPolicyName(null)
                .setPolicyNameOriginal(null)
                .setCompanies(List.of())
                .setSources(List.of())
                .setPublisher("feed-bot")
                .setPublishedAt(Instant.parse("2025-03-01T08:30:15.123Z"))
                .build());
  }

  @Test
  void shouldReadAMonthAsTheFirstDayWithMonthPrecision() {
    NewsItem item = Fixtures.policyItem().eventDate("2024-11").build().toNewsItem(CLOCK);

    assertThat(item.getEventDate()).isEqualTo(LocalDate.of(2024, 11, 1));
    assertThat(item.getEventDatePrecision()).isEqualTo(DatePrecision.MONTH);
  }

  @Test
  void shouldNameEveryMissingRequiredFieldAtOnce() {
    ItemRequest request =
        new ItemRequest(null, null, null, null, null, null, null, null, null, null, null, null);

    assertThat(request.problems())
        .containsExactly(
            new FieldError("kind", "is required (POLICY or CORPORATE)"),
            new FieldError("title", "is required"),
            new FieldError("body", "is required"),
            new FieldError("publisher", "is required"));
    assertThatThrownBy(() -> request.toNewsItem(CLOCK))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(400);
              assertThat(e.error().error()).isEqualTo("invalid_request");
              assertThat(e.error().fields()).isEqualTo(request.problems());
              assertThat(e.getMessage()).contains("kind", "title", "body", "publisher");
            });
  }

  @Test
  void shouldRejectBlankRequiredText() {
    ItemRequest request = Fixtures.policyItem().title(" ").body("\n\t").publisher("").build();

    assertThat(request.problems())
        .containsExactly(
            new FieldError("title", "must not be blank"),
            new FieldError("body", "must not be blank"),
            new FieldError("publisher", "must not be blank"));
  }

  @Test
  void shouldRejectAnUnknownKind() {
    assertThat(Fixtures.policyItem().kind("RUMOUR").build().problems())
        .containsExactly(new FieldError("kind", "must be POLICY or CORPORATE, got 'RUMOUR'"));
  }

  @Test
  void shouldRejectDatesThatAreNotIsoDaysOrMonths() {
    for (String date : List.of("14.02.2025", "2025-13", "2025-02-30", "2025", "2025-2-14")) {
      assertThat(Fixtures.policyItem().eventDate(date).build().problems())
          .as(date)
          .extracting(FieldError::field)
          .containsExactly("eventDate");
    }
  }

  @Test
  void shouldAcceptATitleOfExactlyTheLimitButNotOneMore() {
    String limit = "标".repeat(ItemRequest.MAX_TITLE_LENGTH);

    assertThat(Fixtures.policyItem().title(limit).build().problems()).isEmpty();
    assertThat(Fixtures.policyItem().title(limit + "x").build().problems())
        .containsExactly(new FieldError("title", "must be at most 300 characters, got 301"));
  }

  @Test
  void shouldRejectIdsOutsideTheAllowedAlphabetOrLength() {
    for (String id : List.of("has space", "slash/inside", "ü-umlaut", "x".repeat(129))) {
      assertThat(Fixtures.policyItem().id(id).build().problems())
          .as(id)
          .extracting(FieldError::field)
          .containsExactly("id");
    }
    assertThat(Fixtures.policyItem().id("x".repeat(128)).build().problems()).isEmpty();
  }

  @Test
  void shouldNameTheExactElementOfABadCompanyOrSource() {
    ItemRequest request =
        Fixtures.policyItem()
            .companies(Arrays.asList("Good Co.", " ", null))
            .sources(
                Arrays.asList(
                    new ItemRequest.Source("ok.md", null),
                    new ItemRequest.Source("", "ftp://example.org/x"),
                    null))
            .build();

    assertThat(request.problems())
        .containsExactly(
            new FieldError("companies[1]", "must not be blank"),
            new FieldError("companies[2]", "is required"),
            new FieldError("sources[1].name", "must not be blank"),
            new FieldError(
                "sources[1].url", "must be an http or https URL, got 'ftp://example.org/x'"),
            new FieldError("sources[2]", "must be an object with a name"));
  }

  @Test
  void shouldDeriveTheSameIdForTheSameContent() {
    NewsItem first = Fixtures.policyItem().build().toNewsItem(CLOCK);
    NewsItem again =
        Fixtures.policyItem().publisher("another-analyst").build().toNewsItem(Clock.systemUTC());

    assertThat(first.getId()).isEqualTo(again.getId()).matches("itm-[0-9a-f]{16}");
  }

  @Test
  void shouldDeriveTheIdFromKindTitleDateAndBodySeparatedByNul() throws Exception {
    Fixtures.Builder fixture = Fixtures.policyItem();
    String content = "POLICY\0" + fixture.title + "\0" + "2025-02-14" + "\0" + fixture.body;
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    String expected = "itm-" + HexFormat.of().formatHex(digest).substring(0, 16);

    assertThat(fixture.build().toNewsItem(CLOCK).getId()).isEqualTo(expected);
  }

  @Test
  void shouldDeriveADifferentIdWhenTheContentDiffers() {
    String base = Fixtures.policyItem().build().toNewsItem(CLOCK).getId();

    assertThat(Fixtures.policyItem().kind("CORPORATE").build().toNewsItem(CLOCK).getId())
        .isNotEqualTo(base);
    assertThat(Fixtures.policyItem().title("Another title").build().toNewsItem(CLOCK).getId())
        .isNotEqualTo(base);
    assertThat(Fixtures.policyItem().eventDate("2025-02").build().toNewsItem(CLOCK).getId())
        .isNotEqualTo(base);
    assertThat(Fixtures.policyItem().body("Another body.").build().toNewsItem(CLOCK).getId())
        .isNotEqualTo(base);
  }
}
