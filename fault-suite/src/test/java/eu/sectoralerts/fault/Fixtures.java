package eu.sectoralerts.fault;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookTarget;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.webhooks.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Items, watchlists and subscribers built so that who matches what follows from their numbers: item
 * {@code n} names the code words {@code WORDS[n % 6]} and {@code WORDS[(n / 6) % 6]}, and watchlist
 * {@code k} looks for {@code WORDS[k]}. Every item also names sectors the tagger knows, so it is
 * tagged.
 */
public final class Fixtures {

  /** Made-up code words no taxonomy term contains. */
  public static final List<String> WORDS =
      List.of("falcon", "harbor", "meadow", "quartz", "tundra", "violet");

  private static final Instant PUBLISHED_AT = Instant.parse("2026-03-02T08:00:00Z");

  private Fixtures() {}

  /** Item number {@code n} of a case. */
  public static NewsItem item(String prefix, int n) {
    String first = WORDS.get(n % WORDS.size());
    String second = WORDS.get((n / WORDS.size()) % WORDS.size());
    return NewsItem.newBuilder()
        .setId(String.format(Locale.ROOT, "itm-%s-%06d", prefix, n))
        .setKind(n % 2 == 0 ? ItemKind.POLICY : ItemKind.CORPORATE)
        .setTitle("Provincial notice " + n + " on semiconductors and " + first)
        .setBody(
            "The notice number "
                + n
                + " sets targets for semiconductors and lithium-ion batteries in the province."
                + " Code words: "
                + first
                + " and "
                + second
                + ".")
        .setPublisher("fault-suite")
        .setPublishedAt(PUBLISHED_AT.plusSeconds(n))
        .build();
  }

  /** A watchlist looking for {@code query} only, with an optional webhook. */
  public static Watchlist watchlist(
      String id, String subscriberId, String query, String webhookUrl, SecureRandom random) {
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId(subscriberId)
        .setName("Watchlist " + id)
        .setQuery(query)
        .setWebhook(
            webhookUrl == null
                ? null
                : new WebhookTarget(webhookUrl, WebhookSecrets.newSecret(random)))
        .setCreatedAt(PUBLISHED_AT)
        .setUpdatedAt(PUBLISHED_AT)
        .build();
  }

  /** A subscriber whose API key is {@code key}. */
  public static Subscriber subscriber(String id, String key) {
    return new Subscriber(
        id, "Subscriber " + id, KeyDigests.digestOf(key), PUBLISHED_AT, PUBLISHED_AT);
  }

  /** Avro bytes in the registry's wire format. */
  public static <T extends org.apache.avro.specific.SpecificRecord> byte[] bytes(
      SchemaRegistryClient registry, Class<T> type, String topic, T value) {
    return AvroSerde.forValues(registry, type).serialize(topic, value);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
