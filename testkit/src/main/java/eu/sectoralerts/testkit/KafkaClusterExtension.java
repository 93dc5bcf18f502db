package eu.sectoralerts.testkit;

import eu.sectoralerts.embedded.BrokerSettings;
import eu.sectoralerts.embedded.KafkaKraftBroker;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * JUnit 5 extension that gives tests a real Kafka cluster as a {@link KafkaCluster} parameter (of a
 * test method, a lifecycle method or a constructor). The cluster is started once per JVM run and
 * stopped when the run ends. Which cluster, in order: {@code KAFKA_BOOTSTRAP_SERVERS} when set; a
 * Testcontainers {@code apache/kafka} container when a Docker engine answers; else an in-process
 * KRaft broker in a temporary directory.
 *
 * <p>While an in-process broker runs, Kafka's calls to halt or exit the JVM on a fatal fault throw
 * instead, so a broken broker fails the test that hit it rather than killing the run.
 */
public final class KafkaClusterExtension implements ParameterResolver {

  static final String IMAGE = "apache/kafka:4.1.2";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return cluster(extension);
  }

  /** The run's shared cluster, started on first use. */
  public static KafkaCluster cluster(ExtensionContext extension) {
    return extension
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("cluster", key -> startCluster(), RunningCluster.class);
  }

  private static RunningCluster startCluster() {
    String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      LOG.info("Tests use the external Kafka cluster at {}", external);
      return new RunningCluster(external.trim(), "external", () -> {});
    }
    if (dockerAvailable()) {
      var container =
          new org.testcontainers.kafka.KafkaContainer(
              org.testcontainers.utility.DockerImageName.parse(IMAGE));
      container.start();
      LOG.info("Tests use a Testcontainers Kafka at {}", container.getBootstrapServers());
      return new RunningCluster(container.getBootstrapServers(), "testcontainers", container::stop);
    }
    return startInProcess();
  }

  private static boolean dockerAvailable() {
    // Asking Testcontainers without any engine endpoint only logs errors; a client binary alone
    // says nothing, so look for an engine's socket or an explicit DOCKER_HOST.
    boolean endpoint =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(
                Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    if (!endpoint) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static RunningCluster startInProcess() {
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
      dir = Files.createTempDirectory("sector-alerts-kafka-");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a directory for the test broker", e);
    }
    KafkaKraftBroker broker = KafkaKraftBroker.start(BrokerSettings.onFreePorts(dir));
    LOG.info("Tests use an in-process Kafka broker at {}", broker.bootstrapServers());
    return new RunningCluster(
        broker.bootstrapServers(),
        "in-process",
        () -> {
          broker.close();
          Exit.resetHaltProcedure();
          Exit.resetExitProcedure();
          deleteRecursively(dir);
        });
  }

  private static void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("Could not delete the test broker's directory {}: {}", dir, e.getMessage());
    }
  }

  /** The shared cluster; JUnit closes it when the root context closes at the end of the run. */
  static final class RunningCluster implements KafkaCluster, AutoCloseable {
    private final String bootstrapServers;
    private final String kind;
    private final Runnable stop;

    RunningCluster(String bootstrapServers, String kind, Runnable stop) {
      this.bootstrapServers = bootstrapServers;
      this.kind = kind;
      this.stop = stop;
    }

    @Override
    public String bootstrapServers() {
      return bootstrapServers;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public void close() {
      stop.run();
    }
  }
}
