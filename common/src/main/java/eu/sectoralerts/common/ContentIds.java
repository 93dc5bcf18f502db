package eu.sectoralerts.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Ids derived from content: a prefix and the first 16 hex digits of the SHA-256 of the parts,
 * joined by NUL characters (which no part contains in practice). The same content always gets the
 * same id, which is what makes re-publishing and replays recognisable.
 */
public final class ContentIds {

  private ContentIds() {}

  /** {@code prefix} + 16 hex digits of SHA-256 over the UTF-8 bytes of the NUL-joined parts. */
  public static String of(String prefix, String... parts) {
    Objects.requireNonNull(prefix, "prefix");
    for (String part : parts) {
      Objects.requireNonNull(part, "part");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\0", parts).getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
