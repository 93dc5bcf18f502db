package eu.sectoralerts.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetScoreTest {

  @Test
  void shouldCountHitsExtrasAndMissesOfOneItem() {
    SetScore score =
        SetScore.of(List.of("rail", "energy-cleantech"), List.of("rail", "automotive"));

    assertThat(score).isEqualTo(new SetScore(1, 1, 1));
  }

  @Test
  void shouldMicroAverageBySummingCounts() {
    SetScore total =
        SetScore.of(List.of("a", "b"), List.of("a", "b"))
            .plus(SetScore.of(List.of("c"), List.of("d")))
            .plus(SetScore.of(List.of(), List.of("e")));

    assertThat(total).isEqualTo(new SetScore(2, 2, 1));
    assertThat(total.precision()).isEqualTo(0.5);
    assertThat(total.recall()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(total.f1()).isCloseTo(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), within(1e-9));
  }

  @Test
  void shouldScoreNothingExpectedAndNothingGivenAsPerfect() {
    assertThat(SetScore.ZERO.precision()).isEqualTo(1);
    assertThat(SetScore.ZERO.recall()).isEqualTo(1);
    assertThat(SetScore.ZERO.f1()).isEqualTo(1);
    assertThat(new SetScore(0, 3, 2).f1()).isZero();
  }

  @Test
  void shouldComputeAccuracy() {
    Accuracy accuracy = Accuracy.ZERO.plus(true).plus(false).plus(true).plus(true);

    assertThat(accuracy).isEqualTo(new Accuracy(3, 4));
    assertThat(accuracy.value()).isEqualTo(0.75);
    assertThatThrownBy(() -> new Accuracy(5, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
