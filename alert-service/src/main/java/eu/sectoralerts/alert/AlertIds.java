package eu.sectoralerts.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((itemId + '\0' + watchlistId).getBytes(StandardCharsets.UTF_8));
      return "alr-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM must provide SHA-256", e);
    }
  }
}
