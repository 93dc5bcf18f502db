package eu.sectoralerts.common;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.ServiceCommandLine.UsageException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service's {@code main} starts: parse the flags, load the configuration, start the
 * service, and close it when the JVM is asked to stop. Exit status 2 for a bad command line or
 * configuration (message and usage on stderr), 1 when the service cannot start; {@code --help}
 * prints the usage and starts nothing. The operator's terminal is the audience of these messages:
 * logging may not be configured when a service runs alone.
 */
public final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

  private ServiceLauncher() {}

  /**
   * Starts the service the command line describes, or exits the JVM as described above.
   *
   * @param command the service's name, for usage and messages
   * @param flags the service's flags and the config key each sets
   * @param loader builds the configuration from the parsed command line; throws {@link
   *     ConfigException} for a bad or incomplete configuration
   * @param starter starts the service from its configuration
   * @return the running service, whose close is hooked to JVM shutdown; empty after {@code --help}
   */
  public static <C, S extends AutoCloseable> Optional<Launched<S>> launch(
      String command,
      Map<String, String> flags,
      String[] args,
      Function<ServiceCommandLine, C> loader,
      Function<C, S> starter) {
    PrintStream err = System.err;
    String usage = ServiceCommandLine.usage(command, flags);
    C config;
    try {
      ServiceCommandLine commandLine = ServiceCommandLine.parse(args, flags);
      if (commandLine.help()) {
        err.println(usage);
        return Optional.empty();
      }
      config = loader.apply(commandLine);
    } catch (UsageException | ConfigException e) {
      err.println(e.getMessage());
      err.println(usage);
      System.exit(2);
      return Optional.empty();
    }

    S service;
    try {
      service = starter.apply(config);
    } catch (RuntimeException e) {
      err.println(command + " could not start: " + e.getMessage());
      LOG.error("{} could not start", command, e);
      System.exit(1);
      return Optional.empty();
    }
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    LOG.warn("{} did not close cleanly: {}", command, e.toString());
                  } finally {
                    closed.countDown();
                  }
                },
                command + "-shutdown"));
    return Optional.of(new Launched<>(service, closed));
  }

  /**
   * A started service.
   *
   * @param service the service
   * @param closed released once JVM shutdown has closed the service
   */
  public record Launched<S>(S service, CountDownLatch closed) {

    /**
     * Blocks until JVM shutdown has closed the service: a service whose threads are all daemon
     * threads (an HTTP server on virtual threads) would otherwise end with {@code main}.
     */
    public void awaitClose() {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
