package eu.sectoralerts.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.common.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts subscribers add|list|rotate-key}: an operator's commands against a running
 * alert-service, with the operator key of {@code up}'s data directory (or {@code --admin-key} /
 * {@code SECTOR_ALERTS_ADMIN_KEY}). {@code add} prints the new subscriber's API key, which is shown
 * only this once.
 */
@Command(
    name = "subscribers",
    mixinStandardHelpOptions = true,
    description =
        "Create and list subscribers (operators): each gets an API key for the alert API.",
    subcommands = {
      SubscribersCommand.Add.class,
      SubscribersCommand.ListAll.class,
      SubscribersCommand.RotateKey.class
    })
final class SubscribersCommand implements Runnable {

  static final String KEY_VARIABLE = "SECTOR_ALERTS_ADMIN_KEY";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** What every subcommand shares: where the alert API is and the operator key. */
  static final class Connection {

    @Option(
        names = "--alert-url",
        defaultValue = "http://localhost:7071",
        description = "alert-service (default: ${DEFAULT-VALUE}).")
    String alertUrl;

    @Option(
        names = "--admin-key",
        description = {
          "Operator key. Default: environment variable " + KEY_VARIABLE + ",",
          "else the key file DATA_DIR/admin.key that 'up' creates."
        })
    String adminKey;

    @Option(
        names = "--data-dir",
        defaultValue = "data",
        description = "Data directory of 'up', holding admin.key (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** The environment; replaced in tests. */
    Function<String, String> environment = System::getenv;

    Optional<String> key() {
      if (adminKey != null && !adminKey.isBlank()) {
        return Optional.of(adminKey.strip());
      }
      String fromEnvironment = environment.apply(KEY_VARIABLE);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return Optional.of(fromEnvironment.strip());
      }
      return KeyFile.read(KeyFile.adminIn(dataDir));
    }
  }

  /** Runs one request and prints its result; the exit code of the command. */
  abstract static class Request implements Callable<Integer> {

    @Mixin Connection connection;

    @Spec CommandSpec spec;

    private final ObjectMapper json = Json.newMapper();

    abstract HttpRequest.Builder request(String base) throws IOException;

    abstract void print(JsonNode answer, PrintWriter out);

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Optional<String> key = connection.key();
      if (key.isEmpty()) {
        err.println(
            "Error: no operator key. Pass --admin-key, set "
                + KEY_VARIABLE
                + ", or point --data-dir at the data directory of 'sector-alerts up' (it holds"
                + " admin.key); looked for "
                + KeyFile.adminIn(connection.dataDir));
        err.flush();
        return 1;
      }
      String base = connection.alertUrl.replaceAll("/+$", "");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      try {
        HttpResponse<String> response =
            http.send(
                request(base)
                    .header("Authorization", "Bearer " + key.get())
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.body().isBlank() ? null : json.readTree(response.body());
        if (response.statusCode() >= 300) {
          String message =
              answer != null && answer.hasNonNull("message")
                  ? answer.get("message").asText()
                  : "HTTP " + response.statusCode();
          err.println("Error: " + message);
          err.flush();
          return 1;
        }
        print(answer, out);
        out.flush();
        return 0;
      } catch (ConnectException e) {
        err.println(
            "Error: cannot reach alert-service at "
                + base
                + "; is 'sector-alerts up' running? (or pass --alert-url)");
      } catch (IOException e) {
        err.println("Error: talking to alert-service at " + base + " failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("Error: interrupted");
      }
      err.flush();
      return 1;
    }

    String body(Map<String, Object> fields) throws IOException {
      return json.writeValueAsString(fields);
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Create a subscriber and print its API key (shown only this once).")
  static final class Add extends Request {

    @Parameters(paramLabel = "NAME", description = "The company's name.")
    String name;

    @Option(
        names = "--id",
        description = "Subscriber id (letters, digits, '_', '-'); default: a random one.")
    String id;

    @Override
    HttpRequest.Builder request(String base) throws IOException {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", name);
      if (id != null) {
        fields.put("id", id);
      }
      return HttpRequest.newBuilder(URI.create(base + "/v1/subscribers"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(fields)));
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
      printKey(answer, out);
    }
  }

  @Command(
      name = "rotate-key",
      mixinStandardHelpOptions = true,
      description = "Give a subscriber a new API key; the old one stops working.")
  static final class RotateKey extends Request {

    @Parameters(paramLabel = "ID", description = "The subscriber id.")
    String id;

    @Override
    HttpRequest.Builder request(String base) {
      String path =
          java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20");
      return HttpRequest.newBuilder(URI.create(base + "/v1/subscribers/" + path + "/key"))
          .POST(HttpRequest.BodyPublishers.noBody());
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
      printKey(answer, out);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the subscribers.")
  static final class ListAll extends Request {

    @Override
    HttpRequest.Builder request(String base) {
      return HttpRequest.newBuilder(URI.create(base + "/v1/subscribers")).GET();
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
      JsonNode subscribers = answer.get("subscribers");
      if (subscribers.isEmpty()) {
        out.println("No subscribers yet: add one with 'sector-alerts subscribers add NAME'.");
        return;
      }
      out.printf("%-24s %-40s %s%n", "ID", "NAME", "CREATED");
      for (JsonNode s : subscribers) {
        out.printf(
            "%-24s %-40s %s%n",
            s.get("id").asText(), s.get("name").asText(), s.get("createdAt").asText());
      }
    }
  }

  private static void printKey(JsonNode answer, PrintWriter out) {
    out.println(
        "Subscriber " + answer.get("id").asText() + " (" + answer.get("name").asText() + ")");
    out.println("API key (shown only now; keep it safe):");
    out.println(answer.get("apiKey").asText());
  }
}
