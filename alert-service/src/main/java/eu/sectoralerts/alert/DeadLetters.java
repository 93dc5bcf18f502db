package eu.sectoralerts.alert;

import eu.sectoralerts.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds {@link DeadLetter}s for the record a processor is working on. */
final class DeadLetters {

  static final String DESERIALIZATION = "DESERIALIZATION";
  static final String MATCHING = "MATCHING";
  static final String WATCHLIST = "WATCHLIST";

  /** A record of a global table with no key, or a key that is not its id. */
  static final String INVALID_RECORD = "INVALID_RECORD";

  private final String service;
  private final Clock clock;

  DeadLetters(String service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  DeadLetter of(
      ProcessingContext context, byte[] key, byte[] value, String errorType, String reason) {
    // Punctuations have no current record; ours never fail there, but keep the letter valid.
    RecordMetadata origin = context.recordMetadata().orElse(null);
    return new DeadLetter(
        origin == null ? "" : origin.topic(),
        origin == null ? -1 : origin.partition(),
        origin == null ? -1L : origin.offset(),
        key == null ? null : ByteBuffer.wrap(key),
        value == null ? null : ByteBuffer.wrap(value),
        reason,
        errorType,
        service,
        clock.instant());
  }

  /** The message of a failure, or its class when it has none. */
  static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }
}
