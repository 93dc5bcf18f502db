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
    return analyze(title, body, Vocabulary.EMPTY);
  }

  /**
   * Cuts title and body into tokens and numbers each token's normal form by {@code vocabulary} (see
   * {@link AnalyzedText#word}).
   */
  public static AnalyzedText analyze(String title, String body, Vocabulary vocabulary) {
    Builder b = new Builder(title.length() + body.length(), vocabulary);
    b.scan(AnalyzedText.TITLE, title);
    b.scan(AnalyzedText.BODY, body);
    return b.build(title, body);
  }

  /** Letters and digits of ASCII, looked up rather than tested: this runs for every character. */
  private static final boolean[] ASCII_WORD_CHAR = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_WORD_CHAR[c] =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
  }

  private static boolean isWordChar(int cp) {
    if (cp < 0x80) {
      return ASCII_WORD_CHAR[cp];
    }
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }

  private static final class Builder {
    private final Vocabulary vocabulary;
    private final boolean numbered;
    private int size;
    private byte[] field;
    private int[] start;
    private int[] end;
    private char[] normChars;
    private int normLength;
    private int[] normEnd;
    private int[] word;
    private int[] sentence;
    private boolean[] barrierBefore;
    private char[] chars = new char[0];
    private char[] letters = new char[32];
    private int currentSentence;
    private boolean sentenceHasTokens;
    private boolean barrierPending;

    Builder(int chars, Vocabulary vocabulary) {
      this.vocabulary = vocabulary;
      this.numbered = vocabulary.size() > 0;
      int capacity = Math.max(16, chars / 5);
      field = new byte[capacity];
      start = new int[capacity];
      end = new int[capacity];
      normChars = new char[Math.max(16, chars)];
      normEnd = new int[capacity];
      word = new int[capacity];
      sentence = new int[capacity];
      barrierBefore = new boolean[capacity];
    }

    /**
     * Reads {@code text} from a copy in a reused char array: one bulk copy costs less than a
     * checked {@code String.charAt} per character, and every character is read at least twice.
     */
    void scan(int fieldNumber, String text) {
      endSentence();
      barrierPending = true;
      int n = text.length();
      if (chars.length < n) {
        chars = new char[n];
      }
      char[] t = chars;
      text.getChars(0, n, t, 0);
      int i = 0;
      while (i < n) {
        char c = t[i];
        int cp = c < 0x80 ? c : Character.codePointAt(t, i, n);
        if (isWordChar(cp)) {
          int tokenStart = i;
          i += Character.charCount(cp);
          while (i < n) {
            char d = t[i];
            if (d < 0x80 && ASCII_WORD_CHAR[d]) {
              i++;
              continue;
            }
            int next = d < 0x80 ? d : Character.codePointAt(t, i, n);
            if (isWordChar(next)) {
              i += Character.charCount(next);
            } else if (isApostrophe(d)
                && i + 1 < n
                && Character.isLetter(Character.codePointAt(t, i + 1, n))) {
              i++;
            } else {
              break;
            }
          }
          add(fieldNumber, tokenStart, i);
        } else {
          separator(t, n, i);
          i += Character.charCount(cp);
        }
      }
    }

    private void separator(char[] text, int n, int i) {
      char c = text[i];
      switch (c) {
        case '.' -> {
          if (isFullStop(text, n, i)) {
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
    private static boolean isFullStop(char[] text, int n, int i) {
      if (i > 0 && i + 1 < n && Character.isDigit(text[i - 1])) {
        if (Character.isDigit(text[i + 1])) {
          return false;
        }
      }
      int j = i + 1;
      if (j < n && !Character.isWhitespace(text[j])) {
        // "e.g.," and "U.S.-made" go on; a closing quote or bracket may follow a sentence
        return "\"'\u201d\u2019)]".indexOf(text[j]) >= 0;
      }
      while (j < n && text[j] == ' ') {
        j++;
      }
      return j >= n || !Character.isLowerCase(text[j]);
    }

    private void endSentence() {
      barrierPending = true;
      if (sentenceHasTokens) {
        currentSentence++;
        sentenceHasTokens = false;
      }
    }

    /**
     * The normal form of {@code text[from, to)} into {@link #letters}, its length returned: lower
     * case, without a possessive 's or other apostrophes, stemmed. One reused buffer, no string:
     * this runs for every token.
     */
    private int normalizeToken(char[] text, int from, int to) {
      if (letters.length < to - from + 1) {
        letters = new char[(to - from) * 2];
      }
      int n = 0;
      boolean onlyLetters = true;
      for (int i = from; i < to; i++) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') {
          letters[n++] = c;
          continue;
        }
        if (c >= 'A' && c <= 'Z') {
          letters[n++] = (char) (c + 32);
          continue;
        }
        onlyLetters = false;
        if (isApostrophe(c)) {
          if (i + 2 == to && (text[i + 1] == 's' || text[i + 1] == 'S')) {
            break;
          }
          continue;
        }
        letters[n++] = Character.toLowerCase(c);
      }
      return onlyLetters ? Stemmer.stemLetters(letters, n) : Stemmer.stemInPlace(letters, n);
    }

    private void add(int fieldNumber, int from, int to) {
      if (size == start.length) {
        int capacity = size * 2;
        field = Arrays.copyOf(field, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        normEnd = Arrays.copyOf(normEnd, capacity);
        word = Arrays.copyOf(word, capacity);
        sentence = Arrays.copyOf(sentence, capacity);
        barrierBefore = Arrays.copyOf(barrierBefore, capacity);
      }
      int length = normalizeToken(chars, from, to);
      if (normLength + length > normChars.length) {
        normChars = Arrays.copyOf(normChars, Math.max(normChars.length * 2, normLength + length));
      }
      System.arraycopy(letters, 0, normChars, normLength, length);
      normLength += length;
      field[size] = (byte) fieldNumber;
      start[size] = from;
      end[size] = to;
      normEnd[size] = normLength;
      word[size] = numbered ? vocabulary.idOf(letters, 0, length) : -1;
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
          normChars,
          normEnd,
          vocabulary,
          word,
          sentence,
          barrierBefore,
          sentenceHasTokens ? currentSentence + 1 : currentSentence);
    }
  }
}
