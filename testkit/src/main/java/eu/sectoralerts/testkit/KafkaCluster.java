package eu.sectoralerts.testkit;

import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.common.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A running Kafka cluster a test talks to. One cluster is shared by every test of a JVM run, so
 * tests isolate themselves with {@link #uniqueName(String)} for topics, groups and application ids
 * rather than relying on an empty cluster.
 */
public interface KafkaCluster {

  /** {@code host:port[,host:port]} for clients. */
  String bootstrapServers();

  /**
   * Which kind of cluster this is: {@code in-process}, {@code testcontainers} or {@code external}.
   */
  String kind();

  /** {@code prefix} plus a random suffix: a name no other test uses. */
  default String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates the topics that do not exist yet. */
  default void createTopics(List<TopicSpec> specs) {
    TopicAdmin.ensureTopics(bootstrapServers(), specs, Duration.ofSeconds(30));
  }
}
