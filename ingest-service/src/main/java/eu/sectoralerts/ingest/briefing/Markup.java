package eu.sectoralerts.ingest.briefing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markup of briefings as analysts receive them (markdown, stray HTML, PDF-export debris) turned
 * into clean text, and the links they carry. Pure functions.
 */
final class Markup {

  /** A link of the document: its text and its target as written (often {@code #}). */
  record Link(String text, String url) {
    /** Whether the target is a real web address rather than a placeholder. */
    boolean isWeb() {
      return url.regionMatches(true, 0, "http://", 0, 7)
          || url.regionMatches(true, 0, "https://", 0, 8);
    }
  }

  private static final String LINK_TEXT = "((?:\\\\.|[^\\]\\\\])*)";
  private static final String LINK_URL = "([^()\\s]*(?:\\([^()\\s]*\\)[^()\\s]*)*)";
  static final Pattern LINK = Pattern.compile("!?\\[" + LINK_TEXT + "\\]\\(" + LINK_URL + "\\)");
  private static final String ONE_LINK = "\\[(?:\\\\.|[^\\]\\\\])*\\]\\([^()\\s]*\\)";

  /** A parenthesised group holding only links: {@code ([A (CN)](#); [B (EN)](http://..))}. */
  static final Pattern LINK_GROUP =
      Pattern.compile("\\(\\s*" + ONE_LINK + "(?:\\s*[;,]\\s*" + ONE_LINK + ")*\\s*\\)");

  private static final Pattern TRAILING_LINK_GROUP =
      Pattern.compile("\\s*" + LINK_GROUP.pattern() + "[\\s.;]*$");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>~\"'])");
  private static final Pattern HTML_BREAK = Pattern.compile("(?i)<br\\s*/?>");
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^<>]*>");
  private static final Pattern AUTOLINK = Pattern.compile("<(https?://[^<>\\s]+)>");
  private static final Pattern LATEX = Pattern.compile("\\$\\\\[A-Za-z]+~?\\$");
  private static final Pattern HEADING_MARK = Pattern.compile("^\\s{0,3}#{1,6}\\s+|\\s+#+\\s*$");
  private static final Pattern UNDERSCORE_EMPHASIS =
      Pattern.compile("(?<![\\p{L}\\p{N}_])_{1,2}([^_\\n]+?)_{1,2}(?![\\p{L}\\p{N}_])");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0\\u2000-\\u200B\\u3000]+");
  private static final char ESCAPED_BASE = '\uE000';

  private Markup() {}

  /**
   * Clean text: markdown headings, emphasis, HTML tags and LaTeX debris removed, links replaced by
   * their text, escapes resolved, runs of spaces collapsed. Line breaks become spaces.
   */
  static String clean(String raw) {
    String s = protectEscapes(raw.replace('\r', ' ').replace('\n', ' '));
    s = HTML_BREAK.matcher(s).replaceAll(" ");
    s = AUTOLINK.matcher(s).replaceAll("$1");
    s = HTML_TAG.matcher(s).replaceAll("");
    s =
        s.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    s = LATEX.matcher(s).replaceAll("");
    s = HEADING_MARK.matcher(s).replaceAll("");
    // Emphasis with asterisks has no meaning left in clean text; a literal one would be escaped.
    s = s.replace("*", "");
    s = UNDERSCORE_EMPHASIS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    s = SPACES.matcher(s).replaceAll(" ").strip();
    return restoreEscapes(s);
  }

  /** Every link of the text, in order, with escapes in the link text resolved. */
  static List<Link> links(String raw) {
    List<Link> links = new ArrayList<>();
    Matcher m = LINK.matcher(raw);
    while (m.find()) {
      links.add(new Link(clean(m.group(1)), m.group(2)));
    }
    return links;
  }

  /**
   * The trailing group of source links of a bullet ({@code ([MIIT notice \(CN\)](#))}), or an empty
   * match result when the text does not end with one.
   */
  static Matcher trailingLinkGroup(String raw) {
    return TRAILING_LINK_GROUP.matcher(raw);
  }

  /** Whether the text holds Chinese, Japanese or Korean characters. */
  static boolean hasCjk(String text) {
    return text.codePoints()
        .anyMatch(
            c -> {
              Character.UnicodeScript script = Character.UnicodeScript.of(c);
              return script == Character.UnicodeScript.HAN
                  || script == Character.UnicodeScript.HIRAGANA
                  || script == Character.UnicodeScript.KATAKANA
                  || script == Character.UnicodeScript.HANGUL;
            });
  }

  private static String protectEscapes(String s) {
    return ESCAPE
        .matcher(s)
        .replaceAll(m -> String.valueOf((char) (ESCAPED_BASE + m.group(1).charAt(0))));
  }

  private static String restoreEscapes(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= ESCAPED_BASE && c < ESCAPED_BASE + 128 ? (char) (c - ESCAPED_BASE) : c);
    }
    return out.toString();
  }
}
