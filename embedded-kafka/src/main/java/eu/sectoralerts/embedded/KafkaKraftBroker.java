package eu.sectoralerts.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this JVM: one KRaft process acting as broker and controller, with
 * a static quorum, on a data directory that survives restarts. Internal topics use replication
 * factor 1 and min ISR 1, so transactions and exactly-once processing work. Broker auto-creation of
 * topics is off: clients create what they use.
 *
 * <p>The directory is formatted on first use only. The metadata log lives in its own directory,
 * which Kafka locks, so a second broker started on the same data directory fails at once rather
 * than corrupting it.
 */
public final class KafkaKraftBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaKraftBroker.class);
  private static final int NODE_ID = 1;

  private final BrokerSettings settings;
  private final int port;
  private final int controllerPort;
  private final KafkaRaftServer server;
  private final DirectoryLock lock;
  private boolean stopped;

  private KafkaKraftBroker(
      BrokerSettings settings,
      int port,
      int controllerPort,
      KafkaRaftServer server,
      DirectoryLock lock) {
    this.settings = settings;
    this.port = port;
    this.controllerPort = controllerPort;
    this.server = server;
    this.lock = lock;
  }

  /**
   * Formats the data directory if it is new, starts the broker and waits until it answers clients.
   *
   * @throws BrokerStartException when it cannot start, saying why (port in use, directory locked by
   *     another broker, broker not ready in time)
   */
  public static KafkaKraftBroker start(BrokerSettings settings) {
    return start(settings, Duration.ofSeconds(60));
  }

  /** As {@link #start(BrokerSettings)}, waiting at most {@code readyTimeout} for readiness. */
  public static KafkaKraftBroker start(BrokerSettings settings, Duration readyTimeout) {
    int port = settings.port() == 0 ? freePort() : settings.port();
    int controllerPort =
        settings.controllerPort() == 0 ? freePort(port) : settings.controllerPort();
    requireFree(settings.host(), port, "broker");
    requireFree(settings.host(), controllerPort, "controller");

    Path dataDir = settings.dataDir().toAbsolutePath();
    // Kafka halts the JVM when its own directory lock is taken; our lock fails politely first.
    DirectoryLock lock = DirectoryLock.acquire(dataDir);
    try {
      return startLocked(settings, readyTimeout, port, controllerPort, dataDir, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static KafkaKraftBroker startLocked(
      BrokerSettings settings,
      Duration readyTimeout,
      int port,
      int controllerPort,
      Path dataDir,
      DirectoryLock lock) {
    Path logDir = dataDir.resolve("logs");
    Path metadataDir = dataDir.resolve("metadata");
    Properties props = properties(settings, port, controllerPort, logDir, metadataDir);
    try {
      Files.createDirectories(logDir);
      Files.createDirectories(metadataDir);
      Path configFile = dataDir.resolve("server.properties");
      try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
        props.store(
            out, "Written by sector-alerts at each start; edit the command's flags instead");
      }
      if (!Files.exists(metadataDir.resolve("meta.properties"))) {
        format(configFile);
      }
    } catch (IOException e) {
      throw new BrokerStartException(
          "Cannot prepare Kafka data directory " + dataDir + ": " + e.getMessage(), e);
    }

    KafkaRaftServer server;
    try {
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
    } catch (RuntimeException e) {
      throw new BrokerStartException(explain(e, dataDir), e);
    }
    KafkaKraftBroker broker = new KafkaKraftBroker(settings, port, controllerPort, server, lock);
    try {
      broker.awaitReady(readyTimeout);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.info("Kafka broker ready at {} (data in {})", broker.bootstrapServers(), dataDir);
    return broker;
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return settings.host() + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return settings.dataDir();
  }

  /** Stops the broker and waits until it has shut down; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      lock.close();
    }
    LOG.info("Kafka broker on port {} stopped", port);
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try {
          // Answering describeCluster with a controller means the metadata quorum is up.
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          admin.listTopics().names().get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BrokerStartException("Interrupted while waiting for the broker", e);
        }
      }
      throw new BrokerStartException(
          "Kafka broker did not become ready within "
              + timeout.toSeconds()
              + " s"
              + (last == null ? "" : ": " + last.getMessage()),
          last);
    }
  }

  private static Properties properties(
      BrokerSettings settings, int port, int controllerPort, Path logDir, Path metadataDir) {
    String host = settings.host();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    // Static quorum: the controller address is config, not stored in the metadata log, so the
    // broker may come back on other ports after a restart.
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", metadataDir.toString());
    p.put("num.partitions", Integer.toString(settings.defaultPartitions()));
    p.put("auto.create.topics.enable", "false");
    // One node: every internal topic must live with a single replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.retention.check.interval.ms", "60000");
    p.putAll(settings.overrides());
    return p;
  }

  private static void format(Path configFile) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                configFile.toString(),
                "--ignore-formatted"
              },
              out);
    } catch (RuntimeException e) {
      throw new BrokerStartException("Cannot format Kafka storage: " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new BrokerStartException(
          "Cannot format Kafka storage (exit "
              + rc
              + "): "
              + captured.toString(StandardCharsets.UTF_8).trim(),
          null);
    }
  }

  private static String explain(RuntimeException e, Path dataDir) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("lock") || message.contains("Lock")) {
        return "Kafka data directory "
            + dataDir
            + " is in use by another broker (is `sector-alerts up` already running?)";
      }
    }
    return "Kafka broker failed to start: " + e.getMessage();
  }

  private static void requireFree(String host, int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new BrokerStartException(
          "Cannot start Kafka " + what + " on " + host + ":" + port + ": the port is in use", e);
    }
  }

  private static int freePort(int... avoid) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int candidate = socket.getLocalPort();
        if (avoid.length == 0 || candidate != avoid[0]) {
          return candidate;
        }
      } catch (IOException e) {
        throw new BrokerStartException("Cannot find a free port: " + e.getMessage(), e);
      }
    }
    throw new BrokerStartException("Cannot find a free port", null);
  }

  /** The broker could not start; the message says why, for an operator to act on. */
  public static final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
