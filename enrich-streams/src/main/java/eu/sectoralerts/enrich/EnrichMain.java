package eu.sectoralerts.enrich;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs enrich-streams alone against an external cluster and schema registry until the JVM is
 * stopped. Flags ({@code --flag value} or {@code --flag=value}) override the environment and the
 * {@code --config} file. Exit status: 2 for a bad command line or configuration, 1 when the service
 * cannot start or stops on an error.
 */
public final class EnrichMain {

  static final String USAGE =
      "Usage: enrich-streams [--bootstrap-servers HOST:PORT] [--schema-registry-url URL]"
          + " [--config FILE] [--state-dir DIR]";

  private static final Logger LOG = LoggerFactory.getLogger(EnrichMain.class);

  private static final Map<String, String> FLAG_KEYS =
      Map.of(
          "--bootstrap-servers", "kafka.bootstrap.servers",
          "--schema-registry-url", "schema.registry.url",
          "--state-dir", "state.dir");

  private EnrichMain() {}

  public static void main(String[] args) {
    PrintStream err = System.err;
    CommandLine commandLine;
    EnrichConfig config;
    try {
      commandLine = parse(args);
      if (commandLine.help()) {
        err.println(USAGE);
        return;
      }
      config = EnrichConfig.load(commandLine.overrides(), System.getenv(), commandLine.config());
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      System.exit(2);
      return;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      System.exit(2);
      return;
    }

    EnrichService service;
    try {
      service = EnrichService.start(config);
    } catch (RuntimeException e) {
      LOG.error("enrich-streams could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "enrich-streams-shutdown"));
    try {
      KafkaStreams.State end = service.awaitTermination();
      if (end == KafkaStreams.State.ERROR) {
        LOG.error("enrich-streams stopped on an error it could not recover from");
        System.exit(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
    }
  }

  /**
   * Parses the command line.
   *
   * @throws UsageException for an unknown flag or a flag without its value
   */
  static CommandLine parse(String[] args) {
    Map<String, String> overrides = new HashMap<>();
    Optional<Path> config = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new CommandLine(Map.of(), Optional.empty(), true);
      }
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!FLAG_KEYS.containsKey(flag) && !flag.equals("--config")) {
        throw new UsageException("Unknown option: " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException("Option " + flag + " needs a value");
        }
        value = args[++i];
      }
      if (value.isBlank()) {
        throw new UsageException("Option " + flag + " needs a value");
      }
      if (flag.equals("--config")) {
        config = Optional.of(Path.of(value));
      } else {
        overrides.put(FLAG_KEYS.get(flag), value);
      }
    }
    return new CommandLine(overrides, config, false);
  }

  /**
   * A parsed command line.
   *
   * @param overrides config keys set by flags
   * @param config the {@code --config} file, if given
   * @param help whether usage was asked for
   */
  record CommandLine(Map<String, String> overrides, Optional<Path> config, boolean help) {
    CommandLine {
      overrides = Map.copyOf(overrides);
    }
  }

  /** The command line is wrong; the message says how. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
