package eu.sectoralerts.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for calling the services as an outsider would. */
public final class Http {

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param contentType its Content-Type, or empty
   */
  public record Answer(int status, String body, String contentType) {

    /** Whether the body is an ApiError JSON object with this status. */
    public boolean isApiError() {
      return contentType.startsWith("application/json")
          && body.contains("\"status\":" + status)
          && body.contains("\"error\"")
          && !body.contains("\tat ")
          && !body.contains("Exception");
    }

    /** "HTTP 400" plus the error code, for the report. */
    public String brief() {
      int at = body.indexOf("\"error\":\"");
      String code = "";
      if (at >= 0) {
        int start = at + 9;
        int end = body.indexOf('"', start);
        code = end > start ? " " + body.substring(start, end) : "";
      }
      return status + code;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  public Answer get(String url, String key) {
    return send(builder(url, key).GET());
  }

  public Answer post(String url, String key, String contentType, byte[] body) {
    HttpRequest.Builder b = builder(url, key).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /** Any request, built by the caller (odd headers, odd methods). */
  public Answer send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder builder(String url, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }
}
