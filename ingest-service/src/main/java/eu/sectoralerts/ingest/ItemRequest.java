package eu.sectoralerts.ingest;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.common.ApiError.FieldError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.ContentIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON body of {@code POST /v1/items}, as the client sent it: it may be invalid. {@link
 * #toNewsItem} checks every field, reporting all problems at once (one {@link FieldError} per
 * offending field, so a client fixes everything in one round trip), and builds the {@link NewsItem}
 * to publish. Text is stripped of surrounding white space; blank optional text counts as absent.
 * Without an {@code id}, the item's id is derived from its content ({@link #deriveId}), so
 * publishing the same item twice yields the same id.
 *
 * @param id optional; when given it must match {@value #ID_PATTERN}
 * @param kind {@code POLICY} or {@code CORPORATE}
 * @param title required, at most {@value #MAX_TITLE_LENGTH} characters
 * @param body required clean text
 * @param eventDate optional, {@code yyyy-MM-dd} or {@code yyyy-MM} (month precision)
 * @param section optional section of the source document
 * @param issuingBody optional: who issued the act
 * @param policyName optional: the act's English name
 * @param policyNameOriginal optional: the act's name in its original language
 * @param companies optional companies the item names
 * @param sources optional documents the item comes from
 * @param publisher required: who publishes the item (analyst or tool)
 */
public record ItemRequest(
    String id,
    String kind,
    String title,
    String body,
    String eventDate,
    String section,
    String issuingBody,
    String policyName,
    String policyNameOriginal,
    List<String> companies,
    List<Source> sources,
    String publisher) {

  public static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,128}";
  public static final int MAX_TITLE_LENGTH = 300;

  private static final Pattern ID = Pattern.compile(ID_PATTERN);
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final String KINDS =
      Arrays.stream(ItemKind.values()).map(Enum::name).collect(Collectors.joining(" or "));

  /**
   * A document an item comes from.
   *
   * @param name required, e.g. a briefing's file name or a publication
   * @param url optional http(s) link
   */
  public record Source(String name, String url) {}

  public ItemRequest {
    // Null elements are kept: they are reported as invalid fields, not lost.
    companies =
        companies == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(companies));
    sources = sources == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sources));
  }

  /** The problems of this request, one per offending field; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>();
    convert(problems);
    return List.copyOf(problems);
  }

  /**
   * The item to publish, published at {@code clock}'s instant (to the millisecond, as the schema
   * stores it).
   *
   * @throws ApiException a 400 naming every offending field when the request is invalid
   */
  public NewsItem toNewsItem(Clock clock) {
    List<FieldError> problems = new ArrayList<>();
    NewsItem.Builder item = convert(problems);
    if (!problems.isEmpty()) {
      String summary =
          problems.stream()
              .map(p -> p.field() + " " + p.message())
              .collect(Collectors.joining("; "));
      throw ApiException.invalid(
          "Invalid item ("
              + problems.size()
              + (problems.size() == 1 ? " problem): " : " problems): ")
              + summary,
          problems);
    }
    return item.setPublishedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).build();
  }

  /**
   * The id of an item published without one: {@code itm-} and the first 16 hex digits of the
   * SHA-256 of kind, title, event date (empty when absent) and body, separated by NUL characters.
   */
  public static String deriveId(ItemKind kind, String title, String eventDate, String body) {
    return ContentIds.of("itm-", kind.name(), title, eventDate == null ? "" : eventDate, body);
  }

  /** Checks every field, adding to {@code problems}; sets on the builder only valid values. */
  private NewsItem.Builder convert(List<FieldError> problems) {
    NewsItem.Builder item = NewsItem.newBuilder();

    ItemKind itemKind = null;
    if (kind == null) {
      problems.add(new FieldError("kind", "is required (" + KINDS + ")"));
    } else {
      try {
        itemKind = ItemKind.valueOf(kind.strip());
        item.setKind(itemKind);
      } catch (IllegalArgumentException e) {
        problems.add(new FieldError("kind", "must be " + KINDS + ", got '" + kind + "'"));
      }
    }

    String cleanTitle = requiredText("title", title, problems);
    if (cleanTitle != null) {
      int length = cleanTitle.codePointCount(0, cleanTitle.length());
      if (length > MAX_TITLE_LENGTH) {
        problems.add(
            new FieldError(
                "title", "must be at most " + MAX_TITLE_LENGTH + " characters, got " + length));
        cleanTitle = null;
      } else {
        item.setTitle(cleanTitle);
      }
    }

    String cleanBody = requiredText("body", body, problems);
    if (cleanBody != null) {
      item.setBody(cleanBody);
    }

    String cleanDate = optionalText(eventDate);
    boolean dateValid = true;
    if (cleanDate != null) {
      dateValid = setEventDate(item, cleanDate);
      if (!dateValid) {
        problems.add(
            new FieldError(
                "eventDate",
                "must be a date as yyyy-MM-dd, or yyyy-MM when only the month is known, got '"
                    + eventDate
                    + "'"));
      }
    }

    String cleanId = optionalText(id);
    if (cleanId != null) {
      if (ID.matcher(cleanId).matches()) {
        item.setId(cleanId);
      } else {
        problems.add(
            new FieldError(
                "id", "must be 1 to 128 letters, digits or . _ : - characters, got '" + id + "'"));
      }
    } else if (itemKind != null && cleanTitle != null && cleanBody != null && dateValid) {
      item.setId(deriveId(itemKind, cleanTitle, cleanDate, cleanBody));
    }

    item.setSection(optionalText(section));
    item.setIssuingBody(optionalText(issuingBody));
    item.setPolicyName(optionalText(policyName));
    item.setPolicyNameOriginal(optionalText(policyNameOriginal));

    List<String> cleanCompanies = new ArrayList<>();
    for (int i = 0; i < companies.size(); i++) {
      String company = requiredText("companies[" + i + "]", companies.get(i), problems);
      if (company != null) {
        cleanCompanies.add(company);
      }
    }
    item.setCompanies(cleanCompanies);

    List<SourceRef> cleanSources = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Source source = sources.get(i);
      String path = "sources[" + i + "]";
      if (source == null) {
        problems.add(new FieldError(path, "must be an object with a name"));
        continue;
      }
      String name = requiredText(path + ".name", source.name(), problems);
      String url = optionalText(source.url());
      if (url != null && !isWebUrl(url)) {
        problems.add(
            new FieldError(path + ".url", "must be an http or https URL, got '" + url + "'"));
        url = null;
      }
      if (name != null) {
        cleanSources.add(new SourceRef(name, url));
      }
    }
    item.setSources(cleanSources);

    String cleanPublisher = requiredText("publisher", publisher, problems);
    if (cleanPublisher != null) {
      item.setPublisher(cleanPublisher);
    }
    return item;
  }

  private static boolean setEventDate(NewsItem.Builder item, String date) {
    try {
      if (DAY.matcher(date).matches()) {
        item.setEventDate(LocalDate.parse(date)).setEventDatePrecision(DatePrecision.DAY);
        return true;
      }
      if (MONTH.matcher(date).matches()) {
        item.setEventDate(YearMonth.parse(date).atDay(1))
            .setEventDatePrecision(DatePrecision.MONTH);
        return true;
      }
    } catch (DateTimeParseException e) {
      // falls through: a well-shaped but impossible date such as 2024-02-30
    }
    return false;
  }

  private static String requiredText(String field, String value, List<FieldError> problems) {
    if (value == null) {
      problems.add(new FieldError(field, "is required"));
      return null;
    }
    if (value.isBlank()) {
      problems.add(new FieldError(field, "must not be blank"));
      return null;
    }
    return value.strip();
  }

  private static String optionalText(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static boolean isWebUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
