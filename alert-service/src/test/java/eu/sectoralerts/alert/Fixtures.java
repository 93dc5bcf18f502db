package eu.sectoralerts.alert;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Test data written for these tests. */
final class Fixtures {

  static final Instant WATCHLIST_CREATED = Instant.parse("2024-02-01T08:00:00Z");

  private Fixtures() {}

  static TaggedItem taggedItem(
      String id, ItemKind kind, List<String> sectors, List<String> risks, RiskLevel level) {
    NewsItem item =
        new NewsItem(
            id,
            kind,
            "Ministry sets targets for intercity rolling stock renewal (" + id + ")",
            "A ministry notice asks operators to renew ageing trains with domestic suppliers.",
            LocalDate.of(2024, 1, 15),
            DatePrecision.DAY,
            "policy",
            kind == ItemKind.POLICY ? "MOT" : null,
            null,
            null,
            List.of(),
            List.of(new SourceRef("test-fixture", null)),
            "fixture-analyst",
            Instant.parse("2024-01-16T09:00:00Z"));
    int score =
        switch (level) {
          case NONE -> 5;
          case LOW -> 25;
          case MEDIUM -> 55;
          case HIGH -> 80;
        };
    return new TaggedItem(
        item,
        sectors,
        risks,
        level,
        score,
        List.of("Siemens"),
        kind == ItemKind.POLICY ? List.of("MOT") : List.of(),
        List.of("Siemens"),
        List.of(),
        "test-1",
        Instant.parse("2024-01-16T09:00:01Z"));
  }

  static Watchlist watchlist(
      String id,
      String subscriberId,
      List<String> sectors,
      List<String> risks,
      RiskLevel minLevel,
      List<ItemKind> kinds) {
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId(subscriberId)
        .setName("Watchlist " + id)
        .setSectors(sectors)
        .setRisks(risks)
        .setMinLevel(minLevel)
        .setKinds(kinds)
        .setCreatedAt(WATCHLIST_CREATED)
        .setUpdatedAt(WATCHLIST_CREATED)
        .build();
  }
}
