package eu.sectoralerts.matcher;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * How entity names compare: {@link #normalize(String)} maps the ways of writing one name ("Siemens
 * AG", "SIEMENS AG", "Siemens-AG") to one key.
 */
public final class Entities {

  private Entities() {}

  /**
   * The comparison key of {@code name}: Unicode NFKC, lower case ({@link Locale#ROOT}), every run
   * of characters that are neither letters nor digits replaced by one space, trimmed. Empty when
   * the name has no letter or digit.
   */
  public static String normalize(String name) {
    Objects.requireNonNull(name, "name");
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    boolean gap = false;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (gap && out.length() > 0) {
          out.append(' ');
        }
        gap = false;
        out.appendCodePoint(cp);
      } else {
        gap = true;
      }
    }
    return out.toString();
  }
}
