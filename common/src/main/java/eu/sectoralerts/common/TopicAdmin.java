package eu.sectoralerts.common;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service needs, explicitly and idempotently: a topic that exists already is
 * left as it is. Every service calls this at start, so it can run alone against a cluster that has
 * auto-creation turned off.
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /**
   * Creates each topic that does not exist yet and waits until the cluster has them.
   *
   * @throws IllegalStateException when the cluster cannot be reached or refuses a topic, with the
   *     topic and the broker's reason in the message
   */
  public static void ensureTopics(
      String bootstrapServers, Collection<TopicSpec> specs, Duration timeout) {
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Admin admin;
    try {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  timeoutMs,
                  // Kafka refuses an API timeout shorter than one request's timeout.
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  Math.min(timeoutMs, 30_000)));
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "Cannot use the Kafka cluster at " + bootstrapServers + ": " + e.getMessage(), e);
    }
    try (admin) {
      ensureTopics(admin, specs, timeout);
    }
  }

  /** As {@link #ensureTopics(String, Collection, Duration)}, with a caller-owned admin client. */
  public static void ensureTopics(Admin admin, Collection<TopicSpec> specs, Duration timeout) {
    try {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          specs.stream()
              .filter(spec -> !existing.contains(spec.name()))
              .map(TopicSpec::toNewTopic)
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      var results = admin.createTopics(missing).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("Created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          // Another instance may have created it between our listing and our request.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Could not create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      String reason =
          cause.getMessage() == null
              ? "no answer within " + timeout.toSeconds() + " s"
              : cause.getMessage();
      throw new IllegalStateException(
          "Could not reach the Kafka cluster to create topics: " + reason, cause);
    }
  }
}
