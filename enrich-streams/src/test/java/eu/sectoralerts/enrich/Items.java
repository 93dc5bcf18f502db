package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Test fixtures: news items written for these tests, and a fixed clock. */
public final class Items {

  public static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Items() {}

  /** A policy item with the given text and nothing else declared. */
  public static NewsItem.Builder policy(String id, String title, String body) {
    return NewsItem.newBuilder()
        .setId(id)
        .setKind(ItemKind.POLICY)
        .setTitle(title)
        .setBody(body)
        .setEventDate(LocalDate.of(2024, 4, 30))
        .setPublisher("analyst-test")
        .setPublishedAt(Instant.parse("2024-05-01T10:00:00Z"));
  }

  /** A corporate item with the given text and nothing else declared. */
  public static NewsItem.Builder corporate(String id, String title, String body) {
    return policy(id, title, body).setKind(ItemKind.CORPORATE);
  }
}
