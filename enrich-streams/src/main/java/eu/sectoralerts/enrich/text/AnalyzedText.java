package eu.sectoralerts.enrich.text;

import java.util.Objects;

/**
 * An item's title and body cut into word tokens (see {@link TextAnalyzer}). Each token keeps its
 * field, its exact {@code [start, end)} offsets in that field's original text, its normal form, its
 * sentence, the number of its normal form in a {@link Vocabulary}, and whether a phrase barrier
 * (end of a sentence, a colon, the end of the title) stands before it: a phrase only ever matches
 * consecutive tokens with no barrier between them.
 */
public final class AnalyzedText {

  /** Field number of the title. */
  public static final int TITLE = 0;

  /** Field number of the body. */
  public static final int BODY = 1;

  private final String title;
  private final String body;
  private final int size;
  private final byte[] field;
  private final int[] start;
  private final int[] end;

  /**
   * Every token's normal form, one after another: token i's is {@code [normEnd[i - 1],
   * normEnd[i])}.
   */
  private final char[] normChars;

  private final int[] normEnd;

  /**
   * The normal forms as strings, made when first asked for: the tagger itself reads only {@link
   * #word}, so most items never need one.
   */
  private final String[] norm;

  private final Vocabulary vocabulary;
  private final int[] word;
  private final int[] sentence;
  private final boolean[] barrierBefore;
  private final int sentences;

  AnalyzedText(
      String title,
      String body,
      int size,
      byte[] field,
      int[] start,
      int[] end,
      char[] normChars,
      int[] normEnd,
      Vocabulary vocabulary,
      int[] word,
      int[] sentence,
      boolean[] barrierBefore,
      int sentences) {
    this.title = Objects.requireNonNull(title, "title");
    this.body = Objects.requireNonNull(body, "body");
    this.size = size;
    this.field = field;
    this.start = start;
    this.end = end;
    this.normChars = normChars;
    this.normEnd = normEnd;
    this.norm = new String[size];
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.word = word;
    this.sentence = sentence;
    this.barrierBefore = barrierBefore;
    this.sentences = sentences;
  }

  /** The number of tokens. */
  public int size() {
    return size;
  }

  /** {@link #TITLE} or {@link #BODY}. */
  public int field(int token) {
    return field[token];
  }

  /** "title" or "body", as {@code TextMatch.field} names it. */
  public String fieldName(int token) {
    return field[token] == TITLE ? "title" : "body";
  }

  /** Offset of the token's first character in its field. */
  public int start(int token) {
    return start[token];
  }

  /** Offset just after the token's last character in its field. */
  public int end(int token) {
    return end[token];
  }

  /** The token as written. */
  public String original(int token) {
    return fieldText(field[token]).substring(start[token], end[token]);
  }

  /** Whether the token as written starts with {@code prefix}, letter case and all. */
  public boolean originalStartsWith(int token, String prefix) {
    return end[token] - start[token] >= prefix.length()
        && fieldText(field[token]).startsWith(prefix, start[token]);
  }

  /** Whether the token as written starts with an upper-case letter. */
  public boolean isCapitalised(int token) {
    return Character.isUpperCase(fieldText(field[token]).codePointAt(start[token]));
  }

  /** The token's normal form: lower case, possessive dropped, stemmed. */
  public String norm(int token) {
    String normal = norm[token];
    if (normal == null) {
      int from = normStart(token);
      normal = new String(normChars, from, normEnd[token] - from);
      // a benign race: threads sharing a text would only make equal strings
      norm[token] = normal;
    }
    return normal;
  }

  /** Whether the token's normal form is {@code normal}; makes no string. */
  public boolean normEquals(int token, String normal) {
    int from = normStart(token);
    int length = normEnd[token] - from;
    if (length != normal.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (normChars[from + i] != normal.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int normStart(int token) {
    return token == 0 ? 0 : normEnd[token - 1];
  }

  /**
   * The number of the token's normal form in the {@link #vocabulary()} the text was analysed with,
   * or -1 if it is not one of its words.
   */
  public int word(int token) {
    return word[token];
  }

  /** The vocabulary {@link #word} numbers by. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The number of the token's sentence; title and body never share one. */
  public int sentence(int token) {
    return sentence[token];
  }

  /** Whether a phrase may not run from the previous token into this one (true for the first). */
  public boolean barrierBefore(int token) {
    return barrierBefore[token];
  }

  /** The number of sentences. */
  public int sentences() {
    return sentences;
  }

  /** The text of the tokens {@code first} to {@code last} (same field), as written. */
  public String text(int first, int last) {
    return fieldText(field[first]).substring(start[first], end[last]);
  }

  /** Title or body text. */
  public String fieldText(int fieldNumber) {
    return fieldNumber == TITLE ? title : body;
  }

  /**
   * Every normal form in order between single spaces, {@code |} standing at each barrier: {@code "
   * rail plan | output drop "}. For reading and tests; matching works on tokens.
   */
  public String normalized() {
    StringBuilder b = new StringBuilder(" ");
    for (int i = 0; i < size; i++) {
      if (barrierBefore[i] && i > 0) {
        b.append("| ");
      }
      b.append(norm(i)).append(' ');
    }
    return b.toString();
  }
}
