package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.TaxonomyIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Random items and watchlists over a small shared vocabulary, so that they often meet: words in
 * several forms (plural, capitalised, possessive), names written in several ways, and queries using
 * every construct of the syntax. The same seed gives the same fixtures.
 */
final class RandomFixtures {

  private static final List<String> WORDS =
      List.of(
          "gallium",
          "lithium",
          "graphite",
          "export",
          "licence",
          "subsidy",
          "tariff",
          "sanction",
          "depot",
          "wafer",
          "foundry",
          "battery",
          "cathode",
          "anode",
          "turbine",
          "offshore",
          "grid",
          "hydrogen",
          "electrolyser",
          "drone",
          "satellite",
          "vaccine",
          "biosimilar",
          "procurement",
          "tender",
          "customs",
          "quota",
          "antitrust",
          "merger",
          "venture",
          "patent",
          "standard",
          "robot",
          "reducer",
          "sensor",
          "lidar",
          "charging",
          "station",
          "crane",
          "shipping",
          "freight",
          "Shenzhen",
          "Hefei",
          "Wuhan",
          "ministry",
          "provincial",
          "pilot",
          "zone",
          "data",
          "security",
          "review",
          "cloud",
          "chip",
          "memory",
          "packaging",
          "solar",
          "module",
          "polysilicon",
          "steel",
          "aluminium",
          "copper",
          "nickel",
          "cobalt",
          "magnet",
          "rare",
          "earth",
          "price",
          "capacity",
          "output",
          "plant",
          "factory",
          "investment",
          "loan",
          "bond",
          "fund",
          "transmission",
          "semiconductor",
          "export-control");

  private static final List<String> FILLER =
      List.of("the", "a", "of", "and", "in", "for", "with", "on", "new", "said", "will", "to");

  private static final List<String> NAMES =
      List.of(
          "Siemens",
          "BASF",
          "Bosch",
          "Infineon",
          "NXP",
          "ASML",
          "Airbus",
          "Alstom",
          "Knorr-Bremse",
          "Volvo Cars",
          "CATL",
          "BYD",
          "Huawei",
          "CRRC",
          "SMIC",
          "Sany",
          "Goldwind",
          "LONGi",
          "MIIT",
          "MOFCOM",
          "NDRC",
          "State Council",
          "SAMR",
          "CAC");

  private static final List<String> EUROPEAN =
      List.of(
          "Siemens",
          "BASF",
          "Bosch",
          "Infineon",
          "NXP",
          "ASML",
          "Airbus",
          "Alstom",
          "Knorr-Bremse",
          "Volvo Cars");

  private RandomFixtures() {}

