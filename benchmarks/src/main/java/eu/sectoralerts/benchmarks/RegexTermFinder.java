package eu.sectoralerts.benchmarks;

import eu.sectoralerts.enrich.tagging.TermFinder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naive baseline: one {@link Pattern} per keyword of the taxonomy, each run over the whole
 * text, one after the other. It reads the same normalised text as the compiled matcher and reports
 * the same occurrences, so both taggers give the same tags and only the matching differs. The
 * patterns are literal, which Java scans with Boyer-Moore: this is as fast as one regular
 * expression per term gets.
 */
public final class RegexTermFinder implements TermFinder {

  private final Pattern[] patterns;

  private RegexTermFinder(Pattern[] patterns) {
    this.patterns = patterns;
  }

  /** One pattern per keyword. */
  public static RegexTermFinder compile(List<String> keywords) {
    Pattern[] patterns = new Pattern[keywords.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = Pattern.compile(Pattern.quote(keywords.get(i)));
    }
    return new RegexTermFinder(patterns);
  }

  @Override
  public void find(String normalizedText, Sink sink) {
    for (int k = 0; k < patterns.length; k++) {
      Matcher matcher = patterns[k].matcher(normalizedText);
      int from = 0;
      // find(from) restarts after each start, so overlapping occurrences are found too
      while (from < normalizedText.length() && matcher.find(from)) {
        sink.found(k, matcher.start());
        from = matcher.start() + 1;
      }
    }
  }
}
