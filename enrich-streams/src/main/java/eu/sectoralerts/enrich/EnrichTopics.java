package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.Topic;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The three topics of enrich-streams with their serdes: items are read as raw bytes (decoded in the
 * topology, so a bad record becomes a dead letter), tagged items are keyed by item id, dead letters
 * keep the original key bytes.
 *
 * @param items the news items topic, bytes in and out
 * @param tagged the tagged items topic
 * @param deadLetters the enrich dead-letter topic
 */
public record EnrichTopics(
    Topic<byte[], byte[]> items,
    Topic<String, TaggedItem> tagged,
    Topic<byte[], DeadLetter> deadLetters) {

  public EnrichTopics {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(tagged, "tagged");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }

  /** The topics named in {@code names}, with Avro values through {@code registry}. */
  public static EnrichTopics from(PipelineTopics names, SchemaRegistryClient registry) {
    return new EnrichTopics(
        new Topic<>(names.items(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(
            names.tagged(), Serdes.String(), AvroSerde.forValues(registry, TaggedItem.class)),
        new Topic<>(
            names.enrichDeadLetters(),
            Serdes.ByteArray(),
            AvroSerde.forValues(registry, DeadLetter.class)));
  }
}
