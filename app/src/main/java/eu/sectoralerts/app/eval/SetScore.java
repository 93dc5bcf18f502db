package eu.sectoralerts.app.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Micro-averaged counts for a set-valued field over many items: true positives (expected and
 * given), false positives (given, not expected) and false negatives (expected, not given). An empty
 * denominator counts as perfect, so a field nobody expected and nobody gave scores 1.
 *
 * @param truePositives values expected and given
 * @param falsePositives values given but not expected
 * @param falseNegatives values expected but not given
 */
public record SetScore(int truePositives, int falsePositives, int falseNegatives) {

  public static final SetScore ZERO = new SetScore(0, 0, 0);

  public SetScore {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** The counts of one item. */
  public static SetScore of(Collection<String> expected, Collection<String> given) {
    Set<String> want = new HashSet<>(expected);
    Set<String> got = new HashSet<>(given);
    int tp = 0;
    for (String value : got) {
      if (want.contains(value)) {
        tp++;
      }
    }
    return new SetScore(tp, got.size() - tp, want.size() - tp);
  }

  /** These counts plus {@code other}'s. */
  public SetScore plus(SetScore other) {
    return new SetScore(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }

  /** tp / (tp + fp); 1 when nothing was given. */
  public double precision() {
    int given = truePositives + falsePositives;
    return given == 0 ? 1 : (double) truePositives / given;
  }

  /** tp / (tp + fn); 1 when nothing was expected. */
  public double recall() {
    int expected = truePositives + falseNegatives;
    return expected == 0 ? 1 : (double) truePositives / expected;
  }

  /** The harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
