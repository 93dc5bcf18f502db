package eu.sectoralerts.enrich.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts text into tokens the way the tagger and its taxonomy both see words. A token is a run of
 * letters and digits; an apostrophe between letters stays inside ("China's"). Anything else
 * separates tokens, so "high-speed" is two tokens and "5G" one. A token's normal form is its lower
 * case, without a possessive {@code 's} and other apostrophes, stemmed by {@link Stemmer}.
 *
 * <p>Phrases never run across a barrier: the end of a sentence ({@code . ! ? ;} or a line break; a
 * full stop between digits or before a lower-case word does not end one), a colon, and the end of
 * the title. Brackets are no barrier: "design automation (EDA) software" is one phrase. Stateless
 * and thread-safe.
 */
public final class TextAnalyzer {

  private TextAnalyzer() {}

  /** The normal form of a whole phrase: its tokens' normal forms joined by single spaces. */
  public static String normalize(String phrase) {
    return String.join(" ", normalizedWords(phrase));
  }

  /** The normal forms of the tokens of {@code phrase}, barriers ignored. */
  public static List<String> normalizedWords(String phrase) {
    AnalyzedText text = analyze("", phrase);
    List<String> words = new ArrayList<>(text.size());
    for (int i = 0; i < text.size(); i++) {
      words.add(text.norm(i));
    }
    return words;
  }

  /** The tokens of {@code phrase} as written, barriers ignored. */
  public static List<String> words(String phrase) {
    AnalyzedText text = analyze("", phrase);
    List<String> words = new ArrayList<>(text.size());
    for (int i = 0; i < text.size(); i++) {
      words.add(text.original(i));
    }
    return words;
  }

  /** Cuts title and body into tokens. */
  public static AnalyzedText analyze(String title, String body) {
    Builder b = new Builder(title.length() + body.length());
    b.scan(AnalyzedText.TITLE, title);
    b.scan(AnalyzedText.BODY, body);
    return b.build(title, body);
  }

  private static boolean isWordChar(int cp) {
    if (cp < 0x80) {
      // the common case, without Unicode tables
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }

  private static final class Builder {
    private int size;
    private byte[] field;
    private int[] start;
    private int[] end;
    private String[] norm;
    private int[] sentence;
    private boolean[] barrierBefore;
    private char[] letters = new char[32];
    private int currentSentence;
    private boolean sentenceHasTokens;
    private boolean barrierPending;

    Builder(int chars) {
      int capacity = Math.max(16, chars / 5);
      field = new byte[capacity];
      start = new int[capacity];
      end = new int[capacity];
      norm = new String[capacity];
      sentence = new int[capacity];
      barrierBefore = new boolean[capacity];
    }

    void scan(int fieldNumber, String text) {
      endSentence();
      barrierPending = true;
      int n = text.length();
      int i = 0;
      while (i < n) {
        int cp = text.codePointAt(i);
        if (isWordChar(cp)) {
          int tokenStart = i;
          i += Character.charCount(cp);
          while (i < n) {
            int next = text.codePointAt(i);
            if (isWordChar(next)) {
              i += Character.charCount(next);
            } else if (isApostrophe(text.charAt(i))
                && i + 1 < n
                && Character.isLetter(text.codePointAt(i + 1))) {
              i++;
            } else {
              break;
            }
          }
          add(fieldNumber, tokenStart, i, normalizeToken(text, tokenStart, i));
        } else {
          separator(text, i);
          i += Character.charCount(cp);
        }
      }
    }

    private void separator(String text, int i) {
      char c = text.charAt(i);
      switch (c) {
        case '.' -> {
          if (isFullStop(text, i)) {
            endSentence();
          }
        }
        case '!', '?', ';', '\n', '\r' -> endSentence();
        case ':' -> barrierPending = true;
        default -> {
          // spaces, commas, hyphens, quotes: tokens on either side may form a phrase
        }
      }
    }

    /** A full stop, unless between digits ("2.5") or before a lower-case word ("e.g. the"). */
    private static boolean isFullStop(String text, int i) {
      int n = text.length();
      if (i > 0 && i + 1 < n && Character.isDigit(text.charAt(i - 1))) {
        if (Character.isDigit(text.charAt(i + 1))) {
          return false;
        }
      }
      int j = i + 1;
      if (j < n && !Character.isWhitespace(text.charAt(j))) {
        // "e.g.," and "U.S.-made" go on; a closing quote or bracket may follow a sentence
        return "\"'\u201d\u2019)]".indexOf(text.charAt(j)) >= 0;
      }
      while (j < n && text.charAt(j) == ' ') {
        j++;
      }
      return j >= n || !Character.isLowerCase(text.charAt(j));
    }

    private void endSentence() {
      barrierPending = true;
      if (sentenceHasTokens) {
        currentSentence++;
        sentenceHasTokens = false;
      }
    }

    /**
     * The normal form of {@code text[from, to)}: lower case, without a possessive 's or other
     * apostrophes, stemmed. Built in one reused buffer: this runs for every token.
     */
    private String normalizeToken(String text, int from, int to) {
      if (letters.length < to - from + 1) {
        letters = new char[(to - from) * 2];
      }
      int n = 0;
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (isApostrophe(c)) {
          if (i + 2 == to && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')) {
            break;
          }
          continue;
        }
        letters[n++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c);
      }
      return new String(letters, 0, Stemmer.stemInPlace(letters, n));
    }

    private void add(int fieldNumber, int from, int to, String normal) {
      if (size == start.length) {
        int capacity = size * 2;
        field = Arrays.copyOf(field, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        norm = Arrays.copyOf(norm, capacity);
        sentence = Arrays.copyOf(sentence, capacity);
        barrierBefore = Arrays.copyOf(barrierBefore, capacity);
      }
      field[size] = (byte) fieldNumber;
      start[size] = from;
      end[size] = to;
      norm[size] = normal;
      sentence[size] = currentSentence;
      barrierBefore[size] = barrierPending;
      barrierPending = false;
      sentenceHasTokens = true;
      size++;
    }

    AnalyzedText build(String title, String body) {
      return new AnalyzedText(
          title,
          body,
          size,
          field,
          start,
          end,
          norm,
          sentence,
          barrierBefore,
          sentenceHasTokens ? currentSentence + 1 : currentSentence);
    }
  }
}
