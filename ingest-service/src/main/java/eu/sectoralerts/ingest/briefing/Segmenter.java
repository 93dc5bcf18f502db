package eu.sectoralerts.ingest.briefing;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.ingest.briefing.Block.Type;
import eu.sectoralerts.ingest.briefing.Draft.When;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the items of a document, following the segmentation of the taxonomy: one per top story, one
 * per dated bullet (news sections, and dated bullets inside a top story), or, for a policy
 * overview, one per plan it summarises. Table-of-contents entries, introductions and author,
 * editor, contact and publisher blocks never become items.
 */
final class Segmenter {

  /** Where in a briefing a block stands. */
  enum Section {
    NONE,
    TOP,
    POLICY,
    CORPORATE,
    NEWS,
    END
  }

  static final String TOP = "top";
  static final String POLICY = "policy";
  static final String CORPORATE = "corporate";
  static final String OVERVIEW = "overview";

  private static final int MAX_HEADING = 60;
  private static final Pattern CONTENTS =
      Pattern.compile("(?i)^(?:table of )?contents?|overview of contents|inhalt$");
  private static final Pattern TOP_HEADING =
      Pattern.compile(
          "(?i)^(?:\\p{L}+\\s+)?top\\s*(?:\\d{1,2}|three|five|ten)?"
              + "(?:\\s+(?:stories|news|developments|topics|issues))?$");
  private static final Pattern NEWS_HEADING =
      Pattern.compile(
          "(?i)^(?:worth noting|noteworthy|also noteworthy|in brief|news in brief|briefs"
              + "|other news|other developments|more news|notable developments|news round-?up)$");
  private static final Pattern POLICY_HEADING =
      Pattern.compile(
          "(?i)^(?:policy|policies|government|regulatory|political)"
              + "(?:\\s+(?:news|developments|updates|moves))?$");
  private static final Pattern CORPORATE_HEADING =
      Pattern.compile(
          "(?i)^(?:corporate|company|companies|business|industry|market|markets)"
              + "(?:\\s+(?:news|developments|updates|moves))?$");
  private static final Pattern END_HEADING =
      Pattern.compile(
          "(?i)^(?:authors?|editors?|editorial(?: staff| team| board)?|publisher|published by"
              + "|contacts?|contact us|imprint|disclaimer|about(?:\\s+\\S+){0,3}|further reading"
              + "|references|notes|endnotes|copyright.*|legal notice)$");
  private static final Pattern END_PARAGRAPH =
      Pattern.compile(
          "(?i)^(?:for more information|we hope\\b|thank you for reading|your feedback"
              + "|please contact|contact:|\\u00A9|copyright \\d)");
  private static final Pattern FIELD =
      Pattern.compile(
          "(?i)^(policy name|name of (?:the )?policy|policy|article|document|issuing bod(?:y|ies)"
              + "|issued by|issuer|date of (?:issue|publication|release)|release date|date)"
              + "\\s*:\\s*(.*)$");

  /** The fields a top story starts with, after its heading. */
  private static final Pattern STORY_START =
      Pattern.compile(
          "(?i)^(?:at a glance|policy name|name of (?:the )?policy|article|issuing bod(?:y|ies)"
              + "|date|summary|in brief)\\s*:");

