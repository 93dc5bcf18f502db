package eu.sectoralerts.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Layered configuration lookup that every service's config loader is built on. A key is looked up,
 * in order, in explicit overrides (command-line flags), the environment (key {@code
 * kafka.bootstrap.servers} is read from {@code KAFKA_BOOTSTRAP_SERVERS}), then a properties file;
 * the caller supplies the default last. Values are immutable once loaded.
 */
public final class ConfigSource {

  private final Map<String, String> overrides;
  private final Map<String, String> environment;
  private final Map<String, String> file;
  private final String fileName;

  private ConfigSource(
      Map<String, String> overrides,
      Map<String, String> environment,
      Map<String, String> file,
      String fileName) {
    this.overrides = Map.copyOf(overrides);
    this.environment = Map.copyOf(environment);
    this.file = Map.copyOf(file);
    this.fileName = fileName;
  }

  /**
   * A source over the given layers.
   *
   * @param overrides highest priority, e.g. parsed command-line flags, keyed like the file
   * @param environment the process environment (pass {@code System.getenv()})
   * @param propertiesFile an optional properties file; a missing file given explicitly is an error
   */
  public static ConfigSource of(
      Map<String, String> overrides,
      Map<String, String> environment,
      Optional<Path> propertiesFile) {
    Map<String, String> fromFile = new HashMap<>();
    String name = null;
    if (propertiesFile.isPresent()) {
      Path path = propertiesFile.get();
      name = path.toString();
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigException("Cannot read config file " + path + ": " + e.getMessage());
      }
      properties.stringPropertyNames().forEach(k -> fromFile.put(k, properties.getProperty(k)));
    }
    return new ConfigSource(overrides, environment, fromFile, name);
  }

  /** A source with only explicit values, for tests and embedding. */
  public static ConfigSource ofMap(Map<String, String> values) {
    return new ConfigSource(values, Map.of(), Map.of(), null);
  }

  /** The environment variable that a key is read from: upper case, dots and dashes as '_'. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The raw value of a key, from the first layer that has it. */
  public Optional<String> get(String key) {
    String value = overrides.get(key);
    if (value == null) {
      value = environment.get(envName(key));
    }
    if (value == null) {
      value = file.get(key);
    }
    return Optional.ofNullable(value).map(String::trim);
  }

  public String getString(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    return get(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(defaultValue);
  }

  public long getLong(String key, long defaultValue) {
    return get(key).map(v -> parse(key, v, Long::parseLong, "an integer")).orElse(defaultValue);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    return get(key)
        .map(
            v ->
                parse(
                    key,
                    v,
                    s -> {
                      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(s);
                      }
                      throw new IllegalArgumentException(s);
                    },
                    "true or false"))
        .orElse(defaultValue);
  }

  /** A duration written as ISO-8601 ({@code PT30S}) or as milliseconds ({@code 30000}). */
  public Duration getDuration(String key, Duration defaultValue) {
    return get(key)
        .map(
            v ->
                parse(
                    key,
                    v,
                    s ->
                        s.matches("\\d+")
                            ? Duration.ofMillis(Long.parseLong(s))
                            : Duration.parse(s),
                    "a duration such as PT30S or a number of milliseconds"))
        .orElse(defaultValue);
  }

  /**
   * All keys with the given prefix (prefix removed), from every layer, highest priority winning.
   * The environment gives a prefixed key for each variable named after the prefix ({@link
   * #envName}: {@code STREAMS_} for {@code streams.}), the rest of its name in lower case with
   * {@code _} read as a dot: {@code STREAMS_PRODUCER_LINGER_MS} is {@code producer.linger.ms}. This
   * suits pass-through Kafka settings, whose names are dotted words; a key with {@code _} or {@code
   * -} in it can only come from a flag or the file.
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> result = new HashMap<>();
    file.forEach((k, v) -> putIfPrefixed(result, prefix, k, v));
    String envPrefix = envName(prefix);
    environment.forEach(
        (name, v) -> {
          if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
            String key = name.substring(envPrefix.length()).toLowerCase(Locale.ROOT);
            result.put(key.replace('_', '.'), v);
          }
        });
    overrides.forEach((k, v) -> putIfPrefixed(result, prefix, k, v));
    return Map.copyOf(result);
  }

  private static void putIfPrefixed(Map<String, String> into, String prefix, String k, String v) {
    if (k.startsWith(prefix)) {
      into.put(k.substring(prefix.length()), v);
    }
  }

  private <T> T parse(
      String key, String value, java.util.function.Function<String, T> parser, String expected) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ConfigException(
          "Config "
              + key
              + " (env "
              + envName(key)
              + (fileName == null ? "" : " or " + fileName)
              + ") must be "
              + expected
              + ", got '"
              + value
              + "'");
    }
  }

  /** A configuration value is missing or malformed; the message names the key and the problem. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
