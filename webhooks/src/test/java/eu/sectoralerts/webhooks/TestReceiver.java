package eu.sectoralerts.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A webhook endpoint for tests on the JDK's HTTP server: records every request, answers the status
 * {@link #answer} says (or {@link #HANG_UP}: closes the connection without an answer), can hold
 * requests (a slow endpoint) until {@link #release()}, and counts the requests in flight. Like a
 * real receiver it de-duplicates by {@code webhook-id}. {@link #close()} stops it as abruptly as a
 * crash: the JDK server's {@code stop(0)} closes every connection, kept-alive ones included.
 */
final class TestReceiver implements AutoCloseable {

  /** An answer that is none: the request is recorded, then the connection is closed. */
  static final int HANG_UP = 0;

  /** One request as received. */
  record Request(Map<String, String> headers, byte[] body, Instant receivedAt) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String id() {
      return header("webhook-id");
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile int port;
  private volatile IntSupplier answer = () -> 204;
  private volatile boolean hold;
  private HttpServer server;

  private TestReceiver(int port) {
    this.port = port;
  }

  /** A receiver listening on a free loopback port. */
  static TestReceiver start() {
    TestReceiver r = new TestReceiver(0);
    r.listen();
    return r;
  }

  /** A receiver with a port reserved but not listening yet: connections are refused. */
  static TestReceiver down() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new TestReceiver(probe.getLocalPort());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A receiver for {@code port} (say, that of a stopped receiver), not listening yet. */
  static TestReceiver on(int port) {
    return new TestReceiver(port);
  }

  /** Starts listening (after {@link #down()} or {@link #on(int)}). */
  synchronized TestReceiver listen() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    port = server.getAddress().getPort();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  TestReceiver answering(IntSupplier status) {
    this.answer = status;
    return this;
  }

  TestReceiver answering(int status) {
    return answering(() -> status);
  }

  /** Requests wait (at most 30 s) until {@link #release()}. */
  TestReceiver holding() {
    this.hold = true;
    return this;
  }

  void release() {
    released.countDown();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  int port() {
    return port;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  List<Request> requestsWithId(String id) {
    return requests.stream().filter(r -> id.equals(r.id())).toList();
  }

  /** Distinct webhook-ids received: what a de-duplicating receiver processes. */
  Set<String> distinctIds() {
    return Set.copyOf(seenIds);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      Request request = new Request(headers, body, Instant.now());
      requests.add(request);
      if (request.id() != null) {
        seenIds.add(request.id());
      }
      if (hold) {
        released.await(30, TimeUnit.SECONDS);
      }
      int status = answer.getAsInt();
      if (status == HANG_UP) {
        // No answer: the server closes the connection of a handler that fails before answering.
        throw new IOException("hanging up without an answer");
      }
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public synchronized void close() {
    release();
    if (server != null) {
      server.stop(0);
      server = null;
    }
    executor.shutdownNow();
  }
}
