package eu.sectoralerts.ingest.briefing;

import eu.sectoralerts.avro.DatePrecision;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates of briefings: English month names in the shapes briefings write them ("MARCH 2, 2021",
 * "2 March 2021", "2021-03-02", "December 2021"), reporting periods, and the year of a bullet date
 * written without one, inferred from the period it falls in.
 */
final class Dates {

  /** A date and how much of it is known. */
  record Known(LocalDate date, DatePrecision precision) {}

  /**
   * The span a briefing reports on; bullet dates without a year are placed in or next to it.
   *
   * @param from first day
   * @param to last day
   */
  record Period(LocalDate from, LocalDate to) {}

  static final String MONTH =
      "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile(
          "(?i)\\b("
              + MONTH
              + ")\\.?\\s+"
              + DAY
              + "(?:\\s*[-\\u2013]\\s*\\d{1,2})?,?\\s+(\\d{4})\\b");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile("(?i)\\b" + DAY + "\\.?\\s+(" + MONTH + ")\\.?,?\\s+(\\d{4})\\b");
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern MONTH_YEAR =
      Pattern.compile("(?i)\\b(" + MONTH + ")\\.?,?\\s+(\\d{4})\\b");
  private static final Pattern ISO_MONTH = Pattern.compile("^(\\d{4})-(\\d{2})$");
  private static final Pattern MONTH_DAY =
      Pattern.compile("(?i)^(" + MONTH + ")\\.?\\s+" + DAY + "$");
  private static final Pattern DAY_MONTH =
      Pattern.compile("(?i)^" + DAY + "\\.?\\s+(" + MONTH + ")\\.?$");
  private static final Pattern REPORTING_PERIOD =
      Pattern.compile("(?i)reporting\\s+period\\s*:?\\s*([^)\\]]+)");
  private static final Pattern PERIOD_MONTH_FIRST =
      Pattern.compile(
          "(?i)("
              + MONTH
              + ")\\.?\\s+"
              + DAY
              + "(?:,?\\s*(\\d{4}))?\\s*(?:[-\\u2013\\u2014]|to|until)\\s*"
              + "(?:("
              + MONTH
              + ")\\.?\\s+)?"
              + DAY
              + "(?:,?\\s*(\\d{4}))?");
  private static final Pattern PERIOD_DAY_FIRST =
      Pattern.compile(
          "(?i)"
              + DAY
              + "\\.?(?:\\s+("
              + MONTH
              + ")\\.?)?(?:,?\\s*(\\d{4}))?\\s*(?:[-\\u2013\\u2014]|to|until)\\s*"
              + DAY
              + "\\.?\\s+("
              + MONTH
              + ")\\.?(?:,?\\s*(\\d{4}))?");
  private static final Map<String, Month> MONTHS =
      Map.ofEntries(
          Map.entry("jan", Month.JANUARY),
          Map.entry("feb", Month.FEBRUARY),
          Map.entry("mar", Month.MARCH),
          Map.entry("apr", Month.APRIL),
          Map.entry("may", Month.MAY),
          Map.entry("jun", Month.JUNE),
          Map.entry("jul", Month.JULY),
          Map.entry("aug", Month.AUGUST),
          Map.entry("sep", Month.SEPTEMBER),
          Map.entry("oct", Month.OCTOBER),
          Map.entry("nov", Month.NOVEMBER),
          Map.entry("dec", Month.DECEMBER));

  private Dates() {}

  static Month month(String name) {
    Month month = MONTHS.get(name.toLowerCase(Locale.ROOT).substring(0, 3));
    if (month == null) {
      throw new IllegalArgumentException("not a month: " + name);
    }
    return month;
  }

  /**
   * The first full date ("MARCH 2, 2021", "2 March 2021", "2021-03-02") or month ("December 2021")
   * in a text, whichever comes first.
   *
   * @throws DateTimeException when the first date-shaped text is no real date ("March 32, 2021")
   */
  static Optional<Known> first(String text) {
    Known best = null;
    int bestAt = Integer.MAX_VALUE;
    Matcher m = MONTH_DAY_YEAR.matcher(text);
    if (m.find() && m.start() < bestAt) {
      best = day(m.group(3), month(m.group(1)), m.group(2));
      bestAt = m.start();
    }
    m = DAY_MONTH_YEAR.matcher(text);
    if (m.find() && m.start() < bestAt) {
      best = day(m.group(3), month(m.group(2)), m.group(1));
      bestAt = m.start();
    }
    m = ISO.matcher(text);
    if (m.find() && m.start() < bestAt) {
      best = day(m.group(1), Month.of(checkedMonth(Integer.parseInt(m.group(2)))), m.group(3));
      bestAt = m.start();
    }
    m = MONTH_YEAR.matcher(text);
    if (m.find() && m.start() < bestAt) {
      best =
          new Known(
              LocalDate.of(Integer.parseInt(m.group(2)), month(m.group(1)), 1),
              DatePrecision.MONTH);
    }
    return Optional.ofNullable(best);
  }

  /**
   * A date written on its own, as in a "Date:" field: a full date, a month with its year, or a
   * month and day whose year comes from {@code period}.
   *
   * @throws DateTimeException when the text is not such a date
   */
  static Known parseField(String text, Period period) {
    String value = text.strip().replaceAll("[.;,]+$", "");
    Matcher m = ISO_MONTH.matcher(value);
    if (m.matches()) {
      int month = checkedMonth(Integer.parseInt(m.group(2)));
      return new Known(LocalDate.of(Integer.parseInt(m.group(1)), month, 1), DatePrecision.MONTH);
    }
    m = MONTH_DAY.matcher(value);
    if (m.matches()) {
      return new Known(
          inYear(month(m.group(1)), Integer.parseInt(m.group(2)), period), DatePrecision.DAY);
    }
    m = DAY_MONTH.matcher(value);
    if (m.matches()) {
      return new Known(
          inYear(month(m.group(2)), Integer.parseInt(m.group(1)), period), DatePrecision.DAY);
    }
    Optional<Known> known = first(value);
    if (known.isEmpty()) {
      throw new DateTimeException("not a date");
    }
    return known.get();
  }

  /** The reporting period stated in a text, if any, its years inferred from the briefing date. */
  static Optional<Period> reportingPeriod(String text, Optional<LocalDate> briefingDate) {
    Matcher label = REPORTING_PERIOD.matcher(text);
    if (!label.find()) {
      return Optional.empty();
    }
    String span = label.group(1);
    Month fromMonth;
    int fromDay;
    String fromYear;
    Month toMonth;
    int toDay;
    String toYear;
    Matcher m = PERIOD_MONTH_FIRST.matcher(span);
    if (m.find()) {
      fromMonth = month(m.group(1));
      fromDay = Integer.parseInt(m.group(2));
      fromYear = m.group(3);
      toMonth = m.group(4) == null ? fromMonth : month(m.group(4));
      toDay = Integer.parseInt(m.group(5));
      toYear = m.group(6);
    } else {
      m = PERIOD_DAY_FIRST.matcher(span);
      if (!m.find()) {
        throw new DateTimeException("unreadable reporting period '" + span.strip() + "'");
      }
      toMonth = month(m.group(5));
      fromMonth = m.group(2) == null ? toMonth : month(m.group(2));
      fromDay = Integer.parseInt(m.group(1));
      fromYear = m.group(3);
      toDay = Integer.parseInt(m.group(4));
      toYear = m.group(6);
    }
    int endYear;
    if (toYear != null) {
      endYear = Integer.parseInt(toYear);
    } else if (fromYear != null) {
      endYear = Integer.parseInt(fromYear) + (toMonth.compareTo(fromMonth) < 0 ? 1 : 0);
    } else if (briefingDate.isPresent()) {
      LocalDate anchor = briefingDate.get();
      endYear = anchor.getYear();
      // A period ends before (or shortly after) the briefing is issued.
      if (LocalDate.of(endYear, toMonth, Math.min(toDay, 28)).isAfter(anchor.plusDays(31))) {
        endYear--;
      }
    } else {
      throw new DateTimeException("reporting period without a year and no briefing date");
    }
    LocalDate to = LocalDate.of(endYear, toMonth, toDay);
    int startYear =
        fromYear != null
            ? Integer.parseInt(fromYear)
            : endYear - (fromMonth.compareTo(toMonth) > 0 ? 1 : 0);
    LocalDate from = LocalDate.of(startYear, fromMonth, fromDay);
    if (from.isAfter(to)) {
      throw new DateTimeException("reporting period ends before it starts");
    }
    return Optional.of(new Period(from, to));
  }

  /**
   * The date of a month and day written without a year: the candidate year (the period's, the one
   * before or after) that puts it closest to the period. A December bullet in a January briefing
   * thus lands in the previous year.
   *
   * @throws DateTimeException when the day does not exist in any candidate year
   */
  static LocalDate inYear(Month month, int day, Period period) {
    LocalDate best = null;
    long bestDistance = Long.MAX_VALUE;
    int year = period.to().getYear();
    for (int candidate = year - 1; candidate <= year + 1; candidate++) {
      LocalDate date;
      try {
        date = LocalDate.of(candidate, month, day);
      } catch (DateTimeException e) {
        continue;
      }
      long distance =
          date.isBefore(period.from())
              ? ChronoUnit.DAYS.between(date, period.from())
              : date.isAfter(period.to()) ? ChronoUnit.DAYS.between(period.to(), date) : 0;
      if (distance < bestDistance) {
        best = date;
        bestDistance = distance;
      }
    }
    if (best == null) {
      throw new DateTimeException(
          "no day " + day + " in " + month.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }
    return best;
  }

  private static Known day(String year, Month month, String day) {
    return new Known(
        LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)), DatePrecision.DAY);
  }

  private static int checkedMonth(int month) {
    if (month < 1 || month > 12) {
      throw new DateTimeException("no month " + month);
    }
    return month;
  }
}
