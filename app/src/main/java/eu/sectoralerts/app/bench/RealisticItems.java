package eu.sectoralerts.app.bench;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.enrich.Tagger;
import eu.sectoralerts.workload.TaggedItemGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated items drawn so that the pipeline's own tagger rates them as real items are rated. The
 * generated texts are dense with sector and risk vocabulary: tagged by the shipped taxonomy, about
 * three in four come out MEDIUM and one in six HIGH, where the hand-labelled sample briefings are
 * mostly LOW. Items that risky match several times more watchlists than real ones, so the bench
 * tags many candidates and keeps them in the labelled mix of levels; the same seed gives the same
 * items.
 */
final class RealisticItems {

  /**
   * The mix of levels in the hand-labelled sample briefings (48 items: 9 NONE, 29 LOW, 8 MEDIUM, 2
   * HIGH), the share of each level in the items drawn.
   */
  static final Map<RiskLevel, Double> LEVEL_MIX =
      Map.of(
          RiskLevel.NONE, 9 / 48.0,
          RiskLevel.LOW, 29 / 48.0,
          RiskLevel.MEDIUM, 8 / 48.0,
          RiskLevel.HIGH, 2 / 48.0);

  /** Candidates generated at most; NONE is the rarest level among them (about one in a hundred). */
  static final int MAX_CANDIDATES = 100_000;

  private RealisticItems() {}

  /**
   * {@code count} items in {@link #LEVEL_MIX} as {@code tagger} rates them. Should a level be short
   * after {@link #MAX_CANDIDATES} candidates, the next level up fills its place.
   */
  static List<NewsItem> draw(int count, long seed, Tagger tagger) {
    Map<RiskLevel, List<NewsItem>> byLevel = new EnumMap<>(RiskLevel.class);
    Map<RiskLevel, Integer> wanted = new EnumMap<>(RiskLevel.class);
    int assigned = 0;
    for (RiskLevel level : RiskLevel.values()) {
      byLevel.put(level, new ArrayList<>());
      int n = (int) Math.round(count * LEVEL_MIX.getOrDefault(level, 0.0));
      wanted.put(level, n);
      assigned += n;
    }
    // Rounding: the most common level takes the difference.
    wanted.merge(RiskLevel.LOW, count - assigned, Integer::sum);
    int generated = 0;
    long round = seed;
    while (generated < MAX_CANDIDATES && !full(byLevel, wanted)) {
      for (TaggedItem candidate : TaggedItemGenerator.items(5_000, round++)) {
        NewsItem item = candidate.getItem();
        RiskLevel level = tagger.tag(item).getLevel();
        if (byLevel.get(level).size() < wanted.get(level)) {
          byLevel.get(level).add(item);
        }
      }
      generated += 5_000;
    }
    List<NewsItem> items = new ArrayList<>(count);
    int missing = 0;
    for (RiskLevel level : RiskLevel.values()) {
      items.addAll(byLevel.get(level));
      missing += wanted.get(level) - byLevel.get(level).size();
    }
    // Fill from the lowest levels still available beyond their share (rare: NONE runs short).
    for (int round2 = 0; missing > 0 && round2 < 4; round2++) {
      for (TaggedItem candidate : TaggedItemGenerator.items(5_000, round++)) {
        if (missing == 0) {
          break;
        }
        RiskLevel level = tagger.tag(candidate.getItem()).getLevel();
        if (level.compareTo(RiskLevel.MEDIUM) < 0) {
          items.add(candidate.getItem());
          missing--;
        }
      }
    }
    // Interleave the levels as a feed would, not in blocks: a fixed shuffle.
    Collections.shuffle(items, new Random(seed));
    return items;
  }

  private static boolean full(
      Map<RiskLevel, List<NewsItem>> byLevel, Map<RiskLevel, Integer> wanted) {
    for (Map.Entry<RiskLevel, Integer> e : wanted.entrySet()) {
      if (byLevel.get(e.getKey()).size() < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
