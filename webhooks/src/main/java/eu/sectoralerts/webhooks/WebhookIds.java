package eu.sectoralerts.webhooks;

import java.util.regex.Pattern;

/**
 * Which ids may be sent as {@code webhook-id}: letters, digits, {@code -} and {@code _}, at most
 * 128 of them. Nothing else reaches a header, so no id can inject one, and no id contains the
 * {@code .} that separates the parts of the signed content.
 */
final class WebhookIds {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private WebhookIds() {}

  static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
