package eu.sectoralerts.ingest.briefing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One visual unit of a document: a heading, a bullet, a numbered line or a paragraph, with its text
 * as written ({@code raw}, lines joined by spaces) and as clean text. {@link #split} cuts a
 * document into blocks and drops table-of-contents lines.
 *
 * @param type what the block looks like
 * @param line 1-based line number of its first line
 * @param indent leading spaces of its first line (nesting of bullets)
 * @param headingLevel the markdown heading level, 0 when not a markdown heading
 * @param lineCount how many lines it spans
 * @param raw the text as written, marker of a bullet removed
 * @param clean the clean text
 * @param blankBefore whether a blank line (or the start) precedes it
 * @param blankAfter whether a blank line (or the end) follows it
 */
record Block(
    Type type,
    int line,
    int indent,
    int headingLevel,
    int lineCount,
    String raw,
    String clean,
    boolean blankBefore,
    boolean blankAfter) {

  enum Type {
    HEADING,
    BULLET,
    NUMBERED,
    PARAGRAPH
  }

  private static final Pattern MARKDOWN_HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+\\S.*");
  private static final Pattern BULLET =
      Pattern.compile(
          "^(\\s*)(?:[-+\\u2022\\u25E6\\u25AA\\u25CF\\u25CB\\u00B7\\u2013\\u2014]|\\*(?=\\s)|o(?=\\s+[\\p{Lu}(\"\\d])|\\$\\\\circ~?\\$)\\s+(.*)$");
  private static final Pattern NUMBERED =
      Pattern.compile("^\\s*(?:\\*\\*|__|<b>)?\\s*\\d{1,2}[.)](?:\\*\\*|__|</b>)?\\s+\\S.*");
  private static final Pattern TOC_LINE =
      Pattern.compile(
          "^.*\\S(?:\\t+\\s*|\\s*\\.{3,}\\s*|\\s*\\u2026+\\s*|\\s{3,})(?:<b>|\\*\\*)?\\d{1,3}(?:</b>|\\*\\*)?\\s*$");
  private static final Pattern FIELD_START =
      Pattern.compile(
          "^\\s*(?:\\*\\*|__|<b>)?[\\p{Lu}][\\p{L} ]{1,30}:(?:\\*\\*|__|</b>)?(?:\\s|$).*");
  private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d{1,2})[.)]\\s");
  private static final Pattern HORIZONTAL_RULE = Pattern.compile("^\\s*(?:[-*_]\\s*){3,}$");

  /** Cuts a document into blocks; table-of-contents lines count as blank lines. */
  static List<Block> split(String text) {
    String[] lines = text.split("\\R", -1);
    List<Block> blocks = new ArrayList<>();
    Builder current = null;
    boolean blankBefore = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean blank =
          line.isBlank()
              || HORIZONTAL_RULE.matcher(line).matches()
              || (TOC_LINE.matcher(line).matches() && line.length() < 250);
      if (blank) {
        if (current != null) {
          blocks.add(current.build(true));
          current = null;
        }
        blankBefore = true;
        continue;
      }
      Matcher heading = MARKDOWN_HEADING.matcher(line);
      Matcher bullet = BULLET.matcher(line);
      Type type = null;
      String content = line;
      int level = 0;
      int indent = leadingSpaces(line);
      if (heading.matches()) {
        type = Type.HEADING;
        level = heading.group(1).length();
      } else if (bullet.matches()) {
        type = Type.BULLET;
        content = bullet.group(2);
        // PDF exports nest markers: "- o Building ..."
        Matcher nested = BULLET.matcher(content);
        if (nested.matches()) {
          content = nested.group(2);
        }
      } else if (NUMBERED.matcher(line).matches()) {
        type = Type.NUMBERED;
      } else if (current == null
          || current.type == Type.HEADING
          || (FIELD_START.matcher(line).matches()
              && (current.type == Type.PARAGRAPH || current.type == Type.NUMBERED))) {
        type = Type.PARAGRAPH;
      }
      if (type == null) {
        current.add(line.strip());
        continue;
      }
      if (current != null) {
        blocks.add(current.build(false));
        blankBefore = false;
      }
      current = new Builder(type, i + 1, indent, level, content.strip(), blankBefore);
      if (type == Type.HEADING) {
        blocks.add(current.build(i + 1 >= lines.length || lines[i + 1].isBlank()));
        current = null;
        blankBefore = false;
      }
    }
    if (current != null) {
      blocks.add(current.build(true));
    }
    return blocks;
  }

  /** The clean text with a leading "1." or "1)" removed. */
  String withoutNumber() {
    return clean.replaceFirst("^\\d{1,2}[.)]\\s+", "");
  }

  /** The leading number of a numbered block, or -1. */
  int number() {
    Matcher m = LEADING_NUMBER.matcher(clean);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static int leadingSpaces(String line) {
    int n = 0;
    while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
      n++;
    }
    return n;
  }

  private static final class Builder {
    private final Type type;
    private final int line;
    private final int indent;
    private final int level;
    private final boolean blankBefore;
    private final StringBuilder raw;
    private int lineCount = 1;

    Builder(Type type, int line, int indent, int level, String first, boolean blankBefore) {
      this.type = type;
      this.line = line;
      this.indent = indent;
      this.level = level;
      this.blankBefore = blankBefore;
      this.raw = new StringBuilder(first);
    }

    void add(String continuation) {
      raw.append(' ').append(continuation);
      lineCount++;
    }

    Block build(boolean blankAfter) {
      String text = raw.toString().strip();
      return new Block(
          type, line, indent, level, lineCount, text, Markup.clean(text), blankBefore, blankAfter);
    }
  }
}
