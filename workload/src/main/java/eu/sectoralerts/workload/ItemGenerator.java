package eu.sectoralerts.workload;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Generates news items of about 1.5 KB that read like briefing items: sentences built from
 * templates, sector and risk vocabulary, organisations and neutral filler, all written for the
 * benchmark. The same seed gives the same items.
 */
public final class ItemGenerator {

  /** The body length an item grows to before it stops (title not counted). */
  static final int BODY_CHARS = 1400;

  private static final String[] BODIES = {
    "MIIT",
    "NDRC",
    "State Council",
    "Ministry of Transport",
    "National Energy Administration",
    "SAMR",
    "Ministry of Commerce",
    "Cyberspace Administration of China",
    "provincial government"
  };

  private static final String[] COMPANIES = {
    "Siemens",
    "BASF",
    "Volkswagen",
    "Airbus",
    "Nokia",
    "Philips",
    "a local startup",
    "CATL",
    "Huawei",
    "BYD",
    "a state-owned group",
    "Bosch",
    "ASML",
    "a German machinery supplier"
  };

  private static final String[] SECTORS = {
    "new energy vehicles",
    "battery cells",
    "industrial robots",
    "5G base stations",
    "high-speed rail lines",
    "medical devices",
    "wind turbines",
    "integrated circuits",
    "machine tools",
    "cloud services",
    "data centres",
    "rolling stock",
    "civil aviation",
    "port logistics",
    "innovative drugs",
    "steel and cement",
    "big data platforms",
    "free trade zones",
    "smart factories",
    "industrial software",
    "photovoltaic modules",
    "rare earth processing",
    "autonomous driving",
    "telemedicine services",
    "chip equipment",
    "petrochemical plants",
    "satellites",
    "express delivery networks",
    "clinical trials",
    "construction machinery",
    "small and medium enterprises",
    "the digital economy"
  };

  private static final String[] RISKS = {
    "localization targets",
    "state subsidies",
    "export controls",
    "security assessments",
    "technology transfer",
    "new opportunities for foreign suppliers",
    "government procurement",
    "market share gains by local rivals",
    "cross-border data rules",
    "patents and standards",
    "import tax exemptions",
    "supply chain disruptions",
    "antitrust reviews",
    "self-reliance goals",
    "international cooperation",
    "capacity expansion",
    "sanctions"
  };

  private static final String[] TEMPLATES = {
    "The %B published a plan to expand %S and set targets for %R by 2027.",
    "Officials said %S would receive more attention, with %R mentioned several times.",
    "Analysts expect %R to shape %S over the next five years.",
    "%C said it would keep investing in %S despite %R.",
    "Provincial governments are drafting their own measures on %S that also cover %R.",
    "Industry associations asked the %B to clarify how %R will apply to %S.",
    "A pilot programme for %S starts in three cities next spring.",
    "The document links %S with %R and promises annual reviews.",
    "%C reported higher orders for %S in the first quarter."
  };

  private static final String[] FILLER = {
    "The document runs to forty pages and was released after a long consultation.",
    "Several provinces have already published their own versions of the plan.",
    "Details on funding remain vague, and some targets repeat those of earlier years.",
    "Reporters noted that the announcement came during a busy week of meetings.",
    "A spokesperson declined to give a timetable for the next steps.",
    "Observers will watch how local officials interpret the broad wording.",
    "The text also calls for better statistics and regular progress reports.",
    "Earlier drafts had circulated among companies for several months."
  };

  private static final String[] TITLES = {
    "%B issues plan on %S",
    "New rules for %S mention %R",
    "%C expands in %S",
    "Targets for %S raised",
    "%B consults on %R in %S"
  };

  private ItemGenerator() {}

  /** {@code count} items from {@code seed}. */
  public static List<NewsItem> items(int count, long seed) {
    Random random = new Random(seed);
    List<NewsItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder body = new StringBuilder(BODY_CHARS + 200);
      while (body.length() < BODY_CHARS) {
        body.append(sentence(random)).append(' ');
      }
      items.add(
          NewsItem.newBuilder()
              .setId("itm-bench-" + i)
              .setKind(random.nextBoolean() ? ItemKind.POLICY : ItemKind.CORPORATE)
              .setTitle(capitalise(fill(pick(random, TITLES), random)))
              .setBody(body.toString().strip())
              .setEventDate(LocalDate.of(2025, 1, 1).plusDays(i % 365))
              .setPublisher("benchmark")
              .setPublishedAt(Instant.parse("2025-06-01T00:00:00Z"))
              .build());
    }
    return items;
  }

  /**
   * One sentence of general briefing prose: a template filled with sector, risk and organisation
   * words, or (one time in three) neutral filler.
   */
  static String sentence(Random random) {
    String sentence =
        random.nextInt(3) == 0 ? pick(random, FILLER) : fill(pick(random, TEMPLATES), random);
    return capitalise(sentence);
  }

  /** Every word {@link #sentence} may write, in lower case. */
  static Set<String> words() {
    Set<String> words = new HashSet<>();
    for (String[] texts : List.of(BODIES, COMPANIES, SECTORS, RISKS, TEMPLATES, FILLER, TITLES)) {
      for (String text : texts) {
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (!word.isEmpty()) {
            words.add(word);
          }
        }
      }
    }
    return words;
  }

  private static String fill(String template, Random random) {
    return template
        .replace("%B", pick(random, BODIES))
        .replace("%C", pick(random, COMPANIES))
        .replace("%S", pick(random, SECTORS))
        .replace("%R", pick(random, RISKS));
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String capitalise(String sentence) {
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }
}
