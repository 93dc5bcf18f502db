package eu.sectoralerts.common;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How a topic is created: name, partitions, replication and topic-level configs such as retention
 * and compaction. The pipeline creates every topic it uses from such specs and never relies on
 * broker auto-creation.
 *
 * @param name topic name
 * @param partitions number of partitions, at least 1
 * @param replicationFactor replicas per partition, at least 1
 * @param configs topic-level configs (e.g. {@code cleanup.policy}, {@code retention.ms})
 */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  /** Retention that never deletes by time: history is kept for replays. */
  public static final String KEEP_FOREVER = "-1";

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("topic " + name + ": replication factor must be >= 1");
    }
    configs = Map.copyOf(configs);
  }

  /** A delete-policy topic whose records are never removed by age. */
  public static TopicSpec history(String name, int partitions, short replicationFactor) {
    return new TopicSpec(
        name,
        partitions,
        replicationFactor,
        Map.of("cleanup.policy", "delete", "retention.ms", KEEP_FOREVER));
  }

  /** A delete-policy topic whose records are removed after {@code retentionMs}. */
  public static TopicSpec retained(
      String name, int partitions, short replicationFactor, long retentionMs) {
    return new TopicSpec(
        name,
        partitions,
        replicationFactor,
        Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retentionMs)));
  }

  /** A compacted topic: the latest value per key is kept, a null value deletes the key. */
  public static TopicSpec compacted(String name, int partitions, short replicationFactor) {
    return new TopicSpec(name, partitions, replicationFactor, Map.of("cleanup.policy", "compact"));
  }

  /** The admin-client request that creates this topic. */
  public NewTopic toNewTopic() {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }
}
