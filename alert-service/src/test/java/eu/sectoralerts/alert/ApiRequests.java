package eu.sectoralerts.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to an {@link AlertApi} on loopback, as a client sends them: key and JSON body. */
final class ApiRequests {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ApiRequests() {}

  /** {@code path} on the API listening on {@code port}. */
  static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Sends {@code method path}, with {@code Authorization: Bearer key} when a key is given and
   * {@code body} as JSON when one is given.
   */
  static HttpResponse<String> send(int port, String method, String path, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(port, path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
