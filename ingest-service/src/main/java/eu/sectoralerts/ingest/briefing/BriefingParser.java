package eu.sectoralerts.ingest.briefing;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.common.ContentIds;
import eu.sectoralerts.ingest.briefing.Dates.Known;
import eu.sectoralerts.ingest.briefing.Dates.Period;
import eu.sectoralerts.ingest.briefing.Draft.When;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses a briefing document into {@link NewsItem}s: the monthly briefing shape (top stories with
 * their fields, "Policy news" and "Corporate news" bullets, dated bullets inside a top story) and
 * the policy-overview shape (one item per plan, each introduced by a key message), in plain text or
 * markdown. Every item gets its kind, section, event date (the year of a bullet inferred from the
 * briefing's date and reporting period), a title, clean body text, issuing body, policy names,
 * companies and sources, and an id derived from the briefing's date, the item's section and its
 * content: parsing the same document again yields the same ids. Thread-safe; pure except for the
 * clock, which stamps {@code publishedAt}.
 */
public final class BriefingParser {

  private static final Pattern GOVERNMENT_ACTOR =
      Pattern.compile(
          "\\b(?:Ministry|ministry|ministries|Administration|Commission|State Council|Council"
              + "|Bureau|[Gg]overnments?|Committee|Congress|[Aa]uthorit(?:y|ies)|[Rr]egulators?"
              + "|Municipal|[Pp]rovinc(?:e|ial)|CCP|CPC|agencies|departments|Beijing|officials)\\b");
  private static final Pattern POLICY_ACT =
      Pattern.compile(
          "(?i)\\b(?:plan|policy|policies|regulations?|rules|law|draft|guidelines?|notice"
              + "|opinions|catalog(?:ue)?|FYP|five-year plan|blueprint|measures|standards? system)\\b");
  private static final int SUBJECT_WORDS = 6;
  private static final int BODY_SEARCH_WORDS = 15;

  private final Clock clock;

  public BriefingParser(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The text of a document received as bytes: UTF-8, a leading byte-order mark dropped.
   *
   * @throws BriefingParseException when the bytes are empty, binary (NUL or other control bytes) or
   *     not valid UTF-8
   */
  public static String decode(String sourceName, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      throw new BriefingParseException(sourceName + " is empty: there is nothing to import");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw binary(sourceName);
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      return stripBom(decoder.decode(buffer).toString());
    } catch (MalformedInputException e) {
      throw new BriefingParseException(
          sourceName
              + " is not UTF-8 text (invalid bytes near byte "
              + buffer.position()
              + "): save the briefing as UTF-8 text or markdown");
    } catch (CharacterCodingException e) {
      throw new BriefingParseException(sourceName + " is not UTF-8 text: " + e.getMessage());
    }
  }

  /**
   * Parses one document.
   *
   * @param sourceName the document's name (file name), named in messages and in each item's sources
   * @param text the document
   * @param publisher who publishes the items (an analyst or a tool), stamped on each item
   * @throws BriefingParseException (unchecked) with a message for people: empty, binary, not a
   *     briefing (no items), unreadable date
   */
  public ParsedBriefing parse(String sourceName, String text, String publisher) {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(publisher, "publisher");
    if (publisher.isBlank()) {
      throw new IllegalArgumentException("publisher must not be blank");
    }
    String document = checkText(sourceName, text);
    List<Block> blocks = Block.split(document);
    List<Draft> drafts;
    try {
      drafts = Segmenter.segment(blocks);
    } catch (BriefingParseException e) {
      throw new BriefingParseException(sourceName + ": " + e.getMessage());
    }
    if (drafts.isEmpty()) {
      throw new BriefingParseException(
          "No items found in "
              + sourceName
              + ": it does not look like a briefing. Expected top stories (e.g. under 'Top 5',"
              + " numbered), 'Policy news' or 'Corporate news' sections with dated bullets"
              + " ('December 6: ...'), or plan summaries each introduced by 'Key message:'");
    }
    String header =
        Segmenter.header(blocks).stream().map(Block::clean).collect(Collectors.joining("\n"));
    Known briefingDate = briefingDate(sourceName, header);
    Period period = period(sourceName, header, briefingDate);
    String overviewBodies =
        String.join(", ", Entities.bodies(Segmenter.overviewIntroduction(blocks, drafts)));

    Instant publishedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<NewsItem> items = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      Known when = eventDate(sourceName, draft, briefingDate, period);
      ItemKind kind = draft.kind() != null ? draft.kind() : kindOf(draft);
      String section =
          draft.section() != null
              ? draft.section()
              : kind == ItemKind.POLICY ? Segmenter.POLICY : Segmenter.CORPORATE;
      String issuingBody =
          kind == ItemKind.POLICY ? issuingBody(draft, overviewBodies) : draft.issuingBody();
      String content =
          String.join(
              "\u0000",
              briefingDate.date().toString(),
              section,
              kind.name(),
              draft.title(),
              when == null ? "" : when.date() + "/" + when.precision(),
              draft.body());
      int occurrence = seen.merge(content, 1, Integer::sum);
      NewsItem.Builder item =
          NewsItem.newBuilder()
              .setId(id(occurrence == 1 ? content : content + "\u0000" + occurrence))
              .setKind(kind)
              .setTitle(draft.title())
              .setBody(draft.body().isEmpty() ? draft.title() : draft.body())
              .setSection(section)
              .setIssuingBody(issuingBody)
              .setPolicyName(draft.policyName())
              .setPolicyNameOriginal(draft.policyNameOriginal())
              .setCompanies(companies(draft, kind))
              .setSources(sources(sourceName, draft))
              .setPublisher(publisher)
              .setPublishedAt(publishedAt);
      if (when != null) {
        item.setEventDate(when.date()).setEventDatePrecision(when.precision());
      }
      items.add(item.build());
    }
    return new ParsedBriefing(sourceName, briefingDate.date(), items);
  }

  /** {@code itm-} and the first 16 hex digits of the SHA-256 of the item's identity. */
  private static String id(String content) {
    return ContentIds.of("itm-", content);
  }

  private static String checkText(String sourceName, String text) {
    String document = stripBom(text);
    if (document.isBlank()) {
      throw new BriefingParseException(sourceName + " is empty: there is nothing to import");
    }
    if (document.indexOf('\uFFFD') >= 0) {
      throw new BriefingParseException(
          sourceName
              + " is not UTF-8 text (it holds undecodable bytes): save the briefing as UTF-8"
              + " text or markdown");
    }
    for (int i = 0; i < document.length(); i++) {
      char c = document.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
        throw binary(sourceName);
      }
    }
    return document;
  }

  private static BriefingParseException binary(String sourceName) {
    return new BriefingParseException(
        sourceName + " looks like a binary file, not a text briefing: it holds control bytes");
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Known briefingDate(String sourceName, String header) {
    Optional<Known> date;
    try {
      date = Dates.first(header);
    } catch (DateTimeException e) {
      throw new BriefingParseException(
          "Unreadable date in the heading of " + sourceName + ": " + e.getMessage());
    }
    return date.orElseThrow(
        () ->
            new BriefingParseException(
                "No date found at the top of "
                    + sourceName
                    + ": a briefing states when it was issued, e.g. 'MARCH 2, 2021' or"
                    + " 'Policy Update | December 2021'"));
  }

  /** The reporting period, or the month of a month-dated briefing, or the weeks before it. */
  private static Period period(String sourceName, String header, Known briefingDate) {
    try {
      Optional<Period> stated = Dates.reportingPeriod(header, Optional.of(briefingDate.date()));
      if (stated.isPresent()) {
        return stated.get();
      }
    } catch (DateTimeException e) {
      throw new BriefingParseException(
          "Unreadable reporting period in " + sourceName + ": " + e.getMessage());
    }
    LocalDate date = briefingDate.date();
    if (briefingDate.precision() == DatePrecision.MONTH) {
      return new Period(date, date.plusMonths(1).minusDays(1));
    }
    return new Period(date.minusDays(45), date);
  }

  private static Known eventDate(
      String sourceName, Draft draft, Known briefingDate, Period period) {
    When when = draft.when();
    try {
      if (when.text() != null) {
        return Dates.parseField(when.text(), period);
      }
      if (when.month() != null) {
        int day = Math.max(1, when.day());
        LocalDate date =
            when.explicitYear() > 0
                ? LocalDate.of(when.explicitYear(), when.month(), day)
                : Dates.inYear(when.month(), day, period);
        return new Known(date, when.day() == 0 ? DatePrecision.MONTH : DatePrecision.DAY);
      }
    } catch (DateTimeException e) {
      String written =
          when.text() != null
              ? when.text().strip()
              : when.month().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                  + (when.day() > 0 ? " " + when.day() : "");
      throw new BriefingParseException(
          "Unreadable date '"
              + written
              + "' in "
              + sourceName
              + ", line "
              + draft.line()
              + " ('"
              + draft.title()
              + "')");
    }
    // Nothing dated: the month the briefing reports on is all that is known.
    if (Segmenter.OVERVIEW.equals(draft.section())) {
      return new Known(briefingDate.date().withDayOfMonth(1), DatePrecision.MONTH);
    }
    return new Known(period.to().withDayOfMonth(1), DatePrecision.MONTH);
  }

  /** A government act when a government body is the subject (bullets) or the topic (stories). */
  private static ItemKind kindOf(Draft draft) {
    if (!draft.bullet()) {
      // A story: its title or opening paragraph names a government actor or act.
      String topic = draft.title() + "\n" + draft.body().lines().findFirst().orElse("");
      boolean policy =
          GOVERNMENT_ACTOR.matcher(topic).find()
              || POLICY_ACT.matcher(topic).find()
              || !Entities.bodies(topic).isEmpty();
      return policy ? ItemKind.POLICY : ItemKind.CORPORATE;
    }
    String subject = firstWords(draft.body(), SUBJECT_WORDS);
    boolean policy =
        GOVERNMENT_ACTOR.matcher(subject).find() || !Entities.bodies(subject).isEmpty();
    return policy ? ItemKind.POLICY : ItemKind.CORPORATE;
  }

  private static String issuingBody(Draft draft, String overviewBodies) {
    if (draft.issuingBody() != null) {
      return draft.issuingBody();
    }
    List<String> bodies =
        Segmenter.OVERVIEW.equals(draft.section())
            ? Entities.bodies(draft.title() + "\n" + draft.body())
            : Entities.bodies(draft.title() + "\n" + firstWords(draft.body(), BODY_SEARCH_WORDS));
    if (bodies.isEmpty()) {
      String linkTexts =
          draft.links().stream().map(Markup.Link::text).collect(Collectors.joining("; "));
      bodies = Entities.bodies(linkTexts);
    }
    if (bodies.isEmpty()
        && Segmenter.OVERVIEW.equals(draft.section())
        && !overviewBodies.isEmpty()) {
      return overviewBodies;
    }
    return bodies.isEmpty() ? null : String.join(", ", bodies);
  }

  /** Companies of the title, then of the body (a bullet's title repeats its body's start). */
  private static List<String> companies(Draft draft, ItemKind kind) {
    boolean corporate = kind == ItemKind.CORPORATE;
    Set<String> companies = new LinkedHashSet<>();
    if (!draft.bullet()) {
      companies.addAll(Entities.companies(draft.title(), corporate));
    }
    companies.addAll(Entities.companies(draft.body(), corporate));
    return List.copyOf(companies);
  }

  private static List<SourceRef> sources(String sourceName, Draft draft) {
    Map<String, SourceRef> sources = new LinkedHashMap<>();
    sources.put(sourceName, new SourceRef(sourceName, null));
    for (Markup.Link link : draft.links()) {
      String name = link.text().isBlank() ? link.url() : link.text();
      if (name.isBlank()) {
        continue;
      }
      String url = link.isWeb() ? link.url() : null;
      sources.putIfAbsent(name + "\u0000" + url, new SourceRef(name, url));
    }
    return List.copyOf(sources.values());
  }

  private static String firstWords(String text, int words) {
    String[] parts = text.strip().split("\\s+", words + 1);
    return String.join(" ", Arrays.asList(parts).subList(0, Math.min(words, parts.length)));
  }
}
