package eu.sectoralerts.replay;

import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Test data in our own words: a candidate taxonomy that is the shipped one plus one rail rule for
 * hyperloop projects, items about hyperloops, batteries and other things, and the watchlists of two
 * subscribers.
 */
final class Fixtures {

  static final String CANDIDATE_VERSION = "2026.11-1+hyperloop";
  static final String NEW_RULE = "rail.hyperloop";

  /** Rail watcher: gains alerts when hyperloop items become rail items. */
  static final String RAIL_WATCHER = "rail-watcher";

  /** Battery watcher: nothing changes for it. */
  static final String BATTERY_WATCHER = "battery-watcher";

  private Fixtures() {}

  /** The shipped taxonomy's text. */
  static String shippedTaxonomy() throws IOException {
    try (InputStream in =
        Taxonomy.class.getClassLoader().getResourceAsStream(Taxonomy.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes the candidate: the shipped taxonomy, another version, and one more rail concept. */
  static Path candidateTaxonomy(Path dir) throws IOException {
    String shipped = shippedTaxonomy();
    String anchor = "    rail:\n";
    if (!shipped.contains(anchor) || !shipped.contains("version: \"2026.11-1\"")) {
      throw new IllegalStateException("the shipped taxonomy no longer has the expected layout");
    }
    String candidate =
        shipped
            .replace("version: \"2026.11-1\"", "version: \"" + CANDIDATE_VERSION + "\"")
            .replace(
                anchor,
                anchor
                    + "      - id: "
                    + NEW_RULE
                    + "\n        weight: 3\n        terms:\n          - hyperloop\n"
                    + "          - hyperloop (line|lines|corridor|corridors|pods|capsules)\n");
    Path file = dir.resolve("candidate-taxonomy.yaml");
    Files.writeString(file, candidate, StandardCharsets.UTF_8);
    return file;
  }

  static NewsItem item(String id, LocalDate eventDate, String title, String body) {
    return NewsItem.newBuilder()
        .setId(id)
        .setKind(ItemKind.CORPORATE)
        .setTitle(title)
        .setBody(body)
        .setEventDate(eventDate)
        .setEventDatePrecision(DatePrecision.DAY)
        .setPublisher("replay-test")
        .setPublishedAt(Instant.parse("2026-01-05T08:00:00Z"))
        .build();
  }

  /** A hyperloop item: rail only under the candidate. */
  static NewsItem hyperloop(String id, LocalDate eventDate) {
    return item(
        id,
        eventDate,
        "Provincial planners approve a hyperloop test corridor",
        "Planners in a coastal province approved a twelve kilometre hyperloop test corridor;"
            + " a state-owned consortium will build the capsules and the low-pressure tube.");
  }

  /** A battery item: the same tags under both taxonomies. */
  static NewsItem battery(String id, LocalDate eventDate) {
    return item(
        id,
        eventDate,
        "Cell maker expands lithium battery output",
        "A domestic cell maker said it will double its lithium-ion battery capacity for electric"
            + " cars next year, adding two gigafactories.");
  }

  /** An item neither subscriber watches. */
  static NewsItem other(String id, LocalDate eventDate) {
    return item(
        id,
        eventDate,
        "Hospital group buys imaging scanners",
        "A private hospital group ordered new imaging scanners and ultrasound devices for its"
            + " clinics.");
  }

  static Watchlist watchlist(
      String id, String subscriber, String name, List<String> sectors, String query) {
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId(subscriber)
        .setName(name)
        .setSectors(sectors)
        .setMinLevel(RiskLevel.NONE)
        .setQuery(query)
        .setCreatedAt(Instant.EPOCH)
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }

  /** Rail watcher: rail items; battery watcher: battery items, and anything saying hyperloop. */
  static List<Watchlist> watchlists() {
    return List.of(
        watchlist("wl-rail", RAIL_WATCHER, "Rail projects", List.of("rail"), null),
        watchlist("wl-batteries", BATTERY_WATCHER, "Battery makers", List.of("batteries"), null),
        watchlist(
            "wl-hyperloop-words", BATTERY_WATCHER, "Hyperloop mentions", List.of(), "hyperloop"));
  }
}
