package eu.sectoralerts.fault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A webhook endpoint on loopback ({@code com.sun.net.httpserver}) that records every POST and
 * answers each path as told: 200, another status, or 200 only after a delay (without holding a
 * thread, so a slow path does not slow the others). It can go down (port closed, connections
 * refused) and come back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

  /**
   * How a path answers.
   *
   * @param status the status sent
   * @param delay how long before it is sent
   */
  public record Answer(int status, Duration delay) {
    public Answer {
      Objects.requireNonNull(delay, "delay");
    }

    public static Answer ok() {
      return new Answer(200, Duration.ZERO);
    }

    public static Answer status(int status) {
      return new Answer(status, Duration.ZERO);
    }

    public static Answer slow(Duration delay) {
      return new Answer(200, delay);
    }
  }

  /**
   * One POST as it arrived.
   *
   * @param path the request path
   * @param receivedAt when it arrived
   * @param headers its headers, names in lower case, first value each
   * @param rawHeaderLines every header value, to look for injected lines
   * @param body its body
   * @param answered the status it was answered with
   */
  public record Request(
      String path,
      Instant receivedAt,
      Map<String, String> headers,
      List<String> rawHeaderLines,
      byte[] body,
      int answered) {

    public String webhookId() {
      return headers.get("webhook-id");
    }
  }

  private final int port;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final ScheduledExecutorService delayer;
  private final ExecutorService handlers;
  private HttpServer server;

  private WebhookReceiver(int port) {
    this.port = port;
    this.delayer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "webhook-receiver-delay");
              t.setDaemon(true);
              return t;
            });
    this.handlers = Executors.newCachedThreadPool();
  }

  /** A receiver on a free loopback port, up. */
  public static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver(FaultRig.freePort());
    receiver.up();
    return receiver;
  }

  /** The URL of a path ({@code /hooks/a}). */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public void answer(String path, Answer answer) {
    answers.put(path, answer);
  }

  /** Opens the port (again). */
  public synchronized void up() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on port " + port, e);
    }
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Closes the port: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    Answer answer = answers.getOrDefault(path, Answer.ok());
    Map<String, String> headers = new HashMap<>();
    List<String> raw = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
              values.forEach(v -> raw.add(name + ": " + v));
            });
    synchronized (requests) {
      requests.add(
          new Request(path, Instant.now(), Map.copyOf(headers), raw, body, answer.status()));
    }
    if (answer.delay().isZero()) {
      respond(exchange, answer.status());
    } else {
      delayer.schedule(
          () -> respond(exchange, answer.status()),
          answer.delay().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private static void respond(HttpExchange exchange, int status) {
    try {
      exchange.sendResponseHeaders(status, -1);
    } catch (IOException e) {
      // the sender gave up waiting and closed the connection: that is what a timeout looks like
    } finally {
      exchange.close();
    }
  }

  /** Every POST so far. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The POSTs to one path. */
  public List<Request> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The distinct {@code webhook-id}s received on a path: what a de-duplicating receiver keeps. */
  public Set<String> distinctIds(String path) {
    return requests(path).stream().map(Request::webhookId).collect(Collectors.toSet());
  }

  @Override
  public synchronized void close() {
    down();
    delayer.shutdownNow();
    handlers.shutdownNow();
  }
}
