package eu.sectoralerts.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how an in-process broker runs.
 *
 * @param dataDir directory for the broker's logs and metadata; kept across restarts
 * @param host the host name the broker binds to and advertises (loopback by default)
 * @param port client (PLAINTEXT) port; 0 picks a free port
 * @param controllerPort KRaft controller port; 0 picks a free port
 * @param defaultPartitions partitions of topics created without an explicit count
 * @param overrides extra broker properties, applied last
 */
public record BrokerSettings(
    Path dataDir,
    String host,
    int port,
    int controllerPort,
    int defaultPartitions,
    Map<String, String> overrides) {

  public BrokerSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
      throw new IllegalArgumentException("ports must be within 0..65535");
    }
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException("broker and controller ports must differ");
    }
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("defaultPartitions must be >= 1");
    }
    overrides = Map.copyOf(overrides);
  }

  /** A broker on loopback with free ports, in {@code dataDir}. */
  public static BrokerSettings onFreePorts(Path dataDir) {
    return new BrokerSettings(dataDir, "localhost", 0, 0, 3, Map.of());
  }

  /** The same settings on the given ports. */
  public BrokerSettings withPorts(int newPort, int newControllerPort) {
    return new BrokerSettings(
        dataDir, host, newPort, newControllerPort, defaultPartitions, overrides);
  }

  /** The same settings with extra broker properties. */
  public BrokerSettings withOverrides(Map<String, String> extra) {
    return new BrokerSettings(dataDir, host, port, controllerPort, defaultPartitions, extra);
  }
}
