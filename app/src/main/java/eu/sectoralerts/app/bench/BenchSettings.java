package eu.sectoralerts.app.bench;

import eu.sectoralerts.common.PipelineTopics;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one bench run does.
 *
 * @param bootstrapServers the cluster the pipeline runs on
 * @param registryUrl its schema registry
 * @param topics the pipeline's topic names
 * @param rate items published per second; empty: as fast as the producer goes
 * @param items items to publish; ignored when {@code duration} is given
 * @param duration how long to publish for, instead of a number of items
 * @param warmup how long to pass items through the pipeline before measuring, so that the measured
 *     run sees compiled code and filled caches (zero: no warm-up)
 * @param watchlists generated watchlists registered for the run (one catch-all comes on top)
 * @param seed seed of the generated items and watchlists
 * @param runId names the run's items, watchlists and baseline topic, so runs never mix
 */
public record BenchSettings(
    String bootstrapServers,
    String registryUrl,
    PipelineTopics topics,
    OptionalDouble rate,
    int items,
    Optional<Duration> duration,
    Duration warmup,
    int watchlists,
    long seed,
    String runId) {

  /** Distinct item texts generated; published items cycle through them under new ids. */
  static final int TEXTS = 2_000;

  public BenchSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(runId, "runId");
    if (rate.isPresent() && !(rate.getAsDouble() > 0)) {
      throw new IllegalArgumentException("--rate must be a positive number of items per second");
    }
    if (duration.isEmpty() && items < 1) {
      throw new IllegalArgumentException("--items must be at least 1");
    }
    if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (watchlists < 0) {
      throw new IllegalArgumentException("--watchlists must not be negative");
    }
    if (!runId.matches("[A-Za-z0-9_-]{1,40}")) {
      throw new IllegalArgumentException(
          "--run-id must be 1 to 40 letters, digits, '-' or '_': " + runId);
    }
  }

  /** Items to publish: {@code items}, or as many as the rate gives over the duration. */
  long plannedItems() {
    if (duration.isPresent() && rate.isPresent()) {
      return Math.max(1, Math.round(rate.getAsDouble() * duration.get().toMillis() / 1000.0));
    }
    return duration.isPresent() ? Long.MAX_VALUE : items;
  }
}
