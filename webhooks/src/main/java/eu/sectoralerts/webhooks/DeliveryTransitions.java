package eu.sectoralerts.webhooks;

import eu.sectoralerts.avro.DeliveryAttempt;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.WebhookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a delivery becomes after an attempt: 2xx delivers it; 410 Gone gives it up at once; any
 * other answer, a timeout or a connection error schedules a retry, or gives it up once the retry
 * policy says so. A redelivery (an attempt asked for after the delivery had ended) is one attempt
 * only: success makes the delivery DELIVERED, a failure is recorded but leaves its status as it was
 * and neither retries nor dead-letters. Only the latest {@value #MAX_ATTEMPTS} attempts are kept.
 */
final class DeliveryTransitions {

  static final int MAX_ATTEMPTS = 100;

  /**
   * The delivery after one step.
   *
   * @param next the record to write
   * @param deadLetterReason why the delivery was given up, when this step gave it up
   */
  record Step(WebhookDelivery next, Optional<String> deadLetterReason) {}

  private DeliveryTransitions() {}

  static Step afterAttempt(
      WebhookDelivery current, DeliveryAttempt attempt, Instant now, RetryPolicy policy) {
    List<DeliveryAttempt> attempts = new ArrayList<>(current.getAttempts());
    attempts.add(attempt);
    if (attempts.size() > MAX_ATTEMPTS) {
      attempts = new ArrayList<>(attempts.subList(attempts.size() - MAX_ATTEMPTS, attempts.size()));
    }
    WebhookDelivery.Builder next =
        WebhookDelivery.newBuilder(current)
            .setAttempts(attempts)
            .setUpdatedAt(now)
            .setNextAttemptAt(null);
    Integer status = attempt.getStatusCode();
    if (status != null && status >= 200 && status < 300) {
      return new Step(next.setStatus(DeliveryStatus.DELIVERED).build(), Optional.empty());
    }
    if (attempt.getRedelivery()) {
      return new Step(next.build(), Optional.empty());
    }
    if (status != null && status == 410) {
      return new Step(
          next.setStatus(DeliveryStatus.GAVE_UP).build(),
          Optional.of(
              reason(current, attempt, "the endpoint answered 410 Gone, so it is not retried")));
    }
    long failures = attempts.stream().filter(a -> !a.getRedelivery()).count();
    Optional<Instant> retryAt = policy.next(current.getCreatedAt(), (int) failures, now);
    if (retryAt.isEmpty()) {
      return new Step(
          next.setStatus(DeliveryStatus.GAVE_UP).build(),
          Optional.of(
              reason(
                  current,
                  attempt,
                  "no attempt succeeded within "
                      + policy.giveUpAfter()
                      + " ("
                      + failures
                      + " attempts)")));
    }
    return new Step(
        next.setStatus(DeliveryStatus.PENDING).setNextAttemptAt(retryAt.get()).build(),
        Optional.empty());
  }

  /** The delivery once its watchlist, or the watchlist's webhook, is gone. */
  static WebhookDelivery cancelled(WebhookDelivery current, Instant now) {
    return WebhookDelivery.newBuilder(current)
        .setStatus(DeliveryStatus.CANCELLED)
        .setNextAttemptAt(null)
        .setUpdatedAt(now)
        .build();
  }

  /** The delivery with an attempt due right away (a subscriber's redelivery request). */
  static WebhookDelivery dueNow(WebhookDelivery current, Instant now) {
    return WebhookDelivery.newBuilder(current).setNextAttemptAt(now).setUpdatedAt(now).build();
  }

  /** {@code HTTP 500}, the error, or both, for a person. */
  static String describe(DeliveryAttempt attempt) {
    String error = attempt.getError();
    boolean hasError = error != null && !error.isBlank();
    if (attempt.getStatusCode() == null) {
      return hasError ? error : "no answer";
    }
    return "HTTP " + attempt.getStatusCode() + (hasError ? " (" + error + ")" : "");
  }

  private static String reason(WebhookDelivery d, DeliveryAttempt last, String why) {
    return "Webhook delivery "
        + d.getId()
        + " of watchlist "
        + d.getWatchlistId()
        + " given up: "
        + why
        + "; last attempt to "
        + last.getUrl()
        + ": "
        + describe(last);
  }
}
