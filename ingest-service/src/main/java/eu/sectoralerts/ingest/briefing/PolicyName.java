package eu.sectoralerts.ingest.briefing;

import java.util.List;

/**
 * The name of an act as a top story's "Policy name:" or "Article:" field gives it: the English
 * name, then the original in parentheses (Chinese, possibly with nested brackets), then a link.
 *
 * @param english the English name, or null when only the original is given
 * @param original the name in its original language, or null
 * @param links the links of the field
 */
record PolicyName(String english, String original, List<Markup.Link> links) {

  static PolicyName parse(String raw) {
    List<Markup.Link> links = Markup.links(raw);
    String withoutLinks = Markup.LINK_GROUP.matcher(raw).replaceAll(" ");
    withoutLinks = Markup.LINK.matcher(withoutLinks).replaceAll(" ");
    String text = Markup.clean(withoutLinks);
    int open = -1;
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '\uFF08') {
        if (depth == 0) {
          open = i;
        }
        depth++;
      } else if ((c == ')' || c == '\uFF09') && depth > 0) {
        depth--;
        if (depth == 0 && Markup.hasCjk(text.substring(open, i))) {
          return new PolicyName(
              orNull(tidy(text.substring(0, open))),
              orNull(tidy(text.substring(open + 1, i))),
              links);
        }
      }
    }
    if (depth > 0 && open >= 0 && Markup.hasCjk(text.substring(open))) {
      // an unclosed parenthesis: the original runs to the end
      return new PolicyName(
          orNull(tidy(text.substring(0, open))), orNull(tidy(text.substring(open + 1))), links);
    }
    if (Markup.hasCjk(text) && !text.matches(".*[A-Za-z]{3,}.*")) {
      return new PolicyName(null, orNull(tidy(text)), links);
    }
    return new PolicyName(orNull(tidy(text)), null, links);
  }

  private static String tidy(String s) {
    return s.replaceAll("\\(\\s*\\)", "")
        .replaceAll("\\s+", " ")
        .strip()
        .replaceAll("[,;:/]+$", "")
        .strip();
  }

  private static String orNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
