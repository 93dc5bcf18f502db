package eu.sectoralerts.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Static group membership for a Kafka Streams instance. The instance id is kept in a file beside
 * the instance's state, so it is the same every time this instance restarts on the same state
 * directory and different for every other instance. A restarted instance then takes its place in
 * the group at once, instead of waiting for the broker to time out its previous incarnation; and
 * closing with {@code leaveGroup(true)} (which Kafka 4.1 honours for static members only) hands its
 * partitions to the others at once.
 */
public final class StreamsInstanceId {

  private StreamsInstanceId() {}

  /**
   * Sets {@code group.instance.id} of the main consumer to this instance's id, unless the
   * configuration sets one already.
   *
   * @throws IllegalStateException when the id file cannot be read or written
   */
  public static void apply(Properties streamsProperties, Path stateDir, String applicationId) {
    String key = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    if (!streamsProperties.containsKey(key)) {
      streamsProperties.put(key, of(stateDir, applicationId));
    }
  }

  /** This instance's id, created on first use: {@code <applicationId>-<random>}. */
  public static String of(Path stateDir, String applicationId) {
    Path file = stateDir.resolve(applicationId + ".instance-id");
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      Files.createDirectories(stateDir);
      String id = applicationId + "-" + UUID.randomUUID().toString().substring(0, 8);
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read or write the instance id file " + file + ": " + e.getMessage(), e);
    }
  }
}
