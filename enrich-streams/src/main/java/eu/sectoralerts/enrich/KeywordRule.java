package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.TextMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rule of {@link KeywordTagger}: a set of phrases compiled into a single regular expression
 * that matches whole words only. In a phrase, spaces and hyphens match any run of spaces or hyphens
 * ("high-speed rail" also finds "high speed rail"), an apostrophe matches ' or ’, and a trailing
 * {@code *} lets the last word continue ("railway*" finds "railways"). Where phrases overlap, the
 * longest wins.
 */
final class KeywordRule {

  private static final String WORD_CHAR = "[\\p{L}\\p{N}]";

  private final String id;
  private final String target;
  private final List<String> phrases;
  private final Pattern pattern;

  /**
   * @param id rule id, reported in the evidence
   * @param target what the rule detects: a sector or risk id, a firm's or body's canonical name
   * @param phrases the phrases, at least one
   * @param caseSensitive whether letter case must match (true for names and acronyms)
   */
  KeywordRule(String id, String target, List<String> phrases, boolean caseSensitive) {
    this.id = Objects.requireNonNull(id, "id");
    this.target = Objects.requireNonNull(target, "target");
    this.phrases = List.copyOf(phrases);
    if (this.phrases.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no phrases");
    }
    for (String phrase : this.phrases) {
      if (!hasWordChar(phrase)) {
        throw new IllegalArgumentException(
            "rule " + id + ": phrase '" + phrase + "' has no letter or digit");
      }
    }
    String alternatives =
        this.phrases.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(KeywordRule::toRegex)
            .collect(Collectors.joining("|"));
    int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    this.pattern =
        Pattern.compile(
            "(?<!" + WORD_CHAR + ")(?:" + alternatives + ")(?!" + WORD_CHAR + ")", flags);
  }

  String id() {
    return id;
  }

  String target() {
    return target;
  }

  List<String> phrases() {
    return phrases;
  }

  /** Every match in {@code text}, in order; offsets are {@code String} (UTF-16) indices. */
  List<TextMatch> find(String field, String text) {
    List<TextMatch> matches = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      matches.add(new TextMatch(field, m.start(), m.end(), m.group()));
    }
    return matches;
  }

  /** Every match in the title, then every match in the body. */
  List<TextMatch> findIn(KeywordTagger.Text text) {
    List<TextMatch> matches = new ArrayList<>(find(KeywordTagger.FIELD_TITLE, text.title()));
    matches.addAll(find(KeywordTagger.FIELD_BODY, text.body()));
    return matches;
  }

  /** Whether a phrase can be matched: it must contain a letter or a digit. */
  static boolean hasWordChar(String phrase) {
    return phrase.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  /** Whether the rule matches anywhere in {@code text}. */
  boolean matchesIn(String text) {
    return pattern.matcher(text).find();
  }

  private static String toRegex(String phrase) {
    boolean open = phrase.endsWith("*");
    String words = open ? phrase.substring(0, phrase.length() - 1) : phrase;
    StringBuilder regex = new StringBuilder();
    String[] tokens = words.trim().split("[\\s\\-]+");
    for (int i = 0; i < tokens.length; i++) {
      if (i > 0) {
        regex.append("[\\s\\-]+");
      }
      String[] parts = tokens[i].split("'", -1);
      for (int j = 0; j < parts.length; j++) {
        if (j > 0) {
          regex.append("['’]");
        }
        if (!parts[j].isEmpty()) {
          regex.append(Pattern.quote(parts[j]));
        }
      }
    }
    if (open) {
      regex.append(WORD_CHAR).append('*');
    }
    return regex.toString();
  }
}