  static List<TaggedItem> items(int count, long seed) {
    Random random = new Random(seed);
    List<TaggedItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<String> companies = names(random, random.nextInt(4));
      List<String> bodies = random.nextBoolean() ? List.of() : names(random, 1);
      List<String> european = companies.stream().filter(EUROPEAN::contains).toList();
      items.add(
          Fixtures.item("itm-r" + i)
              .kind(random.nextBoolean() ? ItemKind.POLICY : ItemKind.CORPORATE)
              .title(text(random, 4 + random.nextInt(6)))
              .body(text(random, 20 + random.nextInt(300)))
              .sectors(
                  pick(random, TaxonomyIds.SECTORS, 1 + random.nextInt(3)).toArray(String[]::new))
              .risks(pick(random, TaxonomyIds.RISKS, random.nextInt(4)).toArray(String[]::new))
              .level(RiskLevel.values()[random.nextInt(4)])
              .companies(companies.toArray(String[]::new))
              .bodies(bodies.toArray(String[]::new))
              .europeanFirms(european.toArray(String[]::new))
              .build());
    }
    return items;
  }

  /** Valid watchlists, each with a few criteria drawn at random. */
  static List<Watchlist> watchlists(int count, long seed, String idPrefix) {
    Random random = new Random(seed);
    List<Watchlist> watchlists = new ArrayList<>(count);
    while (watchlists.size() < count) {
      Watchlist.Builder watchlist =
          Fixtures.watchlist(idPrefix + watchlists.size())
              .setSubscriberId("sub-" + random.nextInt(50));
      if (random.nextInt(3) == 0) {
        watchlist.setSectors(pick(random, TaxonomyIds.SECTORS, 1 + random.nextInt(3)));
      }
      if (random.nextInt(4) == 0) {
        watchlist.setRisks(pick(random, TaxonomyIds.RISKS, 1 + random.nextInt(2)));
      }
      if (random.nextInt(4) == 0) {
        watchlist.setMinLevel(RiskLevel.values()[random.nextInt(4)]);
      }
      if (random.nextInt(5) == 0) {
        watchlist.setKinds(
            random.nextBoolean()
                ? List.of(ItemKind.values()[random.nextInt(2)])
                : List.of(ItemKind.POLICY, ItemKind.CORPORATE));
      }
      if (random.nextInt(4) == 0) {
        List<String> entities = new ArrayList<>();
        for (String name : names(random, 1 + random.nextInt(3))) {
          entities.add(variant(random, name));
        }
        if (random.nextInt(4) == 0) {
          entities.add("Unheard Of Holdings");
        }
        watchlist.setEntities(entities);
      }
      if (random.nextInt(8) == 0) {
        watchlist.setEuropeanFirmsOnly(true);
      }
      if (random.nextInt(2) == 0) {
        String query = query(random);
        if (KeywordQueries.problem(query).isPresent()) {
          continue;
        }
        watchlist.setQuery(query);
      }
      watchlists.add(watchlist.build());
    }
    return watchlists;
  }

  /** A query using the syntax's constructs, over the vocabulary. */
  static String query(Random random) {
    String a = term(random);
    String b = term(random);
    return switch (random.nextInt(8)) {
      case 0, 1 -> a;
      case 2 -> a + " AND " + b;
      case 3 -> a + " OR " + b;
      case 4 -> "(" + a + " OR " + b + ") AND " + term(random);
      case 5 -> a + " -" + b;
      case 6 -> a + " " + b;
      default -> "title:(" + a + " OR " + b + ")";
    };
  }

  private static String term(Random random) {
    String word = word(random).toLowerCase(Locale.ROOT);
    return switch (random.nextInt(10)) {
      case 0 -> word.substring(0, Math.min(word.length(), 2 + random.nextInt(6))) + "*";
      case 1 -> "\"" + word + " " + word(random) + "\"";
      case 2 -> word.length() > 3 ? word.substring(0, 2) + "?" + word.substring(3) : word;
      case 3 -> word + "~1";
      case 4 -> "body:" + word;
      case 5 -> word + "s";
      default -> word;
    };
  }

  private static String text(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String word =
          random.nextInt(3) == 0 ? FILLER.get(random.nextInt(FILLER.size())) : word(random);
      switch (random.nextInt(8)) {
        case 0 -> word = word + "s";
        case 1 -> word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        case 2 -> word = word + "'s";
        default -> {}
      }
      text.append(word);
      text.append(random.nextInt(9) == 0 ? ". " : random.nextInt(12) == 0 ? ", " : " ");
    }
    return text.toString().strip();
  }

  private static String word(Random random) {
    return WORDS.get(random.nextInt(WORDS.size()));
  }

  /** A way a subscriber might write {@code name}: another case, other spacing or punctuation. */
  private static String variant(Random random, String name) {
    return switch (random.nextInt(4)) {
      case 0 -> name.toUpperCase(Locale.ROOT);
      case 1 -> " " + name.toLowerCase(Locale.ROOT) + " ";
      case 2 -> name.replace('-', ' ').replace(" ", "  ");
      default -> name;
    };
  }

  private static List<String> names(Random random, int count) {
    return pick(random, NAMES, count);
  }

  private static List<String> pick(Random random, List<String> values, int count) {
    Set<String> picked = new LinkedHashSet<>();
    while (picked.size() < count) {
      picked.add(values.get(random.nextInt(values.size())));
    }
    return List.copyOf(picked);
  }
}
