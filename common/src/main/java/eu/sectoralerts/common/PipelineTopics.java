package eu.sectoralerts.common;

import java.util.List;
import java.util.Objects;

/**
 * The names of the pipeline's topics, read from configuration (keys {@code topics.items}, {@code
 * topics.tagged}, ...; env {@code TOPICS_ITEMS}, ...), with the defaults below. Every service reads
 * the same keys, so a deployment renames a topic in one place.
 *
 * @param items news items as analysts publish them (history kept forever, for replays)
 * @param tagged tagged items (history kept forever)
 * @param watchlists watchlists (compacted, keyed by watchlist id)
 * @param alerts alerts (keyed by subscriber id)
 * @param enrichDeadLetters records enrich-streams could not read or tag
 * @param alertDeadLetters records alert-service could not read, match or deliver
 * @param subscribers subscribers and their key digests (compacted, keyed by subscriber id)
 * @param webhookDeliveries the state of every webhook delivery (compacted, keyed by delivery id)
 */
public record PipelineTopics(
    String items,
    String tagged,
    String watchlists,
    String alerts,
    String enrichDeadLetters,
    String alertDeadLetters,
    String subscribers,
    String webhookDeliveries) {

  public static final String DEFAULT_ITEMS = "news-items";
  public static final String DEFAULT_TAGGED = "tagged-items";
  public static final String DEFAULT_WATCHLISTS = "watchlists";
  public static final String DEFAULT_ALERTS = "alerts";
  public static final String DEFAULT_ENRICH_DLQ = "enrich-dead-letters";
  public static final String DEFAULT_ALERT_DLQ = "alert-dead-letters";
  public static final String DEFAULT_SUBSCRIBERS = "subscribers";
  public static final String DEFAULT_WEBHOOK_DELIVERIES = "webhook-deliveries";

  private static final long DAY_MS = 24L * 60 * 60 * 1000;

  public PipelineTopics {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(tagged, "tagged");
    Objects.requireNonNull(watchlists, "watchlists");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(enrichDeadLetters, "enrichDeadLetters");
    Objects.requireNonNull(alertDeadLetters, "alertDeadLetters");
    Objects.requireNonNull(subscribers, "subscribers");
    Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
  }

  /** The default names. */
  public static PipelineTopics defaults() {
    return from(ConfigSource.ofMap(java.util.Map.of()));
  }

  /** Names from configuration, defaults where a key is absent. */
  public static PipelineTopics from(ConfigSource config) {
    return new PipelineTopics(
        config.getString("topics.items", DEFAULT_ITEMS),
        config.getString("topics.tagged", DEFAULT_TAGGED),
        config.getString("topics.watchlists", DEFAULT_WATCHLISTS),
        config.getString("topics.alerts", DEFAULT_ALERTS),
        config.getString("topics.enrich-dead-letters", DEFAULT_ENRICH_DLQ),
        config.getString("topics.alert-dead-letters", DEFAULT_ALERT_DLQ),
        config.getString("topics.subscribers", DEFAULT_SUBSCRIBERS),
        config.getString("topics.webhook-deliveries", DEFAULT_WEBHOOK_DELIVERIES));
  }

  /**
   * How each topic is created: items and tagged items are kept forever (replays read them),
   * watchlists, subscribers and webhook deliveries compacted, alerts for a year, dead letters for
   * 30 days. Webhook deliveries have as many partitions as alerts: a delivery is written to the
   * partition its alert came from, so the instance that owns an alert partition owns its
   * deliveries.
   */
  public List<TopicSpec> specs(int partitions, short replicationFactor) {
    return List.of(
        TopicSpec.history(items, partitions, replicationFactor),
        TopicSpec.history(tagged, partitions, replicationFactor),
        TopicSpec.compacted(watchlists, partitions, replicationFactor),
        TopicSpec.retained(alerts, partitions, replicationFactor, 365 * DAY_MS),
        TopicSpec.retained(enrichDeadLetters, 1, replicationFactor, 30 * DAY_MS),
        TopicSpec.retained(alertDeadLetters, 1, replicationFactor, 30 * DAY_MS),
        TopicSpec.compacted(subscribers, partitions, replicationFactor),
        TopicSpec.compacted(webhookDeliveries, partitions, replicationFactor));
  }
}
