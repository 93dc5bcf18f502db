package eu.sectoralerts.workload;

import static eu.sectoralerts.workload.TaggedItemGenerator.count;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.TaxonomyIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates subscribers' watchlists with a realistic mix of criteria, over the vocabulary of {@link
 * TaggedItemGenerator}'s items:
 *
 * <ul>
 *   <li>40% structured: one or two sectors, one risk kind, a minimum level of MEDIUM (a quarter) or
 *       HIGH, mostly one item kind;
 *   <li>30% keyword queries: a product and a place ({@code "heat pumps" AND Hefei}, a quarter),
 *       alternatives and a policy instrument ({@code (lidar OR perovs*) AND "trade-in programme"},
 *       a fifth), a supplier by name ({@code "Xinrui Materials"}, or {@code Xinrui AND cobalt}, a
 *       third), a product with a sector, a general word with a product ({@code sanction* AND
 *       polysilicon}), and a few products alone, as a word, a phrase, a prefix or in the title;
 *   <li>20% entities: one to three companies (mostly mid-sized suppliers, some large firms, a few
 *       issuing bodies), a quarter of which no item names, often with a sector, a minimum level or
 *       European firms only;
 *   <li>10% broad: a sector with a minimum level of HIGH (some with an item kind too); one in two
 *       hundred a sector alone, since each of those matches one item in ten and more would have
 *       every item match thousands of watchlists.
 * </ul>
 *
 * <p>With this mix a typical item (level NONE or LOW) matches a few tens of 100,000 watchlists, a
 * MEDIUM one about two hundred, a HIGH one (one in twelve) about a thousand. Products, places and
 * instruments are few, so a product watched alone is watched by many: those forms are rare. The
 * same seed gives the same watchlists.
 */
public final class WatchlistGenerator {

  private static final Instant CREATED_AT = Instant.parse("2025-05-01T00:00:00Z");

  private static final Set<String> GENERAL_WORDS = ItemGenerator.words();

  private static final int SUBSCRIBERS = 20_000;

  private WatchlistGenerator() {}

