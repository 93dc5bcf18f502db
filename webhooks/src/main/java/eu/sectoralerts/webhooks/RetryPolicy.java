package eu.sectoralerts.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * When to try a failed delivery again: exponential backoff with full jitter. Before the n-th retry
 * it waits a uniformly random time between zero and {@code min(maxBackoff, initialBackoff *
 * 2^(n-1))}; full jitter spreads the retries of many deliveries that failed together (one endpoint
 * down) instead of sending them back in waves. No retry is due after the give-up deadline ({@code
 * createdAt + giveUpAfter}); the last one is moved to the deadline itself, so a delivery is tried
 * once more at the very end.
 */
final class RetryPolicy {

  private final WebhookSettings settings;
  private final Random jitter;

  RetryPolicy(WebhookSettings settings, Random jitter) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
  }

  /** The upper bound of the wait before retry {@code n} (1 for the first retry). */
  Duration ceiling(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("retries count from 1, got " + n);
    }
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    // Past 2^40 the product overflows; the cap is long reached by then.
    if (n - 1 >= 40 || initial > (max >> (n - 1))) {
      return Duration.ofMillis(max);
    }
    return Duration.ofMillis(Math.min(max, initial << (n - 1)));
  }

  /** A random wait within {@link #ceiling(int)}. */
  Duration delay(int n) {
    long ceiling = ceiling(n).toMillis();
    return Duration.ofMillis((long) (jitter.nextDouble() * (ceiling + 1)));
  }

  /** How long a delivery is retried. */
  Duration giveUpAfter() {
    return settings.giveUpAfter();
  }

  /** When a delivery of this age is given up. */
  Instant deadline(Instant createdAt) {
    return createdAt.plus(settings.giveUpAfter());
  }

  /**
   * When to try again after {@code failures} failed attempts, or empty when the delivery is to be
   * given up.
   */
  Optional<Instant> next(Instant createdAt, int failures, Instant now) {
    Instant deadline = deadline(createdAt);
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    Instant next = now.plus(delay(Math.max(1, failures)));
    return Optional.of(next.isAfter(deadline) ? deadline : next);
  }
}
