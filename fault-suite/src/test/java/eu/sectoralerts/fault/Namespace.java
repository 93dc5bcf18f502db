package eu.sectoralerts.fault;

import eu.sectoralerts.common.PipelineTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The topics and application ids of one fault case, all prefixed with the case's name, so cases
 * sharing a broker never see each other's records.
 *
 * @param prefix a short name, also the prefix
 */
public record Namespace(String prefix) {

  public Namespace {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.matches("[a-z0-9-]{1,30}")) {
      throw new IllegalArgumentException("prefix must be [a-z0-9-]{1,30}, got " + prefix);
    }
  }

  public PipelineTopics topics() {
    return new PipelineTopics(
        prefix + "-news-items",
        prefix + "-tagged-items",
        prefix + "-watchlists",
        prefix + "-alerts",
        prefix + "-enrich-dead-letters",
        prefix + "-alert-dead-letters",
        prefix + "-subscribers",
        prefix + "-webhook-deliveries");
  }

  public String enrichApplicationId() {
    return prefix + "-enrich";
  }

  public String alertApplicationId() {
    return prefix + "-alert";
  }

  /** The {@code topics.*} config keys naming this namespace's topics. */
  public Map<String, String> topicConfig() {
    PipelineTopics t = topics();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("topics.items", t.items());
    config.put("topics.tagged", t.tagged());
    config.put("topics.watchlists", t.watchlists());
    config.put("topics.alerts", t.alerts());
    config.put("topics.enrich-dead-letters", t.enrichDeadLetters());
    config.put("topics.alert-dead-letters", t.alertDeadLetters());
    config.put("topics.subscribers", t.subscribers());
    config.put("topics.webhook-deliveries", t.webhookDeliveries());
    return config;
  }
}
