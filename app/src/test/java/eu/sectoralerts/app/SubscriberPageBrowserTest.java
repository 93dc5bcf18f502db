package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber web page in a real browser: starts the embedded pipeline on the shared test
 * cluster, creates two subscribers, then runs {@code e2e/subscriber-page.mjs} (Playwright driving
 * headless Chromium) against it and expects it to pass: sign in, create a watchlist, a test
 * delivery, an item published through ingest-service arriving live with its explanation, an invalid
 * query rejected inline, the second subscriber seeing nothing of the first's. Screenshots land in
 * {@code target/e2e-screenshots/}. Skipped, saying what to install, without Chromium, Node.js 20+
 * or {@code e2e/node_modules}.
 */
@ExtendWith(KafkaClusterExtension.class)
class SubscriberPageBrowserTest {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriberPageBrowserTest.class);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

  private final PipelineTestSupport api = new PipelineTestSupport();

  private Path chromium;
  private Path node;
  private Path e2e;

  /**
   * Before the cluster starts (its parameter is resolved after this): without a browser there is
   * nothing to start it for. In a {@code @BeforeEach}, so the test is reported as skipped.
   */
  @BeforeEach
  void requireBrowserNodeAndPlaywright() {
    chromium = Path.of(Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium"));
    assumeTrue(
        Files.isExecutable(chromium),
        "No Chromium at " + chromium + ": install it (apt-get install chromium) to run this test");
    Optional<Path> onPath = onPath("node");
    assumeTrue(
        onPath.isPresent(),
        "No node on the PATH: install Node.js 20 or later (with npm) to run this test");
    node = onPath.get();
    int major = nodeMajorVersion(node);
    assumeTrue(
        major >= 20,
        "Node.js " + major + " is too old for playwright-core: install Node.js 20 or later");
    e2e = e2eFolder();
    assumeTrue(
        Files.isDirectory(e2e.resolve("node_modules/playwright-core")),
        "No " + e2e.resolve("node_modules") + ": run npm ci --prefix e2e to run this test");
  }

  @Test
  void shouldLetASubscriberWorkOnlyWithItsOwnDataThroughThePage(
      KafkaCluster kafka, @TempDir Path dataDir) throws Exception {
    Map<String, String> overrides = new HashMap<>(PipelineTestSupport.isolated(kafka));
    overrides.put("alert.webhooks.retry.initial", "200");
    overrides.put("alert.webhooks.retry.max", "1000");
    try (Pipeline pipeline =
        Pipeline.start(
            PipelineSettings.embeddedDefault(dataDir)
                .onFreePorts()
                .withCluster(kafka.bootstrapServers())
                .withServiceOverrides(overrides),
            step -> {})) {
      Map<String, String> env = new HashMap<>();
      env.put("ALERT_URL", pipeline.alertUrl());
      env.put("INGEST_URL", pipeline.ingestUrl());
      env.put("ANALYST_KEY", Files.readString(pipeline.analystKeyFile()).strip());
      env.put("SUBSCRIBER_A_ID", "e2e-a");
      env.put("SUBSCRIBER_A_KEY", api.createSubscriber(pipeline, "e2e-a"));
      env.put("SUBSCRIBER_B_ID", "e2e-b");
      env.put("SUBSCRIBER_B_KEY", api.createSubscriber(pipeline, "e2e-b"));
      env.put("SCREENSHOT_DIR", Path.of("target/e2e-screenshots").toAbsolutePath().toString());
      env.put("CHROMIUM", chromium.toString());

      int exit = run(List.of(node.toString(), "subscriber-page.mjs"), e2e, env);

      assertThat(exit)
          .as("exit status of node e2e/subscriber-page.mjs (its output is above)")
          .isZero();
    }
  }

  /** Runs the command in {@code dir}, logging each line it prints; its exit status. */
  private static int run(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    LOG.info("Running {} in {}", String.join(" ", command), dir);
    Process process = builder.start();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  LOG.info("{}", line);
                }
              } catch (IOException e) {
                LOG.warn("Lost the e2e script's output: {}", e.toString());
              }
            },
            "e2e-output");
    pump.setDaemon(true);
    pump.start();
    if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      // The whole tree: the browser is the script's child.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "node e2e/subscriber-page.mjs did not finish within "
              + SCRIPT_TIMEOUT.toMinutes()
              + " min");
    }
    pump.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** The major version {@code node --version} prints, or 0 when it prints none in time. */
  private static int nodeMajorVersion(Path node) {
    try {
      Process process = new ProcessBuilder(node.toString(), "--version").start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return 0;
      }
      String version =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      Matcher m = Pattern.compile("^v(\\d+)\\.").matcher(version);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The repository's {@code e2e} folder: tests run in {@code app/}, it sits beside it. */
  private static Path e2eFolder() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("e2e/subscriber-page.mjs"))) {
        return dir.resolve("e2e");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "No e2e/subscriber-page.mjs above " + Path.of("").toAbsolutePath());
  }

  private static Optional<Path> onPath(String program) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    return dirs.stream().map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
  }
}
