package eu.sectoralerts.enrich.taxonomy;

import eu.sectoralerts.enrich.text.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A phrase of the taxonomy as written, with its variants. Words are matched on their normal form
 * (see {@code TextAnalyzer}), so one written form covers its inflections. A group {@code (a|b|c)}
 * stands for any one of its words or phrases, and an empty choice makes it optional: {@code
 * "(foreign|overseas) (cloud|) vendors"} has four variants. Words of two or more capital letters
 * and no lower-case letter (acronyms such as {@code IT} or {@code AI}) only match in capitals.
 *
 * @param text the phrase as written in the file
 * @param variants every phrase it stands for, groups expanded
 * @param line where it is written
 */
public record Term(String text, List<String> variants, int line) {

  /** The most variants one phrase may expand to. */
  public static final int MAX_VARIANTS = 256;

  public Term {
    Objects.requireNonNull(text, "text");
    variants = List.copyOf(variants);
  }

  /**
   * Parses a phrase.
   *
   * @throws IllegalArgumentException saying what is wrong: an unbalanced or nested group, too many
   *     variants, or a variant without any letter or digit
   */
  public static Term parse(String text, int line) {
    List<StringBuilder> variants = new ArrayList<>();
    variants.add(new StringBuilder());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ')' || c == '|') {
        throw new IllegalArgumentException(
            "'" + c + "' outside a group in \"" + text + "\"; write groups as (a|b)");
      }
      if (c != '(') {
        for (StringBuilder v : variants) {
          v.append(c);
        }
        i++;
        continue;
      }
      int close = text.indexOf(')', i);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '(' in \"" + text + "\"");
      }
      String group = text.substring(i + 1, close);
      if (group.indexOf('(') >= 0) {
        throw new IllegalArgumentException("groups cannot be nested in \"" + text + "\"");
      }
      String[] choices = group.split("\\|", -1);
      if (choices.length < 2) {
        throw new IllegalArgumentException(
            "group (" + group + ") in \"" + text + "\" has one choice; separate choices with |");
      }
      if ((long) variants.size() * choices.length > MAX_VARIANTS) {
        throw new IllegalArgumentException(
            "\"" + text + "\" expands to more than " + MAX_VARIANTS + " variants");
      }
      List<StringBuilder> expanded = new ArrayList<>();
      for (StringBuilder v : variants) {
        for (String choice : choices) {
          expanded.add(new StringBuilder(v).append(' ').append(choice.trim()).append(' '));
        }
      }
      variants = expanded;
      i = close + 1;
    }
    List<String> result = new ArrayList<>();
    for (StringBuilder v : variants) {
      String variant = v.toString().trim().replaceAll("\\s+", " ");
      if (TextAnalyzer.words(variant).isEmpty()) {
        throw new IllegalArgumentException(
            "\"" + text + "\" has a variant without any letter or digit");
      }
      if (!result.contains(variant)) {
        result.add(variant);
      }
    }
    return new Term(text, result, line);
  }

  /** Whether a word as written only matches in capitals (an acronym such as "IT" or "AI"). */
  public static boolean isAcronym(String word) {
    int letters = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      if (Character.isLetter(c)) {
        letters++;
      }
    }
    return letters >= 2;
  }
}
