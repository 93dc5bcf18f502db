package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one items-topic record and tags it. A record that cannot be decoded (null value, not in
 * wire format, unknown schema id, bad Avro) or tagged (the tagger throws or breaks the taxonomy's
 * contract) becomes a {@link EnrichOutcome.Failed} dead letter carrying where it came from; only
 * transient failures (the registry unreachable) are thrown, so the record is retried rather than
 * given up on.
 */
final class DecodeAndTagProcessor implements FixedKeyProcessor<byte[], byte[], EnrichOutcome> {

  static final String NULL_VALUE = "NULL_VALUE";
  static final String DESERIALIZATION = "DESERIALIZATION";
  static final String UNKNOWN_SCHEMA = "UNKNOWN_SCHEMA";
  static final String TAGGING = "TAGGING";

  private static final Logger LOG = LoggerFactory.getLogger(DecodeAndTagProcessor.class);

  private final String itemsTopic;
  private final Tagger tagger;
  private final Deserializer<NewsItem> itemDeserializer;
  private final Clock clock;
  private final String serviceName;
  private final TagOutcomes outcomes;
  private FixedKeyProcessorContext<byte[], EnrichOutcome> context;

  DecodeAndTagProcessor(
      String itemsTopic,
      Tagger tagger,
      Deserializer<NewsItem> itemDeserializer,
      Clock clock,
      String serviceName,
      TagOutcomes outcomes) {
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    this.itemsTopic = Objects.requireNonNull(itemsTopic, "itemsTopic");
    this.tagger = Objects.requireNonNull(tagger, "tagger");
    this.itemDeserializer = Objects.requireNonNull(itemDeserializer, "itemDeserializer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
  }

  @Override
  public void init(FixedKeyProcessorContext<byte[], EnrichOutcome> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<byte[], byte[]> record) {
    context.forward(record.withValue(outcomeOf(record)));
  }

  private EnrichOutcome outcomeOf(FixedKeyRecord<byte[], byte[]> record) {
    Source source =
        context.recordMetadata().map(Source::of).orElseGet(() -> new Source(itemsTopic, -1, -1L));
    byte[] value = record.value();
    if (value == null) {
      return failed(
          source,
          record,
          NULL_VALUE,
          "Null value (tombstone) at "
              + source
              + ": items are never deleted, so a null value is not a news item");
    }
    NewsItem item;
    try {
      item = itemDeserializer.deserialize(source.topic(), record.headers(), value);
    } catch (RuntimeException e) {
      if (TransientErrors.isTransient(e)) {
        throw e;
      }
      return failed(
          source,
          record,
          isUnknownSchema(e) ? UNKNOWN_SCHEMA : DESERIALIZATION,
          "Cannot read a NewsItem at " + source + ": " + describe(e));
    }
    if (item == null) {
      return failed(
          source, record, DESERIALIZATION, "Value at " + source + " decoded to no NewsItem");
    }
    try {
      TaggedItem tagged = tagger.tag(item);
      String broken = contractViolation(tagged);
      if (broken != null) {
        return failed(
            source,
            record,
            TAGGING,
            "Tagger "
                + tagger.version()
                + " broke the taxonomy on item "
                + item.getId()
                + " at "
                + source
                + ": "
                + broken);
      }
      outcomes.tagged();
      return new EnrichOutcome.Tagged(tagged);
    } catch (RuntimeException e) {
      return failed(
          source,
          record,
          TAGGING,
          "Tagger "
              + tagger.version()
              + " failed on item "
              + item.getId()
              + " at "
              + source
              + ": "
              + describe(e));
    }
  }

  private EnrichOutcome failed(
      Source source, FixedKeyRecord<byte[], byte[]> record, String errorType, String reason) {
    LOG.warn("Dead letter ({}): {}", errorType, reason);
    outcomes.deadLettered(errorType);
    DeadLetter deadLetter =
        DeadLetter.newBuilder()
            .setTopic(source.topic())
            .setPartition(source.partition())
            .setOffset(source.offset())
            .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
            .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setReason(reason)
            .setErrorType(errorType)
            .setService(serviceName)
            .setFailedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .build();
    return new EnrichOutcome.Failed(deadLetter);
  }

  /** What is wrong with a tagger's output, or null: subscribers filter on these ids. */
  static String contractViolation(TaggedItem tagged) {
    if (tagged == null) {
      return "no tagged item";
    }
    int sectors = tagged.getSectors().size();
    if (sectors < 1 || sectors > 3) {
      return "expected 1 to 3 sectors, got " + tagged.getSectors();
    }
    if (tagged.getRisks().size() > 3) {
      return "expected at most 3 risks, got " + tagged.getRisks();
    }
    for (String sector : tagged.getSectors()) {
      if (!TaxonomyIds.isSector(sector)) {
        return "unknown sector id '" + sector + "'";
      }
    }
    for (String risk : tagged.getRisks()) {
      if (!TaxonomyIds.isRisk(risk)) {
        return "unknown risk id '" + risk + "'";
      }
    }
    if (tagged.getScore() < 0 || tagged.getScore() > 100) {
      return "score " + tagged.getScore() + " outside 0-100";
    }
    return null;
  }

  private static boolean isUnknownSchema(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException sre
          && (sre.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND || sre.status() == 404)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }

  /** Where a record was read, printed the way Kafka does: {@code topic-partition@offset}. */
  private record Source(String topic, int partition, long offset) {
    static Source of(RecordMetadata metadata) {
      return new Source(metadata.topic(), metadata.partition(), metadata.offset());
    }

    @Override
    public String toString() {
      return topic + "-" + partition + "@" + offset;
    }
  }
}
