package eu.sectoralerts.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The half-open interval [{@code from}, {@code to}) of record timestamps a replay covers. On the
 * command line a bound is a date ({@code 2025-03-01}, midnight UTC; as {@code --to} it means the
 * whole day, so {@code --to 2025-03-31} ends at the start of April 1st) or an instant ({@code
 * 2025-03-01T12:00:00Z}, taken as it is).
 */
public record TimeRange(Instant from, Instant to) {

  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "the range must end after it starts: from " + from + ", to " + to);
    }
  }

  /** From the start of {@code first} to the end of {@code last} (UTC days, both included). */
  public static TimeRange ofDays(LocalDate first, LocalDate last) {
    return new TimeRange(
        first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * The range of two command-line bounds.
   *
   * @throws IllegalArgumentException naming the bound that is neither a date nor an instant
   */
  public static TimeRange parse(String from, String to) {
    return new TimeRange(bound("--from", from, false), bound("--to", to, true));
  }

  /** Whether a record with timestamp {@code epochMillis} is inside. */
  public boolean contains(long epochMillis) {
    return epochMillis >= from.toEpochMilli() && epochMillis < to.toEpochMilli();
  }

  private static Instant bound(String name, String text, boolean end) {
    Objects.requireNonNull(text, name);
    String value = text.strip();
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + " must be a date (2025-03-01) or an instant (2025-03-01T12:00:00Z), got '"
              + value
              + "'");
    }
  }
}
