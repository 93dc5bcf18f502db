package eu.sectoralerts.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service running in a JVM of its own ({@code java -cp <test classpath> <main> --config FILE}),
 * which the fault cases kill with SIGKILL ({@link Process#destroyForcibly()} on Linux) and start
 * again on the same configuration and state directory. Its output (stdout and stderr, every
 * incarnation) is appended to one log file, which the cases search for leaked keys.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);

  private final String name;
  private final String mainClass;
  private final Path configFile;
  private final Path logFile;
  private final String classpath;
  private Process process;
  private int starts;
  private int kills;

  /**
   * @param config the service's config keys, written to a properties file it reads with {@code
   *     --config}
   * @param workDir where the config and log files go
   * @param classpath the child JVM's class path ({@link FaultRig#childClasspath()})
   */
  public ServiceProcess(
      String name, String mainClass, Map<String, String> config, Path workDir, String classpath) {
    this.name = Objects.requireNonNull(name, "name");
    this.classpath = Objects.requireNonNull(classpath, "classpath");
    this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    this.configFile = workDir.resolve(name + ".properties");
    this.logFile = workDir.resolve(name + ".log");
    Properties properties = new Properties();
    properties.putAll(config);
    try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      properties.store(out, "fault-suite: " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a new incarnation. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx320m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xss512k");
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.add("--config");
    command.add(configFile.toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
    starts++;
    Process started = process;
    // Should the test JVM end early, its children must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, name + "-reaper"));
    LOG.info("{} started (incarnation {}, pid {})", name, starts, process.pid());
  }

  /** SIGKILL, then waits until the process is gone. */
  public synchronized void kill() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(name + " is not running (exit " + exitCode() + ")");
    }
    long pid = process.pid();
    process.destroyForcibly();
    waitFor(30);
    kills++;
    LOG.info("{} (pid {}) killed with SIGKILL", name, pid);
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized int starts() {
    return starts;
  }

  public synchronized int kills() {
    return kills;
  }

  /** What every incarnation printed. */
  public String output() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path logFile() {
    return logFile;
  }

  /** SIGTERM (the service closes itself), SIGKILL after 30 s. */
  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(30)) {
        process.destroyForcibly();
        waitFor(10);
      }
    }
  }

  private String exitCode() {
    return process == null ? "never started" : String.valueOf(process.exitValue());
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
