package eu.sectoralerts.enrich.text;

/**
 * A light English stemmer: it folds the inflections of a word (plural, past, gerund) and the {@code
 * -ize/-ization} family, in British or American spelling, onto one stem, so "localize",
 * "localised", "localizing", "localization" and "localisations" all become {@code localiz}, while
 * leaving derivations that change meaning alone ("local", "regulation" and "regulatory" stay
 * apart). It is steps 1 and 5 of Porter's algorithm plus spelling folds ({@code -ise} to {@code
 * -ize}, {@code -our} to {@code -or}, {@code -tre} to {@code -ter}).
 *
 * <p>Stems are not words; they only need to be equal for variants of one word and different for
 * different words. Input must already be lower case; words shorter than three letters and words
 * with anything but ASCII letters (digits, accents, CJK) are returned unchanged. Stateless and
 * thread-safe; it works in place on a copy of the word's letters, since it runs on every token of
 * every item.
 */
public final class Stemmer {

  /**
   * Words that look inflected but are not ("news" is not the plural of "new"). All end in s, which
   * {@link #stemInPlace} relies on to skip the check for other words.
   */
  private static final String[] INVARIANT = {
    "news", "series", "species", "lens", "gas", "bias", "atlas", "chassis", "always"
  };

  private Stemmer() {}

  /** The stem of {@code word}, which must be lower case. */
  public static String stem(String word) {
    int n = word.length();
    char[] b = new char[n + 1];
    word.getChars(0, n, b, 0);
    int k = stemInPlace(b, n);
    if (k == n) {
      boolean same = true;
      for (int i = 0; i < n && same; i++) {
        same = b[i] == word.charAt(i);
      }
      if (same) {
        return word;
      }
    }
    return new String(b, 0, k);
  }

