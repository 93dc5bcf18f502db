package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.webhooks.SendResult;
import eu.sectoralerts.webhooks.WebhookSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The alert service's own meters:
 *
 * <ul>
 *   <li>{@code sector_alerts_alerts_total{channel}}: alerts filed in an inbox ({@code inbox}),
 *       written to a live stream connection ({@code sse}), and accepted by a webhook endpoint
 *       ({@code webhook}, 2xx);
 *   <li>{@code sector_alerts_webhook_deliveries_total{outcome}}: webhook POSTs (retries and
 *       redeliveries included) by how they ended: {@code delivered} (2xx), {@code rejected}
 *       (another status), {@code failed} (no answer);
 *   <li>{@code sector_alerts_publish_to_alert_seconds}: end-to-end lag, from the item's {@code
 *       publishedAt} to the moment its alert is filed in the inbox (histogram).
 * </ul>
 *
 * Counts are of work done: an alert filed again after a crash (exactly-once retries the batch) or a
 * rebalance is counted again; the alerts topic holds each alert once.
 */
public final class AlertMetrics {

  static final String ALERTS = "sector.alerts.alerts";
  static final String DELIVERIES = "sector.alerts.webhook.deliveries";
  static final String LAG = "sector.alerts.publish.to.alert";

  private final Counter inbox;
  private final Counter sse;
  private final Counter webhook;
  private final Counter delivered;
  private final Counter rejected;
  private final Counter failed;
  private final Timer lag;
  private final Clock clock;

  public AlertMetrics(MeterRegistry registry, Clock clock) {
    Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.inbox = channel(registry, "inbox");
    this.sse = channel(registry, "sse");
    this.webhook = channel(registry, "webhook");
    this.delivered = delivery(registry, "delivered");
    this.rejected = delivery(registry, "rejected");
    this.failed = delivery(registry, "failed");
    this.lag =
        Timer.builder(LAG)
            .description("From an item's publishedAt to its alert filed in the inbox")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
  }

  /** Counts the alert into the inbox and its lag, then hands it to {@code next}. */
  public Consumer<Alert> filedThen(Consumer<Alert> next) {
    Objects.requireNonNull(next, "next");
    return alert -> {
      inbox.increment();
      Instant publishedAt = alert.getItem().getItem().getPublishedAt();
      Duration since = Duration.between(publishedAt, clock.instant());
      if (!since.isNegative()) {
        lag.record(since);
      }
      next.accept(alert);
    };
  }

  /** One alert written to a live stream. */
  public void sentLive() {
    sse.increment();
  }

  /** {@code sender}, counting how each POST ended. */
  public WebhookSender counting(WebhookSender sender) {
    Objects.requireNonNull(sender, "sender");
    return (url, headers, body, timeout) ->
        sender.send(url, headers, body, timeout).whenComplete((result, error) -> count(result));
  }

  private void count(SendResult result) {
    if (result == null || result.statusCode() == null) {
      failed.increment();
    } else if (result.delivered()) {
      delivered.increment();
      webhook.increment();
    } else {
      rejected.increment();
    }
  }

  private static Counter channel(MeterRegistry registry, String channel) {
    return Counter.builder(ALERTS)
        .description("Alerts by the channel that carried them")
        .tag("channel", channel)
        .register(registry);
  }

  private static Counter delivery(MeterRegistry registry, String outcome) {
    return Counter.builder(DELIVERIES)
        .description("Webhook POSTs by how they ended")
        .tag("outcome", outcome)
        .register(registry);
  }
}
