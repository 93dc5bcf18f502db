package eu.sectoralerts.registry.interop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry (unpacked Quarkus app, in-memory H2 storage) running as a child process on a
 * free loopback port, for as long as this handle is open. {@link #findJava} locates the Java 21+
 * runtime it needs; {@link #close} stops it, forcibly if it does not stop in time.
 */
final class ApicurioRegistryProcess implements AutoCloseable {

  static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  static final Path DEFAULT_JAVA_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  static final String JAVA_HOME_ENV = "APICURIO_JAVA_HOME";
  static final int MIN_JAVA = 21;

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryProcess.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Path log;
  private final String ccompatUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread stopOnExit;

  private ApicurioRegistryProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.ccompatUrl = "http://127.0.0.1:" + port + CCOMPAT_PATH;
    // A test JVM that exits before @AfterAll (Ctrl-C, fork timeout) must not leave a registry.
    this.stopOnExit = new Thread(process::destroyForcibly, "stop-apicurio-registry");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Where a Java 21+ runtime was found, or (when {@code java} is empty) what is missing. */
  record JavaLookup(Optional<Path> java, String missing) {}

  /**
   * A Java {@value #MIN_JAVA}+ {@code bin/java}: {@code $APICURIO_JAVA_HOME} if set (and then only
   * that one), else {@code jvmDirectory/temurin-25-jdk-amd64}, else the newest home under {@code
   * jvmDirectory} whose {@code release} file says {@code JAVA_VERSION} >= 21, else the running JVM
   * if it is new enough.
   */
  static JavaLookup findJava(Map<String, String> env, Path jvmDirectory) {
    String configured = env.get(JAVA_HOME_ENV);
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured);
      return usableJava(home)
          .map(java -> new JavaLookup(Optional.of(java), ""))
          .orElseGet(
              () ->
                  new JavaLookup(
                      Optional.empty(),
                      JAVA_HOME_ENV
                          + "="
                          + configured
                          + " is not a Java "
                          + MIN_JAVA
                          + "+ home (needs bin/java and a release file with JAVA_VERSION >= "
                          + MIN_JAVA
                          + ")"));
    }
    Optional<Path> preferred = usableJava(jvmDirectory.resolve(DEFAULT_JAVA_HOME.getFileName()));
    if (preferred.isPresent()) {
      return new JavaLookup(preferred, "");
    }
    List<Path> homes = new ArrayList<>();
    if (Files.isDirectory(jvmDirectory)) {
      try (Stream<Path> children = Files.list(jvmDirectory)) {
        children.forEach(homes::add);
      } catch (IOException e) {
        // An unreadable directory holds no usable runtime; the message below says where we looked.
      }
    }
    Optional<Path> newest =
        homes.stream()
            .filter(home -> usableJava(home).isPresent())
            .max(Comparator.comparingInt(home -> releaseVersion(home).orElse(0)))
            .flatMap(ApicurioRegistryProcess::usableJava);
    if (newest.isPresent()) {
      return new JavaLookup(newest, "");
    }
    if (Runtime.version().feature() >= MIN_JAVA) {
      return new JavaLookup(
          Optional.of(Path.of(System.getProperty("java.home"), "bin", "java")), "");
    }
    return new JavaLookup(
        Optional.empty(),
        "no Java "
            + MIN_JAVA
            + "+ runtime for Apicurio Registry: "
            + JAVA_HOME_ENV
            + " is not set, "
            + jvmDirectory
            + " has no home whose release file says JAVA_VERSION >= "
            + MIN_JAVA
            + ", and this JVM is "
            + Runtime.version().feature());
  }

  private static Optional<Path> usableJava(Path home) {
    Path java = home.resolve("bin").resolve("java");
    if (Files.isExecutable(java) && releaseVersion(home).orElse(0) >= MIN_JAVA) {
      return Optional.of(java);
    }
    return Optional.empty();
  }

  /** The feature version in a JDK's {@code release} file: 25 for "25.0.3", 8 for "1.8.0_452". */
  static Optional<Integer> releaseVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
          String[] parts = version.split("[.+_-]");
          int feature = Integer.parseInt(parts[0].equals("1") ? parts[1] : parts[0]);
          return Optional.of(feature);
        }
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable or odd release file means "not known to be new enough".
    }
    return Optional.empty();
  }

  /**
   * Starts {@code appHome/quarkus-run.jar} with {@code java}, its output going to {@code log}, and
   * returns once {@code GET /apis/ccompat/v7/subjects} answers 200.
   */
  static ApicurioRegistryProcess start(Path java, Path appHome, Path log) throws IOException {
    int port = freeLoopbackPort();
    Path tmp = Files.createDirectories(log.resolveSibling("apicurio-tmp"));
    List<String> command =
        List.of(
            java.toString(),
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + tmp,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            // The management interface (health, metrics) is built in; keep it off 9000 and local.
            "-Dquarkus.management.host=127.0.0.1",
            "-Dquarkus.management.port=0",
            // Already the defaults of 3.3.3, stated so a changed default cannot make it phone out:
            // no OpenTelemetry export, in-memory H2 storage (no Kafka, no external database).
            "-Dquarkus.otel.sdk.disabled=true",
            "-Dapicurio.storage.kind=sql",
            "-Dapicurio.storage.sql.kind=h2",
            "-jar",
            appHome.resolve("quarkus-run.jar").toString());
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(appHome.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ApicurioRegistryProcess apicurio = new ApicurioRegistryProcess(process, log, port);
    try {
      apicurio.awaitAnswering();
    } catch (RuntimeException | Error e) {
      apicurio.close();
      throw e;
    }
    LOG.info(
        "Apicurio Registry answers at {} after {} ms (log: {})",
        apicurio.ccompatUrl,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        log);
    return apicurio;
  }

  /**
   * Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}.
   */
  String ccompatUrl() {
    return ccompatUrl;
  }

  /**
   * Sets a subject's compatibility level with {@code PUT /config/{subject}}: our client has no
   * config API, and Apicurio enforces nothing on registration until a level is configured.
   */
  void configureCompatibility(String subject, String level) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    ccompatUrl + "/config/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "PUT /config/" + subject + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private void awaitAnswering() {
    try {
      await("Apicurio Registry answering GET " + ccompatUrl + "/subjects")
          .atMost(START_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(this::answersSubjects);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "Apicurio Registry did not answer within " + START_TIMEOUT + "; " + logTail(), e);
    }
  }

  private boolean answersSubjects() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Apicurio Registry exited with " + process.exitValue() + " while starting; " + logTail());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ccompatUrl + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      return send(request).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "its log " + log + " is unreadable: " + e;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the registry: SIGTERM, then SIGKILL if it is still running after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Apicurio Registry did not stop within {}; killing it", STOP_TIMEOUT);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway and finds the process gone.
    }
  }
}
