package eu.sectoralerts.ingest.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.ingest.briefing.Dates.Known;
import eu.sectoralerts.ingest.briefing.Dates.Period;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatesTest {

  @Test
  void shouldReadTheFirstDateInTheShapesBriefingsUse() {
    assertThat(Dates.first("MARCH 2, 2021 (REPORTING PERIOD: FEBRUARY 1 - 28)"))
        .contains(new Known(LocalDate.of(2021, 3, 2), DatePrecision.DAY));
    assertThat(Dates.first("Berlin, 2nd March 2021"))
        .contains(new Known(LocalDate.of(2021, 3, 2), DatePrecision.DAY));
    assertThat(Dates.first("Issued 2021-03-02"))
        .contains(new Known(LocalDate.of(2021, 3, 2), DatePrecision.DAY));
    assertThat(Dates.first("Policy Update | Sept. 2022"))
        .contains(new Known(LocalDate.of(2022, 9, 1), DatePrecision.MONTH));
    assertThat(Dates.first("No date here")).isEmpty();
    assertThatThrownBy(() -> Dates.first("APRIL 31, 2021")).isInstanceOf(DateTimeException.class);
  }

  @Test
  void shouldReadReportingPeriodsWithAndWithoutYears() {
    Optional<LocalDate> issued = Optional.of(LocalDate.of(2022, 1, 11));

    assertThat(Dates.reportingPeriod("(REPORTING PERIOD: NOVEMBER 30 - DECEMBER 27)", issued))
        .contains(new Period(LocalDate.of(2021, 11, 30), LocalDate.of(2021, 12, 27)));
    // A period ends before its briefing is issued: this February is the previous year's.
    assertThat(Dates.reportingPeriod("Reporting period: 1 - 28 February", issued))
        .contains(new Period(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 28)));
    assertThat(
            Dates.reportingPeriod(
                "Reporting period: 1 - 28 February", Optional.of(LocalDate.of(2021, 3, 2))))
        .contains(new Period(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 28)));
    assertThat(
            Dates.reportingPeriod(
                "reporting period: December 15, 2021 to January 9, 2022", Optional.empty()))
        .contains(new Period(LocalDate.of(2021, 12, 15), LocalDate.of(2022, 1, 9)));
    assertThat(Dates.reportingPeriod("no period", issued)).isEmpty();
  }

  @Test
  void shouldPlaceAMonthAndDayInTheYearNearestThePeriod() {
    Period winter = new Period(LocalDate.of(2023, 12, 20), LocalDate.of(2024, 1, 25));

    assertThat(Dates.inYear(Month.DECEMBER, 22, winter)).isEqualTo(LocalDate.of(2023, 12, 22));
    assertThat(Dates.inYear(Month.JANUARY, 3, winter)).isEqualTo(LocalDate.of(2024, 1, 3));
    assertThat(Dates.inYear(Month.FEBRUARY, 29, winter)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThatThrownBy(() -> Dates.inYear(Month.APRIL, 31, winter))
        .isInstanceOf(DateTimeException.class);
  }

  @Test
  void shouldReadADateField() {
    Period period = new Period(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 28));

    assertThat(Dates.parseField("February 18, 2021", period))
        .isEqualTo(new Known(LocalDate.of(2021, 2, 18), DatePrecision.DAY));
    assertThat(Dates.parseField("18 February", period))
        .isEqualTo(new Known(LocalDate.of(2021, 2, 18), DatePrecision.DAY));
    assertThat(Dates.parseField("2021-01", period))
        .isEqualTo(new Known(LocalDate.of(2021, 1, 1), DatePrecision.MONTH));
    assertThatThrownBy(() -> Dates.parseField("soon", period))
        .isInstanceOf(DateTimeException.class);
  }
}
