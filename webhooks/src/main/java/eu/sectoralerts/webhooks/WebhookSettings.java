package eu.sectoralerts.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are delivered: timeouts, the retry schedule, concurrency caps and which URLs are
 * allowed. Retries wait a random time between zero and {@code initialBackoff * 2^(n-1)} (at most
 * {@code maxBackoff}) before the n-th retry, and stop once a delivery is {@code giveUpAfter} old.
 *
 * @param requestTimeout how long one POST may take until its answer arrives
 * @param initialBackoff the upper bound of the first retry's wait
 * @param maxBackoff the largest upper bound of any retry's wait
 * @param giveUpAfter age of a delivery after which it is given up (and dead-lettered)
 * @param maxInFlight POSTs in flight at once, over all endpoints
 * @param maxInFlightPerEndpoint POSTs in flight at once to one endpoint (scheme, host and port)
 * @param allowHttp also accept {@code http://} URLs (development only)
 * @param allowPrivateAddresses also accept loopback, private, unspecified and multicast addresses
 *     (development and tests only; link-local and metadata addresses are refused regardless)
 */
public record WebhookSettings(
    Duration requestTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration giveUpAfter,
    int maxInFlight,
    int maxInFlightPerEndpoint,
    boolean allowHttp,
    boolean allowPrivateAddresses) {

  public WebhookSettings {
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(giveUpAfter, "giveUpAfter");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff ("
              + maxBackoff
              + ") must not be shorter than initialBackoff ("
              + initialBackoff
              + ")");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
    }
    if (maxInFlightPerEndpoint < 1 || maxInFlightPerEndpoint > maxInFlight) {
      throw new IllegalArgumentException(
          "maxInFlightPerEndpoint must be between 1 and maxInFlight ("
              + maxInFlight
              + "), got "
              + maxInFlightPerEndpoint);
    }
  }

  /** 10 s timeout, retries from 5 s up to 1 h apart for 24 h, 64 in flight (4 per endpoint). */
  public static WebhookSettings defaults() {
    return new WebhookSettings(
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofHours(24),
        64,
        4,
        false,
        false);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
