package eu.sectoralerts.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, msgId + "." + timestamp + "."
 * + body)), where the key is the secret's bytes after {@code whsec_}. The {@code webhook-signature}
 * header may carry several space-separated signatures (during a key rotation); a message verifies
 * when any {@code v1} signature matches. Receivers should also refuse timestamps far from their
 * clock (the overload with {@code now} and {@code tolerance}) and de-duplicate by {@code
 * webhook-id}.
 */
public final class WebhookSignatures {

  /** The version prefix of the signatures this class writes and reads. */
  public static final String VERSION = "v1";

  private static final String HMAC = "HmacSHA256";

  private WebhookSignatures() {}

  /** The {@code webhook-signature} header value for one message. */
  public static String sign(String secret, String msgId, long timestampSeconds, byte[] body) {
    byte[] key = WebhookSecrets.keyBytes(secret);
    return VERSION
        + ","
        + Base64.getEncoder()
            .encodeToString(mac(key, msgId, Long.toString(timestampSeconds), body));
  }

  /**
   * Whether {@code signatureHeader} holds a valid {@code v1} signature of the message. Compares in
   * constant time; a malformed secret or header is simply not valid.
   */
  public static boolean verify(
      String secret, String msgId, String timestamp, byte[] body, String signatureHeader) {
    if (secret == null
        || msgId == null
        || timestamp == null
        || body == null
        || signatureHeader == null) {
      return false;
    }
    byte[] key;
    try {
      key = WebhookSecrets.keyBytes(secret);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = mac(key, msgId, timestamp, body);
    boolean valid = false;
    for (String candidate : signatureHeader.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !VERSION.equals(candidate.substring(0, comma))) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      // No early exit: the time taken does not say which candidate matched.
      valid |= MessageDigest.isEqual(expected, given);
    }
    return valid;
  }

  /**
   * As {@link #verify(String, String, String, byte[], String)}, and the timestamp (unix seconds)
   * must lie within {@code tolerance} of {@code now}, so a captured message cannot be replayed
   * later.
   */
  public static boolean verify(
      String secret,
      String msgId,
      String timestamp,
      byte[] body,
      String signatureHeader,
      Instant now,
      Duration tolerance) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(tolerance, "tolerance");
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return false;
    }
    return verify(secret, msgId, timestamp, body, signatureHeader);
  }

  private static byte[] mac(byte[] key, String msgId, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
