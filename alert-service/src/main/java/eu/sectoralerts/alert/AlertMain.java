package eu.sectoralerts.alert;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the alert service alone: {@code AlertMain [--bootstrap-servers HOST:PORT]
 * [--schema-registry-url URL] [--port PORT] [--state-dir DIR] [--config FILE]}. Flags win over the
 * environment, which wins over the file. Exits with 2 on a bad command line, 1 when the service
 * cannot start; otherwise runs until the JVM is stopped.
 */
public final class AlertMain {

  static final String USAGE =
      "Usage: alert-service [--bootstrap-servers HOST:PORT] [--schema-registry-url URL]"
          + " [--port PORT] [--state-dir DIR] [--config FILE]";

  private static final Map<String, String> FLAG_KEYS =
      Map.of(
          "--bootstrap-servers", "kafka.bootstrap.servers",
          "--schema-registry-url", "schema.registry.url",
          "--port", "http.port",
          "--state-dir", "state.dir");

  private AlertMain() {}

  /** A parsed command line: config overrides and the optional properties file. */
  record CommandLine(Map<String, String> overrides, Optional<Path> configFile) {}

  /** A command line that cannot be understood; the message says why. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) {
    // The CLI's own error channel: logging may not be configured when the command line is wrong.
    PrintStream err = System.err;
    CommandLine commandLine;
    try {
      commandLine = parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      System.exit(2);
      return;
    }
    AlertService service;
    try {
      service =
          AlertService.start(
              AlertConfig.load(commandLine.overrides(), System.getenv(), commandLine.configFile()));
    } catch (RuntimeException e) {
      err.println("alert-service could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "alert-service-shutdown"));
  }

  static CommandLine parse(String[] args) throws UsageException {
    Map<String, String> overrides = new HashMap<>();
    Optional<Path> configFile = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!flag.equals("--config") && !FLAG_KEYS.containsKey(flag)) {
        throw new UsageException("Unknown option: " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("Option " + flag + " needs a value");
        }
        value = args[++i];
      }
      if (flag.equals("--config")) {
        configFile = Optional.of(Path.of(value));
      } else {
        overrides.put(FLAG_KEYS.get(flag), value);
      }
    }
    return new CommandLine(overrides, configFile);
  }
}
