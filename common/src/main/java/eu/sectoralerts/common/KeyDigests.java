package eu.sectoralerts.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * API keys a service accepts (analyst keys of ingest-service, operator keys of alert-service), held
 * as the SHA-256 digests of the keys (config {@code analyst.keys}, {@code admin.keys}:
 * comma-separated hex): the service never sees a key at rest, and a leaked config file does not
 * leak a key. {@link #accepts} compares digests in constant time over every configured digest.
 * {@link #toString} shows only how many digests there are.
 *
 * @param digests lower-case hex SHA-256 digests, 64 digits each
 */
public record KeyDigests(List<String> digests) {

  /**
   * How an operator configures keys, for messages.
   *
   * @param configKey e.g. {@code analyst.keys}
   */
  public static String howToConfigure(String configKey) {
    return "set "
        + configKey
        + " (environment variable "
        + configKey.toUpperCase(Locale.ROOT).replace('.', '_')
        + ") to the SHA-256 hex digest of each key, comma-separated; for example: "
        + "KEY=$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '='); "
        + "printf %s \"$KEY\" | sha256sum";
  }

  private static final int KEY_BYTES = 32;

  public KeyDigests {
    List<String> clean = new ArrayList<>();
    for (String digest : Objects.requireNonNull(digests, "digests")) {
      String hex = Objects.requireNonNull(digest, "digest").strip().toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        // The value is not echoed: a raw key pasted here by mistake must not reach a log.
        throw new IllegalArgumentException(
            "must hold SHA-256 hex digests (64 hex digits each) of the keys, not the"
                + " keys themselves; one entry has "
                + hex.length()
                + " characters");
      }
      clean.add(hex);
    }
    digests = List.copyOf(clean);
  }

  /** No key: a service with none refuses to start. */
  public static KeyDigests none() {
    return new KeyDigests(List.of());
  }

  /**
   * Digests from a comma-separated list; blank entries are ignored.
   *
   * @param configKey the config key the list came from, named in the error
   * @throws IllegalArgumentException naming {@code configKey} when an entry is not a digest
   */
  public static KeyDigests parse(String configKey, String commaSeparated) {
    List<String> digests = new ArrayList<>();
    for (String entry : commaSeparated.split(",")) {
      if (!entry.isBlank()) {
        digests.add(entry);
      }
    }
    try {
      return new KeyDigests(digests);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(configKey + " " + e.getMessage(), e);
    }
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** The same digests plus one more. */
  public KeyDigests with(String digest) {
    List<String> all = new ArrayList<>(digests);
    all.add(digest);
    return new KeyDigests(all);
  }

  /** Whether {@code key} is one of the configured keys, in time independent of which one. */
  public boolean accepts(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    byte[] candidate = sha256(key);
    boolean match = false;
    for (String digest : digests) {
      match |= MessageDigest.isEqual(candidate, HexFormat.of().parseHex(digest));
    }
    return match;
  }

  /** The digest to configure for a key: lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String digestOf(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  /** A new random key: 32 bytes, base64url without padding. */
  public static String newKey(SecureRandom random) {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "KeyDigests[" + digests.size() + " digest(s)]";
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
