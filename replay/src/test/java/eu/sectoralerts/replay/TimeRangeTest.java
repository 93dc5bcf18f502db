package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  @Test
  void shouldTakeDatesAsWholeUtcDaysWithTheLastDayIncluded() {
    TimeRange range = TimeRange.parse("2025-03-01", "2025-03-31");

    assertThat(range.from()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(range.to()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
    assertThat(range.contains(Instant.parse("2025-03-31T23:59:59.999Z").toEpochMilli())).isTrue();
    assertThat(range.contains(Instant.parse("2025-04-01T00:00:00Z").toEpochMilli())).isFalse();
    assertThat(range.contains(Instant.parse("2025-02-28T23:59:59.999Z").toEpochMilli())).isFalse();
  }

  @Test
  void shouldTakeInstantsAsTheyAre() {
    TimeRange range = TimeRange.parse("2025-03-01T12:00:00Z", "2025-03-02T06:30:00Z");

    assertThat(range)
        .isEqualTo(
            new TimeRange(
                Instant.parse("2025-03-01T12:00:00Z"), Instant.parse("2025-03-02T06:30:00Z")));
  }

  @Test
  void shouldNameTheBoundThatIsNotADate() {
    assertThatThrownBy(() -> TimeRange.parse("2025-13-01", "2025-03-02"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--from")
        .hasMessageContaining("2025-13-01");
    assertThatThrownBy(() -> TimeRange.parse("2025-03-01", "last week"))
        .hasMessageContaining("--to");
  }

  @Test
  void shouldRefuseARangeThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> TimeRange.parse("2025-03-02", "2025-03-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end after it starts");
  }
}
