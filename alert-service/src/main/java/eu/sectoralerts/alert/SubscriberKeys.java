package eu.sectoralerts.alert;

import eu.sectoralerts.common.KeyDigests;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Subscriber API keys: {@code sa_<subscriberId>.<43 base64url characters>}. The subscriber id in
 * the key lets the service find the one digest to compare with (in constant time) instead of
 * searching all of them; the random part is 32 bytes, so the key cannot be guessed from the id.
 * Only {@link KeyDigests#digestOf the digest} of a key is ever stored.
 */
public final class SubscriberKeys {

  static final String PREFIX = "sa_";
  private static final int SECRET_CHARS = 43;

  private SubscriberKeys() {}

  /** A new key for {@code subscriberId}. */
  public static String newKey(String subscriberId, SecureRandom random) {
    return PREFIX + subscriberId + "." + KeyDigests.newKey(random);
  }

  /** The subscriber id a key claims to belong to, if it has the shape of a subscriber key. */
  public static Optional<String> subscriberIdOf(String key) {
    if (key == null
        || !key.startsWith(PREFIX)
        || key.length() < PREFIX.length() + 2 + SECRET_CHARS
        || key.charAt(key.length() - SECRET_CHARS - 1) != '.') {
      return Optional.empty();
    }
    String id = key.substring(PREFIX.length(), key.length() - SECRET_CHARS - 1);
    return SubscriberIds.isValid(id) ? Optional.of(id) : Optional.empty();
  }
}
