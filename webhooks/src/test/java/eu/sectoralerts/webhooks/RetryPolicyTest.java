package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T08:00:00Z");
  private final RetryPolicy policy = new RetryPolicy(WebhookSettings.defaults(), new Random(42));

  @Test
  void shouldDoubleTheCeilingFromFiveSecondsUpToOneHour() {
    List<Duration> ceilings = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      ceilings.add(policy.ceiling(n));
    }

    assertThat(ceilings)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160),
            Duration.ofSeconds(320),
            Duration.ofSeconds(640),
            Duration.ofSeconds(1280),
            Duration.ofSeconds(2560),
            Duration.ofHours(1),
            Duration.ofHours(1));
    assertThat(policy.ceiling(10_000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldJitterEachDelayBetweenZeroAndItsCeiling() {
    for (int n = 1; n <= 30; n++) {
      for (int i = 0; i < 200; i++) {
        assertThat(policy.delay(n)).isBetween(Duration.ZERO, policy.ceiling(n));
      }
    }
  }

  @Test
  void shouldSpreadDelaysRatherThanRepeatOne() {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      delays.add(policy.delay(8));
    }

    assertThat(delays.stream().distinct().count()).isGreaterThan(40);
    assertThat(delays.stream().mapToLong(Duration::toMillis).max().getAsLong())
        .isGreaterThan(policy.ceiling(8).toMillis() / 2);
  }

  @Test
  void shouldBeReproducibleWithTheSameSeed() {
    RetryPolicy a = new RetryPolicy(WebhookSettings.defaults(), new Random(7));
    RetryPolicy b = new RetryPolicy(WebhookSettings.defaults(), new Random(7));

    for (int n = 1; n <= 20; n++) {
      assertThat(a.delay(n)).isEqualTo(b.delay(n));
    }
  }

  @Test
  void shouldRetryForTwentyFourHoursThenGiveUp() {
    Instant now = CREATED;
    int failures = 0;
    List<Instant> attempts = new ArrayList<>();
    while (true) {
      attempts.add(now);
      failures++;
      Optional<Instant> next = policy.next(CREATED, failures, now);
      if (next.isEmpty()) {
        break;
      }
      assertThat(next.get())
          .isAfterOrEqualTo(now)
          .isBeforeOrEqualTo(CREATED.plus(Duration.ofHours(24)));
      now = next.get();
    }

    assertThat(attempts.get(attempts.size() - 1)).isEqualTo(CREATED.plus(Duration.ofHours(24)));
    assertThat(attempts.size()).isBetween(15, 100);
  }

  @Test
  void shouldGiveUpWhenTheDeliveryIsAlreadyTooOld() {
    assertThat(policy.next(CREATED, 1, CREATED.plus(Duration.ofHours(25)))).isEmpty();
    assertThat(policy.next(CREATED, 1, CREATED.plus(Duration.ofHours(24)))).isEmpty();
  }

  @Test
  void shouldMoveTheLastRetryToTheDeadline() {
    Instant almost = CREATED.plus(Duration.ofHours(24)).minusSeconds(1);

    assertThat(policy.next(CREATED, 20, almost).orElseThrow())
        .isBetween(almost, CREATED.plus(Duration.ofHours(24)));
  }
}
