package eu.sectoralerts.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * An in-memory mirror of one global store (watchlists or subscribers), kept equal to it by the
 * store's update processor, so HTTP requests and the matcher read it without interactive queries
 * (which fail while Streams rebalances). The processor changes store and mirror under {@link
 * #lock()}; {@link #loadFrom} copies what the store already held when it started (Streams restores
 * a global store from its checkpoint without replaying those records), under the same lock, so the
 * mirror never misses or reorders a change. Listeners see every change, on the updating thread.
 *
 * @param <V> the value type
 */
public final class LiveTable<V> {

  /** Told of every change, after it is applied. */
  public interface Listener<V> {

    /** The whole content, once, when the table is first loaded. */
    default void loaded(Collection<V> values) {}

    void put(String id, V value);

    void removed(String id);
  }

  private final Object lock = new Object();
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final List<Listener<V>> listeners = new CopyOnWriteArrayList<>();
  private final List<Waiter<V>> waiters = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.CountDownLatch loadedLatch =
      new java.util.concurrent.CountDownLatch(1);
  private volatile boolean loaded;

  private record Waiter<V>(String id, Predicate<Optional<V>> until, CompletableFuture<Void> done) {}

  /** Adds a listener; register them before the table is loaded. */
  public LiveTable<V> listen(Listener<V> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  Object lock() {
    return lock;
  }

  /** Copies the store's content once; later calls do nothing. Call with {@link #lock()} held. */
  void loadFrom(ReadOnlyKeyValueStore<String, V> store) {
    if (loaded) {
      return;
    }
    Map<String, V> content = new java.util.HashMap<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(kv -> content.put(kv.key, kv.value));
    }
    loadAll(content);
  }

  /** Loads {@code content} once; later calls do nothing. Call with {@link #lock()} held. */
  void loadAll(Map<String, V> content) {
    if (loaded) {
      return;
    }
    values.putAll(content);
    loaded = true;
    loadedLatch.countDown();
    Collection<V> snapshot = List.copyOf(values.values());
    listeners.forEach(l -> l.loaded(snapshot));
    waiters.forEach(this::check);
  }

  /** Call with {@link #lock()} held. */
  void put(String id, V value) {
    values.put(id, value);
    if (loaded) {
      listeners.forEach(l -> l.put(id, value));
      waiters.forEach(this::check);
    }
  }

  /** Call with {@link #lock()} held. */
  void remove(String id) {
    values.remove(id);
    if (loaded) {
      listeners.forEach(l -> l.removed(id));
      waiters.forEach(this::check);
    }
  }

  /**
   * Waits until the table is loaded, at most {@code timeout}.
   *
   * @return whether it is
   */
  public boolean awaitLoaded(Duration timeout) {
    try {
      return loadedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the table holds the store's content yet. */
  public boolean isLoaded() {
    return loaded;
  }

  /**
   * The value of {@code id}.
   *
   * @throws UnavailableException until the table is loaded
   */
  public Optional<V> get(String id) {
    requireLoaded();
    return Optional.ofNullable(values.get(id));
  }

  /**
   * Every value.
   *
   * @throws UnavailableException until the table is loaded
   */
  public List<V> values() {
    requireLoaded();
    return new ArrayList<>(values.values());
  }

  /**
   * Waits until the value of {@code id} satisfies {@code until} (a write the caller made has
   * reached the store), at most {@code timeout}.
   *
   * @return whether it did in time
   */
  public boolean await(String id, Predicate<Optional<V>> until, Duration timeout) {
    Waiter<V> waiter = new Waiter<>(id, until, new CompletableFuture<>());
    waiters.add(waiter);
    try {
      if (loaded) {
        check(waiter);
      }
      waiter.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } finally {
      waiters.remove(waiter);
    }
  }

  private void check(Waiter<V> waiter) {
    if (waiter.until().test(Optional.ofNullable(values.get(waiter.id())))) {
      waiter.done().complete(null);
    }
  }

  private void requireLoaded() {
    if (!loaded) {
      throw new UnavailableException("Still loading; retry in a few seconds.");
    }
  }
}
