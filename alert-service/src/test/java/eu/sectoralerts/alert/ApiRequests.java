package eu.sectoralerts.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to an {@link AlertApi} on loopback, as a client sends them: key and JSON body. */
final class ApiRequests {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = Json.newMapper();

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

  /** Creates subscriber {@code id} with {@code operatorKey} and returns its API key. */
  static String subscriber(int port, String operatorKey, String id) throws Exception {
    HttpResponse<String> response =
        send(
            port,
            "POST",
            "/v1/subscribers",
            operatorKey,
            "{\"name\": \"Company " + id + "\", \"id\": \"" + id + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("apiKey").asText();
  }

  /** Creates a watchlist as the subscriber of {@code key} and returns its id. */
  static String createWatchlist(int port, String key, String body) throws Exception {
    HttpResponse<String> response = send(port, "POST", "/v1/watchlists", key, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("id").asText();
  }

  /** The field a 400 answer names first. */
  static String fieldOf(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return JSON.readTree(response.body()).get("fields").get(0).get("field").asText();
  }
}
