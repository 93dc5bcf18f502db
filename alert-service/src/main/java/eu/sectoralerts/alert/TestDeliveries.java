package eu.sectoralerts.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookTarget;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.webhooks.SendResult;
import eu.sectoralerts.webhooks.WebhookSecrets;
import eu.sectoralerts.webhooks.WebhookSender;
import eu.sectoralerts.webhooks.WebhookSignatures;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed sample payload to a watchlist's webhook right away, so a subscriber can check
 * their receiver: the same headers and Standard Webhooks signature as a real delivery, with {@code
 * "type": "webhook.test"}, a {@code webhook-id} starting {@code test-} and a made-up alert as
 * {@code data}. Nothing is recorded and nothing is retried. The caller checks the URL first.
 */
public final class TestDeliveries {

  /** The {@code type} of the sample payload. */
  public static final String TYPE = "webhook.test";

  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final WebhookSender sender;
  private final Duration timeout;
  private final Clock clock;
  private final SecureRandom random;
  private final ObjectMapper mapper = Json.newMapper();

  /**
   * @param sender the HTTP client POSTing the payload (the dispatcher's kind of sender)
   * @param timeout how long to wait for the receiver's answer
   * @param clock the payload's timestamp
   * @param random the message id
   */
  public TestDeliveries(WebhookSender sender, Duration timeout, Clock clock, SecureRandom random) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * POSTs the sample to the watchlist's webhook and waits for the answer.
   *
   * @throws IllegalArgumentException when the watchlist has no webhook
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public ApiJson.TestDeliveryJson send(Watchlist watchlist) throws InterruptedException {
    WebhookTarget target = watchlist.getWebhook();
    if (target == null) {
      throw new IllegalArgumentException("watchlist " + watchlist.getId() + " has no webhook");
    }
    if (!WebhookSecrets.isWellFormed(target.getSecret())) {
      return new ApiJson.TestDeliveryJson(
          null, 0, "the webhook's signing secret is malformed", false);
    }
    Instant now = clock.instant();
    String msgId = "test-" + ContentRandom.hex(random, 8);
    byte[] body = payload(watchlist, msgId, now);
    long timestamp = now.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", msgId);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put(
        "webhook-signature", WebhookSignatures.sign(target.getSecret(), msgId, timestamp, body));
    headers.put("content-type", "application/json");
    headers.put("user-agent", "sector-alerts-webhooks/1");
    long t0 = System.nanoTime();
    SendResult result;
    try {
      result =
          sender
              .send(URI.create(target.getUrl()), Map.copyOf(headers), body, timeout)
              .get(timeout.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result = SendResult.failed("timed out after " + timeout.toMillis() + " ms");
    } catch (ExecutionException | RuntimeException e) {
      // A sender's future completes normally; this is a bug of the sender, said plainly.
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      result = SendResult.failed("the request failed: " + cause.getClass().getSimpleName());
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    return new ApiJson.TestDeliveryJson(
        result.statusCode(), ms, result.error(), result.delivered());
  }

  private byte[] payload(Watchlist watchlist, String msgId, Instant now) {
    List<String> sectors =
        watchlist.getSectors().isEmpty() ? List.of("cross-sector") : watchlist.getSectors();
    ApiJson.AlertJson sample =
        new ApiJson.AlertJson(
            "alr-" + msgId,
            watchlist.getId(),
            watchlist.getName(),
            "itm-" + msgId,
            "POLICY",
            "Test delivery from sector-alerts",
            "A sample alert sent because someone asked for a test delivery of this watchlist's"
                + " webhook. It is about no real item.",
            now.atZone(ZoneOffset.UTC).toLocalDate(),
            null,
            List.copyOf(sectors),
            List.copyOf(watchlist.getRisks()),
            "NONE",
            0,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            now);
    try {
      return mapper
          .writeValueAsString(new ApiJson.WebhookPayload(TYPE, now, sample))
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot render the test payload", e);
    }
  }
}
