package eu.sectoralerts.alert;

import eu.sectoralerts.common.ContentIds;
import java.util.Objects;

/**
 * Alert ids: {@code alr-} and the first 16 hex digits of SHA-256 over the UTF-8 bytes of {@code
 * itemId + '\0' + watchlistId}. The same match always gets the same id, so replays and duplicate
 * items can be recognised.
 */
public final class AlertIds {

  private AlertIds() {}

  public static String alertId(String itemId, String watchlistId) {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(watchlistId, "watchlistId");
    return ContentIds.of("alr-", itemId, watchlistId);
  }
}