  /** {@code count} watchlists from {@code seed}, with ids unique among them. */
  public static List<Watchlist> watchlists(int count, long seed) {
    Random random = new Random(seed);
    List<Watchlist> watchlists = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Watchlist.Builder watchlist =
          Watchlist.newBuilder()
              .setId("wl-" + new UUID(random.nextLong(), random.nextLong()))
              // About five watchlists per subscriber at 100,000.
              .setSubscriberId("sub-" + random.nextInt(SUBSCRIBERS))
              .setName("watchlist " + i)
              .setCreatedAt(CREATED_AT)
              .setUpdatedAt(CREATED_AT);
      double kind = random.nextDouble();
      if (kind < 0.40) {
        structured(random, watchlist);
      } else if (kind < 0.70) {
        keywords(random, watchlist);
      } else if (kind < 0.90) {
        entities(random, watchlist);
      } else {
        broad(random, watchlist);
      }
      watchlists.add(watchlist.build());
    }
    return watchlists;
  }

  private static void structured(Random random, Watchlist.Builder watchlist) {
    watchlist
        .setSectors(sectors(random))
        .setRisks(List.of(uniform(random, TaxonomyIds.RISKS)))
        .setMinLevel(random.nextDouble() < 0.25 ? RiskLevel.MEDIUM : RiskLevel.HIGH);
    if (random.nextDouble() < 0.8) {
      watchlist.setKinds(List.of(anyKind(random)));
    }
  }

  private static void keywords(Random random, Watchlist.Builder watchlist) {
    String thing = uniform(random, Vocabulary.THINGS);
    String query;
    double form = random.nextDouble();
    if (form < 0.01) {
      query = term(thing);
    } else if (form < 0.02) {
      query = prefix(random, thing);
    } else if (form < 0.03) {
      query = "title:" + term(thing);
    } else if (form < 0.28) {
      query = term(thing) + " AND " + term(uniform(random, Vocabulary.PLACES));
    } else if (form < 0.50) {
      query =
          "("
              + term(thing)
              + " OR "
              + prefix(random, uniform(random, Vocabulary.THINGS))
              + ") AND "
              + term(uniform(random, Vocabulary.INSTRUMENTS));
    } else if (form < 0.54) {
      query = uniform(random, Vocabulary.COMMON_WORDS) + " AND " + term(thing);
    } else if (form < 0.64) {
      query = term(thing);
      watchlist.setSectors(List.of(uniform(random, TaxonomyIds.SECTORS)));
    } else if (form < 0.82) {
      // A supplier by its brand and trade, as the press writes it without the city.
      query = term(brandAndTrade(uniform(random, Vocabulary.CHINESE_SUPPLIERS)));
    } else {
      String supplier = uniform(random, Vocabulary.CHINESE_SUPPLIERS);
      query = brand(supplier) + " AND " + term(thing);
    }
    watchlist.setQuery(query);
  }

  private static void entities(Random random, Watchlist.Builder watchlist) {
    int names = 1 + count(random, 0.7, 0.2, 0.1);
    List<String> entities = new ArrayList<>(names);
    for (int n = 0; n < names; n++) {
      double source = random.nextDouble();
      String name;
      if (source < 0.55) {
        name = uniform(random, Vocabulary.CHINESE_SUPPLIERS);
      } else if (source < 0.67) {
        name = uniform(random, Vocabulary.EUROPEAN_SUPPLIERS);
      } else if (source < 0.71) {
        name = uniform(random, Vocabulary.EUROPEAN_FIRMS);
      } else if (source < 0.74) {
        name = uniform(random, Vocabulary.CHINESE_FIRMS);
      } else if (source < 0.75) {
        name = uniform(random, Vocabulary.BODIES);
      } else {
        name =
            uniform(random, Vocabulary.UNKNOWN_FIRST)
                + " "
                + uniform(random, Vocabulary.UNKNOWN_SECOND);
      }
      // Subscribers type names their own way; matching ignores case and spacing.
      entities.add(random.nextInt(4) == 0 ? name.toUpperCase(Locale.ROOT) : name);
    }
    watchlist.setEntities(entities);
    double extra = random.nextDouble();
    if (extra < 0.4) {
      watchlist.setSectors(sectors(random));
    } else if (extra < 0.6) {
      watchlist.setMinLevel(RiskLevel.MEDIUM);
    } else if (extra < 0.8) {
      watchlist.setEuropeanFirmsOnly(true);
    }
  }

  private static void broad(Random random, Watchlist.Builder watchlist) {
    watchlist.setSectors(List.of(uniform(random, TaxonomyIds.SECTORS)));
    double extra = random.nextDouble();
    if (extra < 0.7) {
      watchlist.setMinLevel(RiskLevel.HIGH);
    } else if (extra < 0.995) {
      watchlist.setKinds(List.of(anyKind(random))).setMinLevel(RiskLevel.HIGH);
    }
  }

  /** One sector (two in three watchlists) or two, any of them equally likely. */
  private static List<String> sectors(Random random) {
    List<String> sectors = new ArrayList<>(2);
    int count = 1 + count(random, 0.7, 0.3);
    while (sectors.size() < count) {
      String sector = uniform(random, TaxonomyIds.SECTORS);
      if (!sectors.contains(sector)) {
        sectors.add(sector);
      }
    }
    return sectors;
  }

  private static ItemKind anyKind(Random random) {
    return random.nextBoolean() ? ItemKind.POLICY : ItemKind.CORPORATE;
  }

  /** A word as is, several words as a phrase. */
  private static String term(String words) {
    return words.contains(" ") || words.contains("-") ? "\"" + words + "\"" : words;
  }

  /**
   * The longest specific word of {@code words} cut after five or more letters, with {@code *}
   * appended, so that it starts no word of the general prose all items share; the words as a term
   * when there is no such cut.
   */
  private static String prefix(Random random, String words) {
    String word = "";
    for (String part : words.toLowerCase(Locale.ROOT).split("[ -]")) {
      String letters = part.replace("'", "");
      if (letters.length() > word.length() && !Vocabulary.GENERIC.contains(letters)) {
        word = letters;
      }
    }
    for (int length = 5 + random.nextInt(3); length < word.length(); length++) {
      String prefix = word.substring(0, length);
      if (GENERAL_WORDS.stream().noneMatch(w -> w.startsWith(prefix))) {
        return prefix + "*";
      }
    }
    return term(words);
  }

  /** "Xinrui Materials" of "Hefei Xinrui Materials": the name without the city. */
  private static String brandAndTrade(String supplier) {
    for (String place : Vocabulary.PLACES) {
      if (supplier.startsWith(place + " ")) {
        return supplier.substring(place.length() + 1);
      }
    }
    return supplier;
  }

  /** "Xinrui" of "Hefei Xinrui Materials": the word that is the company's own. */
  private static String brand(String supplier) {
    return brandAndTrade(supplier).split(" ")[0];
  }

  private static String uniform(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
