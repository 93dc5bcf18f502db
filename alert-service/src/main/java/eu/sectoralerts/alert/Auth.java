package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.KeyDigests;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling: an operator (a key whose digest is in {@code admin.keys}) or a subscriber (a
 * {@link SubscriberKeys} key whose digest matches the subscriber's stored one), from {@code
 * Authorization: Bearer <key>}. Digests are compared in constant time; a key is never logged or
 * echoed. No key or a wrong key: 401. The wrong kind of key for an endpoint: 403.
 */
final class Auth {

  private static final byte[] NO_DIGEST = new byte[32];

  private final KeyDigests adminKeys;
  private final LiveTable<Subscriber> subscribers;

  Auth(KeyDigests adminKeys, LiveTable<Subscriber> subscribers) {
    this.adminKeys = adminKeys;
    this.subscribers = subscribers;
  }

  /** The calling subscriber. */
  Subscriber subscriber(Context ctx) {
    String key = bearer(ctx);
    Optional<String> claimed = SubscriberKeys.subscriberIdOf(key);
    if (claimed.isEmpty()) {
      if (adminKeys.accepts(key)) {
        throw forbidden(
            "This endpoint is for subscribers: call it with a subscriber's API key, not an"
                + " operator key");
      }
      throw unauthorized("The API key is not valid");
    }
    Optional<Subscriber> subscriber = subscribers.get(claimed.get());
    byte[] expected =
        subscriber.map(s -> HexFormat.of().parseHex(s.getKeyDigest())).orElse(NO_DIGEST);
    byte[] actual = HexFormat.of().parseHex(KeyDigests.digestOf(key));
    if (!MessageDigest.isEqual(expected, actual) || subscriber.isEmpty()) {
      throw unauthorized("The API key is not valid");
    }
    return subscriber.get();
  }

  /** Passes only for an operator key. */
  void operator(Context ctx) {
    String key = bearer(ctx);
    if (adminKeys.accepts(key)) {
      return;
    }
    if (SubscriberKeys.subscriberIdOf(key).isPresent()) {
      throw forbidden("This endpoint is for operators: call it with an operator (admin) key");
    }
    throw unauthorized("The operator key is not valid");
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw unauthorized(
          "An API key is required: send 'Authorization: Bearer <key>' (subscribers get theirs"
              + " from the operator)");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("Send the API key as 'Authorization: Bearer <key>'");
    }
    return header.substring(7).strip();
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(new ApiError(401, "unauthorized", message, List.of()));
  }

  private static ApiException forbidden(String message) {
    return new ApiException(new ApiError(403, "forbidden", message, List.of()));
  }
}
