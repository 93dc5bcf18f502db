package eu.sectoralerts.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one webhook POST without blocking the caller. The future always completes normally, with
 * the status the endpoint answered or the error that kept it from answering; redirects are not
 * followed. {@link HttpWebhookSender} is the default; tests pass their own.
 */
@FunctionalInterface
public interface WebhookSender {

  /**
   * POSTs {@code body} to {@code url}.
   *
   * @param headers every header to send (names lower case), already validated
   * @param timeout how long to wait for the answer
   */
  CompletableFuture<SendResult> send(
      URI url, Map<String, String> headers, byte[] body, Duration timeout);
}
