package eu.sectoralerts.webhooks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Standard Webhooks signing secrets: {@code whsec_} followed by the base64 of the key bytes. A new
 * secret holds 32 random bytes; secrets of 24 to 64 bytes, the range the spec allows, are read.
 */
public final class WebhookSecrets {

  /** The prefix every secret starts with. */
  public static final String PREFIX = "whsec_";

  static final int KEY_BYTES = 32;
  private static final int MIN_KEY_BYTES = 24;
  private static final int MAX_KEY_BYTES = 64;

  private WebhookSecrets() {}

  /** A new secret of 32 random bytes from {@code random}. */
  public static String newSecret(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@code secret} is a {@code whsec_} secret of 24 to 64 key bytes. */
  public static boolean isWellFormed(String secret) {
    try {
      keyBytes(secret);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The key bytes of a secret.
   *
   * @throws IllegalArgumentException when it is not a {@code whsec_} secret of 24 to 64 bytes
   */
  static byte[] keyBytes(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is " + PREFIX + " and base64", e);
    }
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a webhook secret holds "
              + MIN_KEY_BYTES
              + " to "
              + MAX_KEY_BYTES
              + " key bytes, this one "
              + key.length);
    }
    return key;
  }
}
