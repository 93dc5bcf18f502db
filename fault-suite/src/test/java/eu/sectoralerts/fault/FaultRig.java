package eu.sectoralerts.fault;

import eu.sectoralerts.embedded.BrokerSettings;
import eu.sectoralerts.embedded.KafkaKraftBroker;
import eu.sectoralerts.registry.server.SchemaRegistryServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure every fault case runs against: a real in-process KRaft broker on fixed ports
 * and a data directory of its own (so it can be stopped and started again on the same ports and
 * logs), and the project's schema registry server storing schemas on that broker. One per test run;
 * each case works in a {@link Namespace} of its own topics and application ids.
 */
public final class FaultRig implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FaultRig.class);

  private final Path dir;
  private final BrokerSettings settings;
  private final SchemaRegistryServer registry;
  private final ScheduledExecutorService scheduler;
  private KafkaKraftBroker broker;
  private String childClasspath;

  private FaultRig(
      Path dir, BrokerSettings settings, KafkaKraftBroker broker, SchemaRegistryServer registry) {
    this.dir = dir;
    this.settings = settings;
    this.broker = broker;
    this.registry = registry;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fault-rig-scheduler");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the broker on two free ports and the registry beside it. */
  static FaultRig start() {
    // A broker fault must fail the case that caused it, not halt the JVM under surefire.
    Exit.setHaltProcedure(
        (code, message) -> {
          throw new IllegalStateException("Kafka asked to halt the JVM (" + code + "): " + message);
        });
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException("Kafka asked to exit the JVM (" + code + "): " + message);
        });
    Path dir;
    try {
      dir = Files.createTempDirectory("sector-alerts-fault-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = freePort();
    int controllerPort = freePort();
    while (controllerPort == port) {
      controllerPort = freePort();
    }
    BrokerSettings settings =
        new BrokerSettings(dir.resolve("kafka"), "localhost", port, controllerPort, 3, Map.of());
    KafkaKraftBroker broker = KafkaKraftBroker.start(settings);
    SchemaRegistryServer registry =
        SchemaRegistryServer.start(broker.bootstrapServers(), "localhost", 0, "_schemas");
    LOG.info("Fault rig: broker {}, registry {}", broker.bootstrapServers(), registry.url());
    return new FaultRig(dir, settings, broker, registry);
  }

  public String bootstrapServers() {
    return settings.host() + ":" + settings.port();
  }

  public String registryUrl() {
    return registry.url();
  }

  /** A directory of the run's temporary space, created if need be. */
  public Path dir(String name) {
    try {
      return Files.createDirectories(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The test class path for service JVMs, with every jar copied once into this run's directory:
   * other builds on this machine reinstall the project's jars in the local repository while the
   * suite runs, and a service restarted from a half-replaced jar fails for reasons of its own.
   */
  public synchronized String childClasspath() {
    if (childClasspath == null) {
      Path copies = dir("classpath");
      List<String> entries = new ArrayList<>();
      int n = 0;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path source = Path.of(entry);
        if (entry.endsWith(".jar") && Files.isRegularFile(source)) {
          Path copy = copies.resolve((n++) + "-" + source.getFileName());
          try {
            Files.copy(source, copy);
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source, e);
          }
          entries.add(copy.toString());
        } else {
          entries.add(entry);
        }
      }
      childClasspath = String.join(File.pathSeparator, entries);
    }
    return childClasspath;
  }

  /**
   * Stops the broker now and starts it again on the same ports and data directory after {@code
   * down}; the future completes once it answers clients again.
   */
  public CompletableFuture<Duration> outage(Duration down) {
    long stoppedAt = System.nanoTime();
    synchronized (this) {
      broker.close();
    }
    LOG.info("Broker stopped; back in {} s", down.toSeconds());
    CompletableFuture<Duration> back = new CompletableFuture<>();
    scheduler.schedule(
        () -> {
          try {
            KafkaKraftBroker restarted = KafkaKraftBroker.start(settings);
            synchronized (this) {
              broker = restarted;
            }
            back.complete(Duration.ofNanos(System.nanoTime() - stoppedAt));
          } catch (RuntimeException e) {
            back.completeExceptionally(e);
          }
        },
        down.toMillis(),
        TimeUnit.MILLISECONDS);
    return back;
  }

  @Override
  public synchronized void close() {
    scheduler.shutdownNow();
    try {
      registry.close();
    } finally {
      broker.close();
      Exit.resetHaltProcedure();
      Exit.resetExitProcedure();
      deleteQuietly(dir);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a leftover temporary file is harmless
                }
              });
    } catch (IOException ignored) {
      // nothing to clean
    }
  }
}
