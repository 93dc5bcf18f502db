package eu.sectoralerts.common;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command line of a service run alone: {@code --flag value} or {@code --flag=value} for each
 * flag the service maps to a config key, {@code --config FILE} for a properties file, and {@code
 * --help} (or {@code -h}). Anything else, a flag without a value, a blank value, or a flag where a
 * value should be ({@code --config --state-dir x}) is a {@link UsageException}. A flag given twice
 * keeps its last value.
 *
 * @param overrides config keys set by flags, for {@link ConfigSource#of}
 * @param configFile the {@code --config} file, if given
 * @param help whether usage was asked for (then nothing else was parsed)
 */
public record ServiceCommandLine(
    Map<String, String> overrides, Optional<Path> configFile, boolean help) {

  /** Names the properties file; every service has it. */
  public static final String CONFIG_FLAG = "--config";

  public static final String HELP_FLAG = "--help";
  public static final String SHORT_HELP_FLAG = "-h";

  public ServiceCommandLine {
    overrides = Map.copyOf(overrides);
    Objects.requireNonNull(configFile, "configFile");
  }

  private static ServiceCommandLine helpRequested() {
    return new ServiceCommandLine(Map.of(), Optional.empty(), true);
  }

  /**
   * Parses {@code args} from left to right; {@code --help} ends parsing where it stands.
   *
   * @param flagToConfigKey the service's flags ({@code --port}) and the config key each sets
   *     ({@code http.port}); {@code --config} and the help flags are always understood
   * @throws UsageException naming the argument that cannot be understood
   * @throws IllegalArgumentException when {@code flagToConfigKey} itself is malformed
   */
  public static ServiceCommandLine parse(String[] args, Map<String, String> flagToConfigKey) {
    Objects.requireNonNull(args, "args");
    requireValidFlags(flagToConfigKey);
    Map<String, String> overrides = new HashMap<>();
    Optional<Path> configFile = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (isHelp(arg)) {
        return helpRequested();
      }
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!flag.equals(CONFIG_FLAG) && !flagToConfigKey.containsKey(flag)) {
        throw new UsageException("Unknown option: " + arg);
      }
      if (value == null) {
        // A missing value must not swallow the next flag: "--config --port 1" is a mistake.
        if (i + 1 >= args.length || looksLikeFlag(args[i + 1])) {
          throw new UsageException("Option " + flag + " needs a value");
        }
        value = args[++i];
      }
      if (value.isBlank()) {
        throw new UsageException("Option " + flag + " needs a value");
      }
      if (flag.equals(CONFIG_FLAG)) {
        configFile = Optional.of(Path.of(value));
      } else {
        overrides.put(flagToConfigKey.get(flag), value);
      }
    }
    return new ServiceCommandLine(overrides, configFile, false);
  }

  /**
   * The usage text: one line per flag (sorted) with the config key it sets, then {@code --config}
   * and {@code --help}.
   */
  public static String usage(String command, Map<String, String> flagToConfigKey) {
    Objects.requireNonNull(command, "command");
    requireValidFlags(flagToConfigKey);
    Map<String, String> sorted = new TreeMap<>(flagToConfigKey);
    String configColumn = CONFIG_FLAG + " FILE";
    int width = configColumn.length();
    for (String flag : sorted.keySet()) {
      width = Math.max(width, flag.length());
    }
    StringBuilder text = new StringBuilder();
    text.append("Usage: ")
        .append(command)
        .append(" [--option value | --option=value]... [--config FILE]\n");
    text.append(
        "Options set the config key shown; they win over environment, file and defaults.\n");
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      line(text, width, entry.getKey(), entry.getValue());
    }
    line(text, width, configColumn, "read config keys from a properties file");
    line(text, width, SHORT_HELP_FLAG + ", " + HELP_FLAG, "print this help and exit");
    return text.toString().stripTrailing();
  }

  private static void line(StringBuilder text, int width, String left, String right) {
    text.append("  ").append(left);
    text.append(" ".repeat(Math.max(0, width - left.length()) + 2));
    text.append(right).append('\n');
  }

  private static boolean isHelp(String arg) {
    return arg.equals(HELP_FLAG) || arg.equals(SHORT_HELP_FLAG);
  }

  private static boolean looksLikeFlag(String arg) {
    return arg.startsWith("--") || isHelp(arg);
  }

  private static void requireValidFlags(Map<String, String> flagToConfigKey) {
    Objects.requireNonNull(flagToConfigKey, "flagToConfigKey");
    flagToConfigKey.forEach(
        (flag, key) -> {
          if (!flag.startsWith("--") || flag.length() < 3 || flag.contains("=")) {
            throw new IllegalArgumentException("Not a flag: " + flag);
          }
          if (flag.equals(CONFIG_FLAG) || flag.equals(HELP_FLAG)) {
            throw new IllegalArgumentException(flag + " is reserved");
          }
          if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Flag " + flag + " has no config key");
          }
        });
  }

  /** A command line that cannot be understood; the message says what is wrong. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
