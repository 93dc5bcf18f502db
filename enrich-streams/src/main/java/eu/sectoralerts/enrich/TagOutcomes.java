package eu.sectoralerts.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Told what became of each item the topology read: tagged, or dead-lettered with its error type. A
 * retried record (exactly-once aborts and replays a batch) is told again: these are counts of work
 * done, the output topics are the record of what happened.
 */
public interface TagOutcomes {

  /** The meter: {@code sector_alerts_items_tagged_total{outcome, reason}}. */
  String METER = "sector.alerts.items.tagged";

  /** The item was tagged. */
  void tagged();

  /** The record became a dead letter of this error type ({@code DESERIALIZATION}, ...). */
  void deadLettered(String errorType);

  /** Counts nothing. */
  static TagOutcomes none() {
    return new TagOutcomes() {
      @Override
      public void tagged() {}

      @Override
      public void deadLettered(String errorType) {}
    };
  }

  /**
   * Counts into {@code registry}: {@code outcome="tagged"} (reason {@code none}) or {@code
   * outcome="dead-letter"} with the error type, lower case, as {@code reason}.
   */
  static TagOutcomes counting(MeterRegistry registry) {
    Counter tagged = counter(registry, "tagged", "none");
    Map<String, Counter> failed = new ConcurrentHashMap<>();
    for (String type :
        new String[] {
          DecodeAndTagProcessor.NULL_VALUE,
          DecodeAndTagProcessor.DESERIALIZATION,
          DecodeAndTagProcessor.UNKNOWN_SCHEMA,
          DecodeAndTagProcessor.TAGGING
        }) {
      failed.put(type, counter(registry, "dead-letter", type.toLowerCase(Locale.ROOT)));
    }
    return new TagOutcomes() {
      @Override
      public void tagged() {
        tagged.increment();
      }

      @Override
      public void deadLettered(String errorType) {
        failed
            .computeIfAbsent(
                errorType, t -> counter(registry, "dead-letter", t.toLowerCase(Locale.ROOT)))
            .increment();
      }
    };
  }

  private static Counter counter(MeterRegistry registry, String outcome, String reason) {
    return Counter.builder(METER)
        .description("Items read by enrich-streams, by what became of them")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }
}
