package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.common.TaxonomyIds;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counts alerts per week (Monday to Sunday, UTC, by the time the alert was filed) and, within a
 * week, by the item's primary sector (its first), so a week's sectors add up to its total. Alerts
 * outside the weeks are ignored.
 */
final class WeeklyCounts implements Consumer<Alert> {

  /** Most weeks one answer covers: a year. */
  static final int MAX_WEEKS = 52;

  private final LocalDate first;
  private final int[] totals;
  private final List<Map<String, Integer>> bySector;

  /**
   * @param today the current week is the last one counted
   * @param weeks how many weeks, 1 to {@link #MAX_WEEKS}
   */
  WeeklyCounts(LocalDate today, int weeks) {
    if (weeks < 1 || weeks > MAX_WEEKS) {
      throw new IllegalArgumentException("weeks must be 1 to " + MAX_WEEKS + ", got " + weeks);
    }
    this.first = mondayOf(today).minusWeeks(weeks - 1L);
    this.totals = new int[weeks];
    this.bySector = new ArrayList<>(weeks);
    for (int i = 0; i < weeks; i++) {
      bySector.add(new HashMap<>());
    }
  }

  /** The first instant counted: Monday 00:00 UTC of the oldest week. */
  Instant since() {
    return first.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  @Override
  public void accept(Alert alert) {
    LocalDate day = alert.getCreatedAt().atZone(ZoneOffset.UTC).toLocalDate();
    long week = ChronoUnit.WEEKS.between(first, mondayOf(day));
    if (day.isBefore(first) || week >= totals.length) {
      return;
    }
    List<String> sectors = alert.getItem().getSectors();
    String sector = sectors.isEmpty() ? "cross-sector" : sectors.get(0);
    totals[(int) week]++;
    bySector.get((int) week).merge(sector, 1, Integer::sum);
  }

  ApiJson.WeeklyJson toJson(boolean truncated) {
    List<ApiJson.WeekJson> weeks = new ArrayList<>(totals.length);
    for (int i = 0; i < totals.length; i++) {
      Map<String, Integer> counts = bySector.get(i);
      Map<String, Integer> ordered = new LinkedHashMap<>();
      for (String sector : TaxonomyIds.SECTORS) {
        Integer n = counts.get(sector);
        if (n != null) {
          ordered.put(sector, n);
        }
      }
      // An id the taxonomy no longer has still counts, after the known ones.
      counts.forEach(ordered::putIfAbsent);
      weeks.add(new ApiJson.WeekJson(first.plusWeeks(i), totals[i], ordered));
    }
    return new ApiJson.WeeklyJson(List.copyOf(weeks), truncated);
  }

  private static LocalDate mondayOf(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
