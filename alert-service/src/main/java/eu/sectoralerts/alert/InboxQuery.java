package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one subscriber's part of the inbox store: range scans over {@link InboxKeys} keys, which
 * sort newest first. A cursor is the base64url form of the part of a key after the subscriber id,
 * so it reveals nothing and can never reach another subscriber's keys. A page scans at most {@link
 * #MAX_SCANNED} alerts: with a watchlist filter that matches rarely it may come back short, with a
 * cursor to go on from.
 */
public final class InboxQuery {

  static final int MAX_SCANNED = 10_000;

  private InboxQuery() {}

  /** The cursor of an alert. */
  public static String cursorOf(Alert alert) {
    String key = InboxKeys.key(alert.getSubscriberId(), alert.getCreatedAt(), alert.getId());
    String suffix = key.substring(InboxKeys.prefix(alert.getSubscriberId()).length());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(suffix.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The inbox key a cursor stands for, within this subscriber's keys.
   *
   * @throws IllegalArgumentException when it is not a cursor this service made
   */
  static String keyOf(String subscriberId, String cursor) {
    String suffix;
    try {
      suffix = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a cursor this service gave out");
    }
    if (!suffix.matches("\\d{19}\0[A-Za-z0-9_.-]{1,128}")) {
      throw new IllegalArgumentException("is not a cursor this service gave out");
    }
    return InboxKeys.prefix(subscriberId) + suffix;
  }

  public static AlertInbox.Page page(
      ReadOnlyKeyValueStore<String, Alert> store,
      String subscriberId,
      AlertInbox.PageRequest request) {
    String after = request.after() == null ? null : keyOf(subscriberId, request.after());
    String from = after == null ? InboxKeys.prefix(subscriberId) : after;
    List<Alert> alerts = new ArrayList<>(Math.min(request.limit(), 64));
    int scanned = 0;
    String lastKey = null;
    try (KeyValueIterator<String, Alert> it = store.range(from, end(subscriberId))) {
      while (it.hasNext()) {
        KeyValue<String, Alert> kv = it.next();
        if (kv.key.equals(after)) {
          continue;
        }
        Alert alert = kv.value;
        if (request.since() != null && alert.getCreatedAt().isBefore(request.since())) {
          return new AlertInbox.Page(alerts, Optional.empty());
        }
        lastKey = kv.key;
        if (request.watchlistId() == null || request.watchlistId().equals(alert.getWatchlistId())) {
          alerts.add(alert);
          if (alerts.size() == request.limit()) {
            return new AlertInbox.Page(alerts, it.hasNext() ? next(alert) : Optional.empty());
          }
        }
        if (++scanned >= MAX_SCANNED && it.hasNext()) {
          return new AlertInbox.Page(alerts, Optional.of(cursorOfKey(subscriberId, lastKey)));
        }
      }
    }
    return new AlertInbox.Page(alerts, Optional.empty());
  }

  public static List<Alert> newerThan(
      ReadOnlyKeyValueStore<String, Alert> store, String subscriberId, String cursor, int max) {
    String until = keyOf(subscriberId, cursor);
    // Keys sort newest first: the newer alerts are the ones before the cursor's key.
    Deque<Alert> newest = new ArrayDeque<>();
    try (KeyValueIterator<String, Alert> it = store.range(InboxKeys.prefix(subscriberId), until)) {
      while (it.hasNext()) {
        KeyValue<String, Alert> kv = it.next();
        if (kv.key.equals(until) || newest.size() == max) {
          break;
        }
        newest.addFirst(kv.value);
      }
    }
    return List.copyOf(newest);
  }

  public static Optional<Alert> find(
      ReadOnlyKeyValueStore<String, Alert> store, String subscriberId, String alertId) {
    try (KeyValueIterator<String, Alert> it =
        store.prefixScan(InboxKeys.prefix(subscriberId), new StringSerializer())) {
      while (it.hasNext()) {
        Alert alert = it.next().value;
        if (alert.getId().equals(alertId)) {
          return Optional.of(alert);
        }
      }
    }
    return Optional.empty();
  }

  public static boolean scan(
      ReadOnlyKeyValueStore<String, Alert> store,
      String subscriberId,
      Instant since,
      int max,
      Consumer<Alert> visitor) {
    int visited = 0;
    try (KeyValueIterator<String, Alert> it =
        store.range(InboxKeys.prefix(subscriberId), end(subscriberId))) {
      while (it.hasNext()) {
        Alert alert = it.next().value;
        if (alert.getCreatedAt().isBefore(since)) {
          return true;
        }
        if (visited == max) {
          return false;
        }
        visitor.accept(alert);
        visited++;
      }
    }
    return true;
  }

  private static Optional<String> next(Alert alert) {
    return Optional.of(cursorOf(alert));
  }

  private static String cursorOfKey(String subscriberId, String key) {
    String suffix = key.substring(InboxKeys.prefix(subscriberId).length());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(suffix.getBytes(StandardCharsets.UTF_8));
  }

  /** Greater than every key of the subscriber, less than any other subscriber's. */
  private static String end(String subscriberId) {
    return subscriberId + '\u0001';
  }
}