  /**
   * Stems the lower-case word {@code b[0, n)} in place and returns its new length; {@code b} must
   * have room for one more character. Words of fewer than three letters, with anything but ASCII
   * letters, or known not to be inflected stay as they are.
   */
  static int stemInPlace(char[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] < 'a' || b[i] > 'z') {
        return n;
      }
    }
    return stemLetters(b, n);
  }

  /**
   * {@link #stemInPlace} of a word known to hold only the letters a to z: the analyzer learns that
   * while it copies the word, and this runs for every token.
   */
  static int stemLetters(char[] b, int n) {
    if (n < 3) {
      return n;
    }
    if (b[n - 1] == 's') {
      for (String invariant : INVARIANT) {
        if (invariant.length() == n && endsWith(b, n, invariant)) {
          return n;
        }
      }
    }
    int k = step1a(b, n);
    k = foldIse(b, k);
    // the last-letter tests in front of the suffix checks only save time: this runs for every token
    if (b[k - 1] == 'n' && endsWith(b, k, "ization")) {
      k -= 4;
      b[k - 1] = 'e';
    }
    k = step1b(b, k);
    step1c(b, k);
    k = foldBritishEndings(b, k);
    return step5(b, k);
  }

  /** Plurals: -sses to -ss, -ies to -i (-ie for short words), -s dropped except after s, u, i. */
  private static int step1a(char[] b, int k) {
    if (b[k - 1] != 's') {
      return k;
    }
    if (endsWith(b, k, "sses")) {
      return k - 2;
    }
    if (endsWith(b, k, "ies")) {
      return k - (k > 4 ? 2 : 1);
    }
    char before = b[k - 2];
    if (before != 's' && before != 'u' && before != 'i' && k > 3) {
      return k - 1;
    }
    return k;
  }

  /** British -ise spellings to -ize, where something of a word stands before the suffix. */
  private static int foldIse(char[] b, int k) {
    // the suffixes end in different letters, so the last letter tells which one may be there
    String suffix =
        switch (b[k - 1]) {
          case 'n' -> "isation";
          case 'g' -> "ising";
          case 'd' -> "ised";
          case 'e' -> "ise";
          default -> null;
        };
    if (suffix != null && endsWith(b, k, suffix)) {
      int at = k - suffix.length();
      if (measure(b, at) > 0) {
        b[at + 1] = 'z';
      }
    }
    return k;
  }

  /** Past and gerund: -eed to -ee, -ed and -ing dropped, with Porter's repairs of the stem. */
  private static int step1b(char[] b, int k) {
    char tail = b[k - 1];
    if (tail != 'd' && tail != 'g') {
      return k;
    }
    if (endsWith(b, k, "eed")) {
      return measure(b, k - 3) > 0 ? k - 1 : k;
    }
    int cut;
    if (endsWith(b, k, "ed")) {
      cut = k - 2;
    } else if (endsWith(b, k, "ing")) {
      cut = k - 3;
    } else {
      return k;
    }
    if (!containsVowel(b, cut)) {
      return k;
    }
    k = cut;
    if (endsWith(b, k, "at") || endsWith(b, k, "bl") || endsWith(b, k, "iz")) {
      b[k] = 'e';
      return k + 1;
    }
    if (k >= 2 && b[k - 1] == b[k - 2] && isConsonant(b, k - 1)) {
      char last = b[k - 1];
      return last == 'l' || last == 's' || last == 'z' ? k : k - 1;
    }
    if (measure(b, k) == 1 && endsCvc(b, k)) {
      b[k] = 'e';
      return k + 1;
    }
    return k;
  }

  /** A final y after a vowel-bearing stem becomes i, so "battery" meets "batteries". */
  private static void step1c(char[] b, int k) {
    if (b[k - 1] == 'y' && containsVowel(b, k - 1)) {
      b[k - 1] = 'i';
    }
  }

  /** "labour" to "labor", "centre" to "center", "fibre" to "fiber". */
  private static int foldBritishEndings(char[] b, int k) {
    char last = b[k - 1];
    if (last != 'r' && last != 'e') {
      return k;
    }
    if (k >= 6 && endsWith(b, k, "our")) {
      b[k - 2] = 'r';
      return k - 1;
    }
    if (k >= 5 && (endsWith(b, k, "tre") || endsWith(b, k, "bre"))) {
      b[k - 2] = 'e';
      b[k - 1] = 'r';
    }
    return k;
  }

  /** A final e goes where the stem is long enough; a final double l becomes single. */
  private static int step5(char[] b, int k) {
    if (b[k - 1] == 'e') {
      int m = measure(b, k - 1);
      if (m > 1 || (m == 1 && !endsCvc(b, k - 1))) {
        k--;
      }
    }
    if (k >= 2 && b[k - 1] == 'l' && b[k - 2] == 'l' && measure(b, k - 1) > 0) {
      k--;
    }
    return k;
  }

  private static boolean endsWith(char[] b, int k, String suffix) {
    int offset = k - suffix.length();
    if (offset < 0) {
      return false;
    }
    for (int i = 0; i < suffix.length(); i++) {
      if (b[offset + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Porter's consonant: not a vowel, and y only after a vowel (or at the start). */
  private static boolean isConsonant(char[] b, int i) {
    switch (b[i]) {
      case 'a', 'e', 'i', 'o', 'u':
        return false;
      case 'y':
        return i == 0 || !isConsonant(b, i - 1);
      default:
        return true;
    }
  }

  /** Porter's measure m of {@code b[0, end)}: the number of vowel-consonant sequences. */
  static int measure(char[] b, int end) {
    int m = 0;
    int i = 0;
    while (i < end && isConsonant(b, i)) {
      i++;
    }
    while (i < end) {
      while (i < end && !isConsonant(b, i)) {
        i++;
      }
      if (i >= end) {
        break;
      }
      while (i < end && isConsonant(b, i)) {
        i++;
      }
      m++;
    }
    return m;
  }

  private static boolean containsVowel(char[] b, int end) {
    for (int i = 0; i < end; i++) {
      if (!isConsonant(b, i)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code b[0, end)} ends consonant-vowel-consonant, the last not w, x or y. */
  private static boolean endsCvc(char[] b, int end) {
    if (end < 3) {
      return false;
    }
    char last = b[end - 1];
    return isConsonant(b, end - 1)
        && !isConsonant(b, end - 2)
        && isConsonant(b, end - 3)
        && last != 'w'
        && last != 'x'
        && last != 'y';
  }
}
