package eu.sectoralerts.ingest;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest-service alone: {@code ingest-service [--bootstrap-servers HOST:PORT]
 * [--schema-registry-url URL] [--port N] [--config FILE]}, flags winning over environment, file and
 * defaults. Exit code 2 for a bad command line or configuration, 1 when the service cannot start;
 * otherwise it runs until the JVM is asked to stop.
 */
public final class IngestMain {

  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  static final String USAGE =
      "Usage: ingest-service [--bootstrap-servers HOST:PORT] [--schema-registry-url URL]"
          + " [--port N] [--config FILE]";

  private static final Map<String, String> FLAGS =
      Map.of(
          "--bootstrap-servers", IngestConfig.BOOTSTRAP_SERVERS,
          "--schema-registry-url", IngestConfig.SCHEMA_REGISTRY_URL,
          "--port", IngestConfig.HTTP_PORT);

  private IngestMain() {}

  /**
   * The parsed command line.
   *
   * @param overrides config keys set by flags
   * @param configFile the {@code --config} file, if given
   */
  record Args(Map<String, String> overrides, Optional<Path> configFile) {
    Args {
      overrides = Map.copyOf(overrides);
    }
  }

  /** A command line that cannot be understood; the message says what is wrong. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Parses {@code --flag value} and {@code --flag=value}. */
  static Args parse(String[] args) {
    Map<String, String> overrides = new HashMap<>();
    Optional<Path> file = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (!flag.equals("--config") && !FLAGS.containsKey(flag)) {
        throw new UsageException("Unknown argument: " + args[i]);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("Missing value after " + flag);
        }
        value = args[++i];
      }
      if (flag.equals("--config")) {
        file = Optional.of(Path.of(value));
      } else {
        overrides.put(FLAGS.get(flag), value);
      }
    }
    return new Args(overrides, file);
  }

  public static void main(String[] args) {
    IngestConfig config;
    try {
      Args parsed = parse(args);
      config = IngestConfig.load(parsed.overrides(), System.getenv(), parsed.configFile());
    } catch (UsageException | ConfigException e) {
      // The operator's terminal is the audience here, and stdout stays free for nothing at all.
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }

    IngestService service;
    try {
      service = IngestService.start(config);
    } catch (RuntimeException e) {
      LOG.error("ingest-service could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "ingest-service-shutdown"));
    try {
      // HTTP threads may be daemon (virtual) threads: main keeps the JVM alive until shutdown.
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
