package eu.sectoralerts.alert;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids. */
final class ContentRandom {

  private ContentRandom() {}

  /** {@code bytes} random bytes as lower-case hex. */
  static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
