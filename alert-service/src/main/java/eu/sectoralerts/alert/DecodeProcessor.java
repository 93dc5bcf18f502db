package eu.sectoralerts.alert;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the value bytes of a record read as bytes; a value that cannot be decoded (or is missing)
 * becomes a {@code DESERIALIZATION} dead letter instead of stopping the stream.
 */
final class DecodeProcessor<V> implements FixedKeyProcessor<byte[], byte[], Outcome<V>> {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);

  private final Deserializer<V> deserializer;
  private final DeadLetters deadLetters;
  private FixedKeyProcessorContext<byte[], Outcome<V>> context;

  DecodeProcessor(Deserializer<V> deserializer, DeadLetters deadLetters) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
  }

  @Override
  public void init(FixedKeyProcessorContext<byte[], Outcome<V>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<byte[], byte[]> record) {
    byte[] bytes = record.value();
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    String failure;
    if (bytes == null) {
      failure = "Record has no value";
    } else {
      try {
        V value = deserializer.deserialize(topic, bytes);
        if (value != null) {
          context.forward(record.withValue(new Outcome.Ok<>(value, bytes)));
          return;
        }
        failure = "Record value decodes to nothing";
      } catch (RuntimeException e) {
        failure = DeadLetters.reason(e);
      }
    }
    LOG.warn("Dead-lettering undecodable record of {}: {}", describe(), failure);
    context.forward(
        record.withValue(
            new Outcome.Failed<>(
                deadLetters.of(
                    context, record.key(), bytes, DeadLetters.DESERIALIZATION, failure))));
  }

  private String describe() {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("unknown origin");
  }
}
