package eu.sectoralerts.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The default {@link WebhookSender}: the JDK's {@link HttpClient}, asynchronous, HTTP/1.1, never
 * following redirects (a 3xx is an answer like any other non-2xx). The answer's body is read and
 * discarded; the whole exchange, body included, is bounded by the timeout plus a second.
 */
public final class HttpWebhookSender implements WebhookSender {

  private static final Duration BODY_MARGIN = Duration.ofSeconds(1);

  private final HttpClient client;

  /** A sender whose connections must open within {@code connectTimeout}. */
  public HttpWebhookSender(Duration connectTimeout) {
    this(
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
            .build());
  }

  /** A sender on a caller-built client (which should not follow redirects). */
  public HttpWebhookSender(HttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public CompletableFuture<SendResult> send(
      URI url, Map<String, String> headers, byte[] body, Duration timeout) {
    HttpRequest request;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(builder::header);
      request = builder.build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          SendResult.failed("invalid request: " + e.getMessage()));
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .orTimeout(timeout.plus(BODY_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (response, error) ->
                response != null
                    ? SendResult.status(response.statusCode())
                    : SendResult.failed(describe(error, timeout)));
  }

  /** A short description of why no answer arrived. */
  static String describe(Throwable error, Duration timeout) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
      return "timed out after " + timeout.toMillis() + " ms";
    }
    if (e instanceof ConnectException) {
      return "could not connect" + suffix(e);
    }
    if (e instanceof IOException) {
      return "I/O error" + suffix(e);
    }
    return e.getClass().getSimpleName() + suffix(e);
  }

  private static String suffix(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = e.getCause();
      return cause == null ? " (" + e.getClass().getSimpleName() + ")" : suffix(cause);
    }
    return ": " + message;
  }
}
