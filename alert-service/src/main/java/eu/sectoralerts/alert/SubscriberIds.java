package eu.sectoralerts.alert;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** What a subscriber id looks like everywhere in the API, and how new ones are made. */
public final class SubscriberIds {

  /** Letters, digits, '_' and '-': safe in URLs, keys, logs and webhook headers. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public static final String RULE = "must be 1 to 64 letters, digits, '_' or '-'";

  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private SubscriberIds() {}

  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** {@code sub-} and 12 random lower-case letters and digits (no look-alikes). */
  public static String newId(SecureRandom random) {
    StringBuilder id = new StringBuilder("sub-");
    for (int i = 0; i < 12; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}
