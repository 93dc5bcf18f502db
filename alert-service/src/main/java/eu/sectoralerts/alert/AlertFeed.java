package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands each alert filed in the inbox to the live streams ({@code GET /v1/alerts/stream}) of its
 * subscriber connected to this instance. {@link #accept} never blocks the stream thread that calls
 * it: every connection has a bounded queue, and a connection too slow to keep up is marked
 * overflowed and closed by its writer; the client reconnects with {@code Last-Event-ID} and reads
 * what it missed from the inbox, so nothing is lost.
 */
public final class AlertFeed implements Consumer<Alert> {

  private final Map<String, Set<Subscription>> bySubscriber = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One live connection's queue. */
  public final class Subscription implements AutoCloseable {

    private final String subscriberId;
    private final BlockingQueue<Alert> queue;
    private volatile boolean overflowed;
    private volatile boolean ended;

    private Subscription(String subscriberId, int capacity) {
      this.subscriberId = subscriberId;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * The next alert, waiting at most {@code timeout}; empty when none came.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Optional<Alert> poll(Duration timeout) throws InterruptedException {
      return Optional.ofNullable(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Whether alerts were dropped because the connection fell behind, or the feed closed. */
    public boolean isOver() {
      return overflowed || ended || closed;
    }

    private void offer(Alert alert) {
      if (!queue.offer(alert)) {
        overflowed = true;
      }
    }

    @Override
    public void close() {
      ended = true;
      bySubscriber.computeIfPresent(
          subscriberId,
          (id, subs) -> {
            subs.remove(this);
            return subs.isEmpty() ? null : subs;
          });
    }
  }

  /** Starts receiving the subscriber's alerts. */
  public Subscription subscribe(String subscriberId, int capacity) {
    Subscription subscription = new Subscription(subscriberId, capacity);
    bySubscriber.computeIfAbsent(subscriberId, id -> new CopyOnWriteArraySet<>()).add(subscription);
    return subscription;
  }

  @Override
  public void accept(Alert alert) {
    Set<Subscription> subscriptions = bySubscriber.get(alert.getSubscriberId());
    if (subscriptions != null) {
      subscriptions.forEach(s -> s.offer(alert));
    }
  }

  /** How many live connections there are. */
  public int connections() {
    return bySubscriber.values().stream().mapToInt(Set::size).sum();
  }

  /** Ends every connection (at its next poll): the service is stopping. */
  public void close() {
    closed = true;
  }
}
