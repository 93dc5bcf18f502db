package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.DeliveryAttempt;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeliveryTransitionsTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant NOW = CREATED.plusSeconds(30);
  private static final String URL = "https://hooks.example.com/alerts";
  private final RetryPolicy policy = new RetryPolicy(WebhookSettings.defaults(), new Random(3));

  private static WebhookDelivery pending(List<DeliveryAttempt> attempts) {
    return WebhookDelivery.newBuilder()
        .setId("alr-1111222233334444")
        .setSubscriberId("sub-1")
        .setWatchlistId("wl-1")
        .setStatus(DeliveryStatus.PENDING)
        .setPayload("{}")
        .setAttempts(attempts)
        .setNextAttemptAt(NOW)
        .setCreatedAt(CREATED)
        .setUpdatedAt(CREATED)
        .build();
  }

  private static DeliveryAttempt attempt(Integer status, String error, boolean redelivery) {
    return DeliveryAttempt.newBuilder()
        .setAttemptedAt(NOW)
        .setUrl(URL)
        .setStatusCode(status)
        .setError(error)
        .setDurationMs(12)
        .setRedelivery(redelivery)
        .build();
  }

  @Test
  void shouldDeliverOnAny2xx() {
    for (int status : new int[] {200, 202, 204, 299}) {
      DeliveryTransitions.Step step =
          DeliveryTransitions.afterAttempt(
              pending(List.of()), attempt(status, null, false), NOW, policy);

      assertThat(step.next().getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(step.next().getNextAttemptAt()).isNull();
      assertThat(step.next().getAttempts()).containsExactly(attempt(status, null, false));
      assertThat(step.next().getUpdatedAt()).isEqualTo(NOW);
      assertThat(step.deadLetterReason()).isEmpty();
    }
  }

  @Test
  void shouldGiveUpAtOnceOn410Gone() {
    DeliveryTransitions.Step step =
        DeliveryTransitions.afterAttempt(
            pending(List.of()), attempt(410, null, false), NOW, policy);

    assertThat(step.next().getStatus()).isEqualTo(DeliveryStatus.GAVE_UP);
    assertThat(step.next().getNextAttemptAt()).isNull();
    assertThat(step.deadLetterReason())
        .contains(
            "Webhook delivery alr-1111222233334444 of watchlist wl-1 given up: the endpoint"
                + " answered 410 Gone, so it is not retried; last attempt to "
                + URL
                + ": HTTP 410");
  }

  @Test
  void shouldRetryOnServerErrorsRedirectsAndClientErrorsOtherThan410() {
    for (int status : new int[] {500, 503, 302, 404, 429}) {
      DeliveryTransitions.Step step =
          DeliveryTransitions.afterAttempt(
              pending(List.of()), attempt(status, null, false), NOW, policy);

      assertThat(step.next().getStatus()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(step.next().getNextAttemptAt()).isBetween(NOW, NOW.plusSeconds(5));
      assertThat(step.deadLetterReason()).isEmpty();
    }
  }

  @Test
  void shouldRetryAfterATimeoutOrConnectionError() {
    for (String error : new String[] {"timed out after 10000 ms", "could not connect"}) {
      DeliveryTransitions.Step step =
          DeliveryTransitions.afterAttempt(
              pending(List.of()), attempt(null, error, false), NOW, policy);

      assertThat(step.next().getStatus()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(step.next().getNextAttemptAt()).isBetween(NOW, NOW.plusSeconds(5));
      assertThat(step.next().getAttempts().get(0).getError()).isEqualTo(error);
    }
  }

  @Test
  void shouldWaitLongerAfterMoreFailures() {
    List<DeliveryAttempt> earlier = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      earlier.add(attempt(500, null, false));
    }

    DeliveryTransitions.Step step =
        DeliveryTransitions.afterAttempt(pending(earlier), attempt(500, null, false), NOW, policy);

    // The 10th failure: up to 5 s * 2^9 = 2560 s.
    assertThat(step.next().getNextAttemptAt()).isBetween(NOW, NOW.plusSeconds(2560));
  }

  @Test
  void shouldGiveUpWithTheLastErrorOncePastTheGiveUpAge() {
    Instant late = CREATED.plus(Duration.ofHours(24));

    DeliveryTransitions.Step step =
        DeliveryTransitions.afterAttempt(
            pending(List.of(attempt(500, null, false))),
            attempt(null, "timed out after 10000 ms", false),
            late,
            policy);

    assertThat(step.next().getStatus()).isEqualTo(DeliveryStatus.GAVE_UP);
    assertThat(step.next().getNextAttemptAt()).isNull();
    assertThat(step.deadLetterReason())
        .contains(
            "Webhook delivery alr-1111222233334444 of watchlist wl-1 given up: no attempt"
                + " succeeded within PT24H (2 attempts); last attempt to "
                + URL
                + ": timed out after 10000 ms");
  }

  @Test
  void shouldKeepTheStatusWhenARedeliveryFails() {
    WebhookDelivery delivered =
        WebhookDelivery.newBuilder(pending(List.of(attempt(200, null, false))))
            .setStatus(DeliveryStatus.DELIVERED)
            .setNextAttemptAt(NOW)
            .build();

    DeliveryTransitions.Step failed =
        DeliveryTransitions.afterAttempt(delivered, attempt(410, null, true), NOW, policy);
    DeliveryTransitions.Step succeeded =
        DeliveryTransitions.afterAttempt(delivered, attempt(204, null, true), NOW, policy);

    assertThat(failed.next().getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(failed.next().getNextAttemptAt()).isNull();
    assertThat(failed.deadLetterReason()).isEmpty();
    assertThat(failed.next().getAttempts()).hasSize(2);
    assertThat(succeeded.next().getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(succeeded.next().getAttempts().get(1).getRedelivery()).isTrue();
  }

  @Test
  void shouldKeepOnlyTheLatestAttempts() {
    List<DeliveryAttempt> many = new ArrayList<>();
    for (int i = 0; i < DeliveryTransitions.MAX_ATTEMPTS; i++) {
      many.add(attempt(500, null, false));
    }

    DeliveryTransitions.Step step =
        DeliveryTransitions.afterAttempt(pending(many), attempt(204, null, false), NOW, policy);

    assertThat(step.next().getAttempts()).hasSize(DeliveryTransitions.MAX_ATTEMPTS);
    assertThat(step.next().getAttempts().get(DeliveryTransitions.MAX_ATTEMPTS - 1).getStatusCode())
        .isEqualTo(204);
  }

  @Test
  void shouldCancelWithoutFurtherAttempts() {
    WebhookDelivery cancelled = DeliveryTransitions.cancelled(pending(List.of()), NOW);

    assertThat(cancelled.getStatus()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(cancelled.getNextAttemptAt()).isNull();
    assertThat(cancelled.getAttempts()).isEmpty();
  }
}
