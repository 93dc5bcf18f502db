package eu.sectoralerts.ingest.briefing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short titles for bullets, which have none: the first clause, bodies spelled out with their
 * abbreviation shortened to it ("The Ministry of Transport (MOT) publishes" becomes "MOT
 * publishes"), asides and original-language names dropped, cut at a word near {@value #MAX}
 * characters.
 */
final class Titles {

  static final int MAX = 100;

  private static final Pattern ASIDE =
      Pattern.compile(
          ",\\s*(?:led by|along with|together with|jointly with|in (?:cooperation|collaboration"
              + "|partnership) with|headed by|backed by|as well as)\\s[^,]{1,100},");
  private static final Pattern SPELLED_OUT =
      Pattern.compile(
          "(?:\\b[Tt]he\\s+)?([\\p{Lu}][\\p{L}'-]*(?:\\s+(?:[\\p{Lu}][\\p{L}'-]*|of|and|for|the|on))*)"
              + "\\s+\\(([\\p{Lu}]{2,8})\\)");
  private static final Pattern CJK_ASIDE =
      Pattern.compile("\\s*[(\\uFF08][^()\\uFF08\\uFF09]*[)\\uFF09]");
  private static final Pattern LEADING_THE = Pattern.compile("^[Tt]he\\s+(?=[\\p{Lu}]{2,}\\b)");
  private static final Pattern WEAK_END =
      Pattern.compile(
          "(?i)(?:\\s+(?:of|the|and|or|for|to|in|a|an|with|by|on|at|from|that|which))+$");

  private Titles() {}

  static String fromFirstClause(String text) {
    String s = text.lines().findFirst().orElse("").strip();
    s = stripCjkAsides(s);
    s = ASIDE.matcher(s).replaceAll("");
    s = shortenBodies(Entities.abbreviate(s));
    String clause = firstClause(s);
    clause = LEADING_THE.matcher(clause).replaceFirst("");
    clause = clause.replaceAll("[\\s.;:,]+$", "");
    if (clause.length() > MAX) {
      int cut = clause.lastIndexOf(' ', MAX);
      clause = clause.substring(0, cut > MAX / 2 ? cut : MAX);
      clause = WEAK_END.matcher(clause.replaceAll("[\\s.;:,(\\-]+$", "")).replaceAll("") + "\u2026";
    }
    if (clause.isEmpty()) {
      return text.strip().isEmpty() ? "(untitled)" : text.strip();
    }
    return Character.toUpperCase(clause.charAt(0)) + clause.substring(1);
  }

  private static String stripCjkAsides(String s) {
    Matcher m = CJK_ASIDE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Markup.hasCjk(m.group()) ? "" : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String shortenBodies(String s) {
    Matcher m = SPELLED_OUT.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String abbreviation = m.group(2);
      boolean matches = name.charAt(0) == abbreviation.charAt(0) && name.contains(" ");
      m.appendReplacement(out, Matcher.quoteReplacement(matches ? abbreviation : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Up to the first top-level ", ", "; ", ": " or dash, extended while it has under 4 words. */
  private static String firstClause(String s) {
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      } else if (depth == 0 && isBreak(s, i)) {
        String clause = s.substring(0, i);
        if (clause.substring(start).isBlank() || clause.split("\\s+").length < 4) {
          start = i;
          continue;
        }
        return clause;
      }
    }
    return s;
  }

  private static boolean isBreak(String s, int i) {
    char c = s.charAt(i);
    boolean spaceAfter = i + 1 < s.length() && s.charAt(i + 1) == ' ';
    if ((c == ',' || c == ';' || c == ':') && spaceAfter) {
      // "e.g.," and "i.e.," introduce examples, not a new clause
      return !s.substring(Math.max(0, i - 4), i).matches(".*(?:e\\.g\\.|i\\.e\\.)$");
    }
    return (c == '\u2013' || c == '\u2014' || c == '-')
        && i > 0
        && s.charAt(i - 1) == ' '
        && spaceAfter;
  }
}
