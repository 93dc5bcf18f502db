package eu.sectoralerts.workload;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.common.TaxonomyIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates tagged items as the tagger would emit them, for matching benchmarks: 0.5 to 4 KB of
 * English text (log-uniform, so most items are short and a few long) mixing the general prose of
 * {@link ItemGenerator} with sentences naming specific things, places, policy instruments,
 * companies and issuing bodies of {@link Vocabulary}; tags from {@link TaxonomyIds} (one to three
 * sectors, none to three risks, levels mostly low), and the companies, European firms and bodies
 * the text names. A few things, places and names are much more frequent than the rest, as in real
 * news. The same seed gives the same items.
 */
public final class TaggedItemGenerator {

  public static final int MIN_CHARS = 500;
  public static final int MAX_CHARS = 4000;

  private static final Instant TAGGED_AT = Instant.parse("2025-06-01T00:00:00Z");

  private static final String[] SENTENCES = {
    "%C plans to build a new plant for %T in %P, according to a company filing.",
    "A draft by the %B on the %I would also cover %T.",
    "Officials in %P offered cheap land and power to makers of %T.",
    "Output of %T in %P rose sharply last year, local statistics show.",
    "%C, a supplier of %T to Chinese customers, said it was studying the %I.",
    "Under the %I, buyers of %T may receive support until 2027.",
    "%C signed a framework agreement on %T with the government of %P.",
    "Customs figures show imports of %T fell after the %I took effect.",
    "Prices of %T have fallen as new capacity in %P comes online.",
    "A research institute in %P presented a prototype of %T.",
    "The %B said the %I would be reviewed before the end of the year.",
    "Foreign makers of %T, including %C, worry about tariffs and export licences.",
    "%C expects its sales of %T in China to grow despite the risk of sanctions.",
    "The %B named %T among the priorities of the %I.",
    "Banks in %P were told to lend more to projects in %T."
  };

  private static final String[] COMPANY_SENTENCES = {
    "%C plans to build a new plant for %T in %P, according to a company filing.",
    "%C, a supplier of %T to Chinese customers, said it was studying the %I.",
    "%C signed a framework agreement on %T with the government of %P.",
    "%C expects its sales of %T in China to grow despite the risk of sanctions."
  };

  private static final String[] BODY_SENTENCES = {
    "A draft by the %B on the %I would also cover %T.",
    "The %B said the %I would be reviewed before the end of the year.",
    "The %B named %T among the priorities of the %I."
  };

  private static final String[] TITLES = {
    "%C to build %T plant in %P",
    "%B publishes draft on the %I",
    "%P backs makers of %T",
    "New %I rules cover %T",
    "Imports of %T fall after %I",
    "%C signs %T deal in %P"
  };

  private TaggedItemGenerator() {}

