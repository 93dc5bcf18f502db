package eu.sectoralerts.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Keys of the inbox store: {@code subscriberId + '\0' + (Long.MAX_VALUE - createdAtMillis), zero
 * padded to 19 digits + '\0' + alertId}. Byte order of these keys is one subscriber's alerts
 * together, newest first, so a prefix scan reads an inbox page without sorting. Subscriber ids
 * never contain {@code '\0'}, so one subscriber's prefix never covers another's keys.
 */
public final class InboxKeys {

  private static final char SEPARATOR = '\0';

  private InboxKeys() {}

  public static String key(String subscriberId, Instant createdAt, String alertId) {
    Objects.requireNonNull(alertId, "alertId");
    long millis = createdAt.toEpochMilli();
    if (millis < 0) {
      // Before 1970 would sort after every real alert; clamp so the key stays well-formed.
      millis = 0;
    }
    return prefix(subscriberId)
        + String.format("%019d", Long.MAX_VALUE - millis)
        + SEPARATOR
        + alertId;
  }

  /** The prefix every key of this subscriber starts with. */
  public static String prefix(String subscriberId) {
    Objects.requireNonNull(subscriberId, "subscriberId");
    return subscriberId + SEPARATOR;
  }
}