  private static final Pattern LABEL = Pattern.compile("^[\\p{Lu}][\\p{L} ]{1,30}:\\s");
  private static final Pattern KEY_MESSAGE =
      Pattern.compile(
          "(?i)^(?:key (?:message|messages|takeaways?|points?|facts?)|summary|in (?:brief|short))"
              + "\\s*:.*");
  private static final Pattern DATED =
      Pattern.compile(
          "(?i)^(?:on\\s+)?(?:("
              + Dates.MONTH
              + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-\\u2013]\\s*\\d{1,2})?(?:,?\\s+(\\d{4}))?"
              + "|(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-\\u2013]\\s*\\d{1,2})?\\s+("
              + Dates.MONTH
              + ")\\.?(?:,?\\s+(\\d{4}))?"
              + "|("
              + Dates.MONTH
              + ")(?:\\s+(\\d{4}))?)"
              + "\\s*(?::|\\s[-\\u2013\\u2014]\\s)\\s*(\\S.*)$");
  private static final Pattern DATE_LIKE_LABEL =
      Pattern.compile(
          "^\\s*(\\*{1,2}|_{1,2})\\s*([A-Za-z]{3,10}\\.?\\s+\\d{1,2})\\s*:?\\s*\\1?\\s*:?");

  private Segmenter() {}

  /** The items of a document; empty when it has none. */
  static List<Draft> segment(List<Block> blocks) {
    List<Draft> drafts = new Briefing(blocks).segment();
    return drafts.isEmpty() ? overview(blocks) : drafts;
  }

  /**
   * The blocks before the first section or top story: where a briefing states its date, reporting
   * period and authors.
   */
  static List<Block> header(List<Block> blocks) {
    List<Block> header = new ArrayList<>();
    for (Block block : blocks) {
      if (header.size() >= 15
          || sectionOf(block) != null
          || KEY_MESSAGE.matcher(block.clean()).matches()) {
        break;
      }
      header.add(block);
    }
    return header;
  }

  /** The section a heading block opens, or null when the block is no section heading. */
  static Section sectionOf(Block block) {
    if (!looksLikeHeading(block)) {
      return null;
    }
    String text = block.clean().replaceAll("[:.]+$", "").strip();
    if (CONTENTS.matcher(text).matches()) {
      return Section.NONE;
    }
    if (TOP_HEADING.matcher(text).matches()) {
      return Section.TOP;
    }
    if (NEWS_HEADING.matcher(text).matches()) {
      return Section.NEWS;
    }
    if (POLICY_HEADING.matcher(text).matches()) {
      return Section.POLICY;
    }
    if (CORPORATE_HEADING.matcher(text).matches()) {
      return Section.CORPORATE;
    }
    if (END_HEADING.matcher(text).matches()) {
      return Section.END;
    }
    return null;
  }

  private static boolean looksLikeHeading(Block block) {
    return (block.type() == Type.HEADING || block.type() == Type.PARAGRAPH)
        && block.lineCount() == 1
        && block.clean().length() <= MAX_HEADING;
  }

  /** The segmentation of a monthly briefing: top stories and news sections. */
  private static final class Briefing {
    private final List<Block> blocks;
    private final List<Draft> drafts = new ArrayList<>();
    private Section section = Section.NONE;
    private Story story;
    private int expectedNumber = 1;
    private Bullet lastBullet;
    private final List<Bullet> bullets = new ArrayList<>();

    Briefing(List<Block> blocks) {
      this.blocks = blocks;
    }

    List<Draft> segment() {
      Block previous = null;
      for (int i = 0; i < blocks.size(); i++) {
        Block block = blocks.get(i);
        Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
        Section opened = sectionOf(block);
        if (opened == null && END_PARAGRAPH.matcher(block.clean()).find()) {
          opened = Section.END;
        }
        if (opened != null) {
          flush();
          lastBullet = null;
          section = opened;
          if (opened == Section.TOP) {
            expectedNumber = 1;
          }
        } else {
          switch (section) {
            case TOP -> inTopSection(block, previous, next);
            case POLICY -> inNewsSection(block, ItemKind.POLICY, POLICY);
            case CORPORATE -> inNewsSection(block, ItemKind.CORPORATE, CORPORATE);
            case NEWS -> inNewsSection(block, null, null);
            case NONE, END -> {
              // introductions, contents, authors and publisher blocks are never items
            }
          }
        }
        previous = block;
      }
      flush();
      return drafts;
    }

    private void inTopSection(Block block, Block previous, Block next) {
      if (isStoryHeading(block, previous, next)) {
        flush();
        story = new Story(block);
        if (block.number() > 0) {
          expectedNumber = block.number() + 1;
        }
        return;
      }
      if (story != null) {
        story.blocks.add(block);
      }
    }

    /**
     * Whether a block is the heading of a top story: a markdown heading (not deeper than the
     * story's own), a numbered line standing alone, a line in bold, or a plain line standing alone
     * right before the story's first field ("At a glance:", "Policy name:", ...).
     */
    private boolean isStoryHeading(Block block, Block previous, Block next) {
      String text = block.clean();
      if (text.isEmpty() || text.length() > 200 || FIELD.matcher(text).matches()) {
        return false;
      }
      boolean unfinished = text.matches(".*[.;:,]$");
      boolean beforeFirstField =
          next != null && next.type() == Type.PARAGRAPH && STORY_START.matcher(next.clean()).find();
      return switch (block.type()) {
        case HEADING ->
            !unfinished
                && (block.number() > 0
                    || story == null
                    || story.heading.type() != Type.HEADING
                    || block.headingLevel() <= story.heading.headingLevel());
        case NUMBERED ->
            !unfinished
                && block.lineCount() == 1
                && block.blankBefore()
                && (block.blankAfter() || beforeFirstField)
                // "3." right after a "2." entry continues a list
                && (previous == null
                    || previous.type() != Type.NUMBERED
                    || previous.number() != block.number() - 1)
                && (block.number() == expectedNumber || story == null);
        case PARAGRAPH ->
            !unfinished
                && block.lineCount() == 1
                && block.blankAfter()
                && (isWholeBold(block.raw())
                    || (beforeFirstField
                        && block.blankBefore()
                        && text.length() <= 150
                        && !LABEL.matcher(text).find()
                        && Character.isLetterOrDigit(text.codePointAt(0))
                        // the original name of a policy, below its "Policy name:" field
                        && (previous == null || !FIELD.matcher(previous.clean()).matches())));
        case BULLET -> false;
      };
    }

    private void inNewsSection(Block block, ItemKind kind, String sectionName) {
      Bullet dated = Bullet.of(block);
      boolean listEntry = block.type() == Type.BULLET;
      if (dated == null && listEntry && lastBullet != null && block.indent() > lastBullet.indent) {
        lastBullet.continueWith(block);
        return;
      }
      if (dated == null && !listEntry) {
        return;
      }
      Bullet bullet = dated != null ? dated : Bullet.undated(block);
      bullet.kind = kind;
      bullet.section = sectionName;
      bullets.add(bullet);
      lastBullet = bullet;
    }

    /** Drafts what the section holds so far: its pending bullets, then the open story. */
    private void flush() {
      finishBullets();
      if (story == null) {
        return;
      }
      Story done = story;
      story = null;
      drafts.addAll(done.drafts());
    }

    /** Bullets are drafted once done: a nested line after one still belongs to it. */
    private void finishBullets() {
      for (Bullet bullet : bullets) {
        drafts.add(bullet.draft(bullet.section, bullet.kind));
      }
      bullets.clear();
    }
  }

  /** A top story being read: its heading and the blocks under it. */
  private static final class Story {
    final Block heading;
    final List<Block> blocks = new ArrayList<>();

    Story(Block heading) {
      this.heading = heading;
    }

    List<Draft> drafts() {
      String title = heading.withoutNumber();
      String issuingBody = null;
      String policyRaw = null;
      String dateText = null;
      List<Markup.Link> links = new ArrayList<>();
      List<Block> body = new ArrayList<>();
      List<Bullet> bullets = new ArrayList<>();
      boolean inPolicyName = false;
      for (Block block : blocks) {
        Matcher field = FIELD.matcher(block.clean());
        if (block.type() == Type.PARAGRAPH && field.matches()) {
          String label = field.group(1).toLowerCase(Locale.ROOT);
          String rawValue = valueAfterLabel(block.raw());
          inPolicyName = false;
          if (label.startsWith("issu")) {
            issuingBody = Entities.canonicalBody(field.group(2));
          } else if (label.contains("date")) {
            dateText = field.group(2);
          } else {
            policyRaw = rawValue;
            inPolicyName = true;
          }
          continue;
        }
        if (inPolicyName && block.type() == Type.PARAGRAPH && continuesPolicyName(block)) {
          policyRaw = policyRaw + " " + block.raw();
          continue;
        }
        inPolicyName = false;
        Bullet dated = Bullet.of(block);
        if (dated != null) {
          bullets.add(dated);
          continue;
        }
        if (block.type() == Type.BULLET && !bullets.isEmpty()) {
          Bullet last = bullets.get(bullets.size() - 1);
          if (block.indent() > last.indent && last.block == previousOf(block)) {
            last.continueWith(block);
            continue;
          }
        }
        body.add(block);
      }
      if (body.isEmpty() && bullets.isEmpty() && policyRaw == null) {
        return List.of(); // a heading with nothing under it: a contents entry, not a story
      }
      String policyName = null;
      String policyNameOriginal = null;
      if (policyRaw != null) {
        PolicyName name = PolicyName.parse(policyRaw);
        policyName = name.english();
        policyNameOriginal = name.original();
        for (Markup.Link link : name.links()) {
          links.add(
              new Markup.Link(
                  isGenericLinkText(link.text()) && policyName != null ? policyName : link.text(),
                  link.url()));
        }
      }
      for (Block block : body) {
        Markup.links(block.raw()).stream().filter(Markup.Link::isWeb).forEach(links::add);
      }
      When when = dateText != null ? When.field(dateText) : When.NONE;
      if (when.isNone() && !bullets.isEmpty()) {
        when = bullets.get(0).when;
      }
      boolean policyFields = policyRaw != null || issuingBody != null;
      List<Draft> drafts = new ArrayList<>();
      drafts.add(
          new Draft(
              TOP,
              policyFields ? ItemKind.POLICY : null,
              title,
              render(body),
              when,
              issuingBody,
              policyName,
              policyNameOriginal,
              List.copyOf(links),
              heading.line(),
              false));
      for (Bullet bullet : bullets) {
        drafts.add(bullet.draft(TOP, null));
      }
      return drafts;
    }

    private Block previousOf(Block block) {
      int i = blocks.indexOf(block);
      return i > 0 ? blocks.get(i - 1) : null;
    }
  }

  /** A dated (or, in a news section, undated) bullet and its continuation lines. */
  private static final class Bullet {
    final Block block;
    final int indent;
    final When when;
    final List<Block> continuations = new ArrayList<>();
    ItemKind kind;
    String section;

    private Bullet(Block block, When when) {
      this.block = block;
      this.indent = block.indent();
      this.when = when;
    }

    /**
     * The bullet a block opens when it starts with a date, or null.
     *
     * @throws BriefingParseException when it starts with an emphasised label shaped like a date
     *     that is none ("*Febuary 3:*")
     */
    static Bullet of(Block block) {
      if (block.type() == Type.HEADING || block.type() == Type.NUMBERED) {
        return null;
      }
      Matcher dated = DATED.matcher(block.clean());
      if (!dated.matches()) {
        Matcher label = DATE_LIKE_LABEL.matcher(block.raw());
        if (label.find()) {
          throw new BriefingParseException(
              "Unreadable date '"
                  + label.group(2).strip()
                  + "' at the start of line "
                  + block.line()
                  + ": write it as a month name and a day, e.g. 'March 4:'");
        }
        return null;
      }
      When when;
      if (dated.group(1) != null) {
        when =
            When.bullet(
                Dates.month(dated.group(1)),
                Integer.parseInt(dated.group(2)),
                dated.group(3) == null ? 0 : Integer.parseInt(dated.group(3)));
      } else if (dated.group(5) != null) {
        when =
            When.bullet(
                Dates.month(dated.group(5)),
                Integer.parseInt(dated.group(4)),
                dated.group(6) == null ? 0 : Integer.parseInt(dated.group(6)));
      } else {
        when =
            When.bullet(
                Dates.month(dated.group(7)),
                0,
                dated.group(8) == null ? 0 : Integer.parseInt(dated.group(8)));
      }
      return new Bullet(block, when);
    }

    static Bullet undated(Block block) {
      return new Bullet(block, When.NONE);
    }

    void continueWith(Block continuation) {
      continuations.add(continuation);
    }

    Draft draft(String sectionName, ItemKind itemKind) {
      String raw = block.raw();
      List<Markup.Link> links = new ArrayList<>();
      Matcher group = Markup.trailingLinkGroup(raw);
      if (group.find()) {
        links.addAll(Markup.links(group.group()));
        raw = raw.substring(0, group.start());
      }
      Markup.links(raw).stream().filter(Markup.Link::isWeb).forEach(links::add);
      String text = Markup.clean(raw);
      if (!when.isNone()) {
        Matcher dated = DATED.matcher(text);
        if (dated.matches()) {
          text = dated.group(9);
        }
      }
      StringBuilder body = new StringBuilder(text);
      for (Block continuation : continuations) {
        body.append("\n- ").append(continuation.clean());
        Markup.links(continuation.raw()).stream().filter(Markup.Link::isWeb).forEach(links::add);
      }
      String clean = body.toString().strip();
      return new Draft(
          sectionName,
          itemKind,
          Titles.fromFirstClause(clean),
          clean,
          when,
          null,
          null,
          null,
          List.copyOf(links),
          block.line(),
          true);
    }
  }

  /** The segmentation of a policy overview: one item per plan introduced by a key message. */
  private static List<Draft> overview(List<Block> blocks) {
    List<Integer> headings = new ArrayList<>();
    for (int i = 1; i < blocks.size(); i++) {
      Block candidate = blocks.get(i - 1);
      if (KEY_MESSAGE.matcher(blocks.get(i).clean()).matches()
          && candidate.type() != Type.BULLET
          && candidate.lineCount() == 1
          && candidate.clean().length() <= 150
          && !candidate.clean().matches(".*[.;:,]$")
          && !KEY_MESSAGE.matcher(candidate.clean()).matches()) {
        headings.add(i - 1);
      }
    }
    if (headings.isEmpty()) {
      return List.of();
    }
    List<Draft> drafts = new ArrayList<>();
    for (int h = 0; h < headings.size(); h++) {
      int start = headings.get(h);
      int end = h + 1 < headings.size() ? headings.get(h + 1) : blocks.size();
      List<Block> body = new ArrayList<>();
      List<Markup.Link> links = new ArrayList<>();
      for (int i = start + 1; i < end; i++) {
        Block block = blocks.get(i);
        if (sectionOf(block) == Section.END || END_PARAGRAPH.matcher(block.clean()).find()) {
          break;
        }
        body.add(block);
        Markup.links(block.raw()).stream().filter(Markup.Link::isWeb).forEach(links::add);
      }
      Block heading = blocks.get(start);
      String title = heading.withoutNumber().replaceAll("[:.]+$", "");
      drafts.add(
          new Draft(
              OVERVIEW,
              ItemKind.POLICY,
              title,
              render(body),
              When.NONE,
              null,
              title,
              null,
              List.copyOf(links),
              heading.line(),
              false));
    }
    return drafts;
  }

  /** The text before the first plan of an overview (who issued the plans, what they are). */
  static String overviewIntroduction(List<Block> blocks, List<Draft> drafts) {
    int firstLine = drafts.isEmpty() ? Integer.MAX_VALUE : drafts.get(0).line();
    StringBuilder intro = new StringBuilder();
    for (Block block : blocks) {
      if (block.line() >= firstLine) {
        break;
      }
      intro.append(block.clean()).append('\n');
    }
    return intro.toString();
  }

  /** Clean text of blocks: list entries on their own lines, paragraphs apart. */
  static String render(List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    Block previous = null;
    for (Block block : blocks) {
      if (block.clean().isEmpty()) {
        continue;
      }
      boolean entry = block.type() == Type.BULLET || block.type() == Type.NUMBERED;
      if (previous != null) {
        boolean previousEntry = previous.type() == Type.BULLET || previous.type() == Type.NUMBERED;
        out.append(entry && previousEntry ? "\n" : "\n\n");
      }
      out.append(block.type() == Type.BULLET ? "- " : "").append(block.clean());
      previous = block;
    }
    return out.toString();
  }

  private static boolean isWholeBold(String raw) {
    String s = raw.strip();
    return (s.startsWith("**") && s.endsWith("**") && s.length() > 4)
        || (s.startsWith("__") && s.endsWith("__") && s.length() > 4)
        || (s.regionMatches(true, 0, "<b>", 0, 3) && s.toLowerCase(Locale.ROOT).endsWith("</b>"));
  }

  /** The raw text after a field's label: "**Policy name:** X" gives "X". */
  private static String valueAfterLabel(String raw) {
    int colon = raw.indexOf(':');
    String rest = raw.substring(colon + 1);
    return rest.replaceFirst("^\\s*(?:\\*\\*|__|</b>|\\*|_)?\\s*", "").strip();
  }

  private static boolean continuesPolicyName(Block block) {
    String clean = block.clean();
    String withoutLinks = Markup.LINK_GROUP.matcher(block.raw()).replaceAll("").strip();
    return (clean.startsWith("(") || clean.startsWith("\uFF08") || clean.startsWith("\u300A"))
            && Markup.hasCjk(clean)
        || withoutLinks.isEmpty()
        || (Markup.hasCjk(clean.substring(0, Math.min(clean.length(), 2))) && clean.length() < 200);
  }

  private static boolean isGenericLinkText(String text) {
    return text.isBlank()
        || text.toLowerCase(Locale.ROOT)
            .matches("link|here|source|pdf|original|full text|cn|en|document");
  }
}
