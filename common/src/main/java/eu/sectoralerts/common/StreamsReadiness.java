package eu.sectoralerts.common;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Kafka Streams state listener that also tells when the application first reaches RUNNING, so a
 * caller can wait for readiness instead of polling. It passes every change on to the service's own
 * listener (Streams allows only one).
 */
public final class StreamsReadiness implements KafkaStreams.StateListener {

  private final KafkaStreams.StateListener delegate;
  private final CompletableFuture<Void> running = new CompletableFuture<>();

  public StreamsReadiness(KafkaStreams.StateListener delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    delegate.onChange(newState, oldState);
    if (newState == KafkaStreams.State.RUNNING) {
      running.complete(null);
    } else if (newState == KafkaStreams.State.PENDING_ERROR
        || newState == KafkaStreams.State.ERROR
        || newState == KafkaStreams.State.PENDING_SHUTDOWN
        || newState == KafkaStreams.State.NOT_RUNNING) {
      // Completing a future twice is a no-op: after RUNNING this changes nothing.
      running.completeExceptionally(
          new IllegalStateException("stopped (" + newState + ") before it was running"));
    }
  }

  /**
   * Waits until the application is RUNNING.
   *
   * @param name the application, for the message
   * @throws IllegalStateException when it stops first or is not running within {@code timeout}
   */
  public void awaitRunning(String name, Duration timeout) {
    try {
      running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          name + " is not running after " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }
}
