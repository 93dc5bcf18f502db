package eu.sectoralerts.common;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka topic together with the serdes of its keys and values. Topologies and clients take their
 * topics as {@code Topic}s built from configuration, so a topic name and the types written to it
 * never drift apart.
 *
 * @param name the topic name, as configured
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
  }

  /** How a topology reads this topic, with a named source processor. */
  public Consumed<K, V> consumed(String processorName) {
    return Consumed.with(keySerde, valueSerde).withName(processorName);
  }

  /** How a topology writes this topic, with a named sink processor. */
  public Produced<K, V> produced(String processorName) {
    return Produced.with(keySerde, valueSerde).withName(processorName);
  }

  @Override
  public String toString() {
    return name;
  }
}
