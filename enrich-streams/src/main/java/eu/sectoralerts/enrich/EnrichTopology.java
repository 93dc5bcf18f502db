package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.common.Topic;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The enrich topology, built without I/O: items are read as bytes, decoded and tagged in the named
 * processor {@code enrich-decode-and-tag}, then split: tagged items go to the tagged topic keyed by
 * item id, records that could not be read or tagged go to the dead-letter topic as {@code
 * DeadLetter}s with their source topic, partition, offset and original bytes. Every processor and
 * branch is named, and nothing is stateful, so there are no internal topics.
 */
public final class EnrichTopology {

  static final String ITEMS_SOURCE = "enrich-items-source";
  static final String DECODE_AND_TAG = "enrich-decode-and-tag";
  static final String SPLIT = "enrich-outcome-";
  static final String TAGGED_BRANCH = "tagged";
  static final String FAILED_BRANCH = "failed";
  static final String KEY_BY_ITEM_ID = "enrich-key-by-item-id";
  static final String TAGGED_SINK = "enrich-tagged-items-sink";
  static final String TO_DEAD_LETTER = "enrich-to-dead-letter";
  static final String DEAD_LETTER_SINK = "enrich-dead-letters-sink";

  private EnrichTopology() {}

  /**
   * Builds the topology.
   *
   * @param items the items topic, read as raw bytes
   * @param tagged where tagged items go, keyed by item id
   * @param deadLetters where records that could not be read or tagged go, keyed by the original key
   *     bytes
   * @param tagger assigns the tags
   * @param itemDeserializer reads a {@code NewsItem} from the wire format
   * @param clock stamps {@code failedAt} of dead letters
   * @param serviceName the {@code service} of dead letters (the application id)
   * @param tagOutcomes told what became of each record (metrics)
   */
  public static Topology build(
      Topic<byte[], byte[]> items,
      Topic<String, TaggedItem> tagged,
      Topic<byte[], DeadLetter> deadLetters,
      Tagger tagger,
      Deserializer<NewsItem> itemDeserializer,
      Clock clock,
      String serviceName,
      TagOutcomes tagOutcomes) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(tagged, "tagged");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(tagger, "tagger");
    Objects.requireNonNull(itemDeserializer, "itemDeserializer");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(tagOutcomes, "tagOutcomes");

    StreamsBuilder builder = new StreamsBuilder();
    KStream<byte[], EnrichOutcome> outcomes =
        builder.stream(items.name(), items.consumed(ITEMS_SOURCE))
            .processValues(
                () ->
                    new DecodeAndTagProcessor(
                        items.name(), tagger, itemDeserializer, clock, serviceName, tagOutcomes),
                Named.as(DECODE_AND_TAG));

    outcomes
        .split(Named.as(SPLIT))
        .branch(
            (key, outcome) -> outcome instanceof EnrichOutcome.Tagged,
            Branched.withConsumer(
                taggedOutcomes ->
                    taggedOutcomes
                        .map(
                            (key, outcome) -> {
                              TaggedItem item = ((EnrichOutcome.Tagged) outcome).item();
                              return KeyValue.pair(item.getItem().getId(), item);
                            },
                            Named.as(KEY_BY_ITEM_ID))
                        .to(tagged.name(), tagged.produced(TAGGED_SINK)),
                TAGGED_BRANCH))
        .defaultBranch(
            Branched.withConsumer(
                failedOutcomes ->
                    failedOutcomes
                        .mapValues(
                            outcome -> ((EnrichOutcome.Failed) outcome).deadLetter(),
                            Named.as(TO_DEAD_LETTER))
                        .to(deadLetters.name(), deadLetters.produced(DEAD_LETTER_SINK)),
                FAILED_BRANCH));
    return builder.build();
  }

  /** As {@link #build(Topic, Topic, Topic, Tagger, Deserializer, Clock, String, TagOutcomes)}. */
  public static Topology build(
      Topic<byte[], byte[]> items,
      Topic<String, TaggedItem> tagged,
      Topic<byte[], DeadLetter> deadLetters,
      Tagger tagger,
      Deserializer<NewsItem> itemDeserializer,
      Clock clock,
      String serviceName) {
    return build(
        items,
        tagged,
        deadLetters,
        tagger,
        itemDeserializer,
        clock,
        serviceName,
        TagOutcomes.none());
  }

  /** As {@link #build(Topic, Topic, Topic, Tagger, Deserializer, Clock, String, TagOutcomes)}. */
  public static Topology build(
      EnrichTopics topics,
      Tagger tagger,
      Deserializer<NewsItem> itemDeserializer,
      Clock clock,
      String serviceName,
      TagOutcomes outcomes) {
    return build(
        topics.items(),
        topics.tagged(),
        topics.deadLetters(),
        tagger,
        itemDeserializer,
        clock,
        serviceName,
        outcomes);
  }

  /** As {@link #build(EnrichTopics, Tagger, Deserializer, Clock, String, TagOutcomes)}. */
  public static Topology build(
      EnrichTopics topics,
      Tagger tagger,
      Deserializer<NewsItem> itemDeserializer,
      Clock clock,
      String serviceName) {
    return build(topics, tagger, itemDeserializer, clock, serviceName, TagOutcomes.none());
  }
}
