package eu.sectoralerts.registry;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Chooses a {@link SchemaRegistryClient} from a URL: {@code http(s)://host:port[/path]} talks to a
 * registry over Confluent's REST API, {@code mock://scope} uses an in-memory registry shared by
 * every client created for the same scope in this JVM (so a serializer and a deserializer built
 * separately agree on ids, as with Confluent's own {@code mock://} URLs).
 */
public final class SchemaRegistryClients {

  // Test-only shared state, scoped by name: the same contract as Confluent's mock:// registries.
  private static final ConcurrentMap<String, InMemorySchemaRegistryClient> MOCK_SCOPES =
      new ConcurrentHashMap<>();

  private SchemaRegistryClients() {}

  public static SchemaRegistryClient forUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("schema registry URL must be set");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("mock://")) {
      return MOCK_SCOPES.computeIfAbsent(
          trimmed.substring("mock://".length()), s -> new InMemorySchemaRegistryClient());
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schema registry URL is not a URL: " + trimmed, e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "schema registry URL must start with http://, https:// or mock://, got: " + trimmed);
    }
    return new HttpSchemaRegistryClient(uri);
  }

  /** Forgets a {@code mock://} scope, so a test starts from an empty registry. */
  public static void dropMockScope(String scope) {
    MOCK_SCOPES.remove(scope);
  }
}