  /** {@code count} tagged items from {@code seed}. */
  public static List<TaggedItem> items(int count, long seed) {
    Random random = new Random(seed);
    List<TaggedItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(item(i, random));
    }
    return items;
  }

  private static TaggedItem item(int index, Random random) {
    ItemKind kind = random.nextDouble() < 0.55 ? ItemKind.POLICY : ItemKind.CORPORATE;
    List<String> sectors =
        distinct(random, TaxonomyIds.SECTORS, 1 + count(random, 0.5, 0.35, 0.15));
    List<String> risks = distinct(random, TaxonomyIds.RISKS, count(random, 0.25, 0.4, 0.25, 0.1));
    RiskLevel level = level(random);
    List<String> bodies =
        kind == ItemKind.POLICY
            ? distinct(random, Vocabulary.BODIES, 1 + count(random, 0.7, 0.3))
            : distinct(random, Vocabulary.BODIES, count(random, 0.8, 0.2));
    List<String> companies = new ArrayList<>();
    List<String> european = new ArrayList<>();
    int named = count(random, 0.1, 0.35, 0.3, 0.15, 0.1);
    for (int c = 0; c < named; c++) {
      double source = random.nextDouble();
      boolean isEuropean = source >= 0.7;
      String name;
      if (source < 0.55) {
        name = skewed(random, Vocabulary.CHINESE_SUPPLIERS);
      } else if (source < 0.7) {
        name = skewed(random, Vocabulary.CHINESE_FIRMS);
      } else if (source < 0.9) {
        name = skewed(random, Vocabulary.EUROPEAN_FIRMS);
      } else {
        name = skewed(random, Vocabulary.EUROPEAN_SUPPLIERS);
      }
      if (!companies.contains(name)) {
        companies.add(name);
        if (isEuropean) {
          european.add(name);
        }
      }
    }
    Topic topic =
        new Topic(
            distinct(random, Vocabulary.THINGS, 2 + random.nextInt(2)),
            distinct(random, Vocabulary.PLACES, 1 + random.nextInt(2)),
            distinct(random, Vocabulary.INSTRUMENTS, 1 + random.nextInt(2)),
            companies,
            bodies);

    int length =
        (int)
            Math.exp(
                Math.log(MIN_CHARS)
                    + random.nextDouble() * Math.log((double) MAX_CHARS / MIN_CHARS));
    String title = capitalise(topic.fill(titleTemplate(random, topic), random));
    StringBuilder body = new StringBuilder(length + 200);
    // Every company and body named at least once, then specific and general sentences mixed.
    for (String company : companies) {
      body.append(
              capitalise(topic.with(company, null).fill(pick(random, COMPANY_SENTENCES), random)))
          .append(' ');
    }
    for (String issuer : bodies) {
      body.append(capitalise(topic.with(null, issuer).fill(pick(random, BODY_SENTENCES), random)))
          .append(' ');
    }
    while (title.length() + body.length() < length) {
      String sentence =
          random.nextDouble() < 0.45
              ? capitalise(topic.fill(pick(random, SENTENCES), random))
              : ItemGenerator.sentence(random);
      body.append(sentence).append(' ');
    }
    NewsItem news =
        NewsItem.newBuilder()
            .setId("itm-match-" + index)
            .setKind(kind)
            .setTitle(title)
            .setBody(body.toString().strip())
            .setEventDate(LocalDate.of(2025, 1, 1).plusDays(index % 365))
            .setIssuingBody(bodies.isEmpty() ? null : bodies.get(0))
            .setCompanies(companies)
            .setPublisher("benchmark")
            .setPublishedAt(TAGGED_AT)
            .build();
    return TaggedItem.newBuilder()
        .setItem(news)
        .setSectors(sectors)
        .setRisks(risks)
        .setLevel(level)
        .setScore(score(random, level))
        .setEuropeanFirms(european)
        .setIssuingBodies(bodies)
        .setCompanies(companies)
        .setTaxonomyVersion("benchmark")
        .setTaggedAt(TAGGED_AT)
        .build();
  }

  private static String titleTemplate(Random random, Topic topic) {
    while (true) {
      String template = pick(random, TITLES);
      if ((!template.contains("%C") || !topic.companies.isEmpty())
          && (!template.contains("%B") || !topic.bodies.isEmpty())) {
        return template;
      }
    }
  }

  /** Mostly NONE and LOW, as the tagger gives. */
  private static RiskLevel level(Random random) {
    double u = random.nextDouble();
    if (u < 0.25) {
      return RiskLevel.NONE;
    } else if (u < 0.60) {
      return RiskLevel.LOW;
    } else if (u < 0.92) {
      return RiskLevel.MEDIUM;
    }
    return RiskLevel.HIGH;
  }

  /** A score within the level's band (taxonomy.md): NONE < 15 <= LOW < 40 <= MEDIUM < 70. */
  private static int score(Random random, RiskLevel level) {
    return switch (level) {
      case NONE -> random.nextInt(15);
      case LOW -> 15 + random.nextInt(25);
      case MEDIUM -> 40 + random.nextInt(30);
      case HIGH -> 70 + random.nextInt(31);
    };
  }

  /** An index drawn with the given probabilities (0, 1, 2, ...). */
  static int count(Random random, double... probabilities) {
    double u = random.nextDouble();
    for (int i = 0; i < probabilities.length; i++) {
      u -= probabilities[i];
      if (u < 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  /** An element of {@code values}, the first ones far more often than the last. */
  static String skewed(Random random, List<String> values) {
    double u = random.nextDouble();
    return values.get((int) (u * u * values.size()));
  }

  /** {@code n} distinct elements drawn with {@link #skewed}, in the order drawn. */
  static List<String> distinct(Random random, List<String> values, int n) {
    Set<String> chosen = new LinkedHashSet<>();
    while (chosen.size() < Math.min(n, values.size())) {
      chosen.add(skewed(random, values));
    }
    return List.copyOf(chosen);
  }

  static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String capitalise(String sentence) {
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }

  /** What one item is about; fills the placeholders of its sentences. */
  private record Topic(
      List<String> things,
      List<String> places,
      List<String> instruments,
      List<String> companies,
      List<String> bodies) {

    /** The same topic, always naming {@code company} or {@code body} when given. */
    Topic with(String company, String body) {
      return new Topic(
          things,
          places,
          instruments,
          company == null ? companies : List.of(company),
          body == null ? bodies : List.of(body));
    }

    String fill(String template, Random random) {
      return template
          .replace("%T", any(random, things, "industrial equipment"))
          .replace("%P", any(random, places, "the provinces"))
          .replace("%I", any(random, instruments, "new measures"))
          .replace("%C", any(random, companies, "a local manufacturer"))
          .replace("%B", any(random, bodies, "State Council"));
    }

    private static String any(Random random, List<String> values, String otherwise) {
      return values.isEmpty() ? otherwise : values.get(random.nextInt(values.size()));
    }
  }
}
