package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How watchlists and items meet in the {@link org.apache.lucene.monitor.Monitor}: an item becomes a
 * document with its text in {@code title} and {@code body} and its tags as keyword fields; a
 * watchlist becomes one query requiring each of its criteria over those fields. The monitor's
 * presearcher indexes each query under the terms it needs, so an item only meets the watchlists
 * whose terms it has.
 *
 * <p>Presearch: per conjunction the presearcher keeps the child of highest weight (per pass, the
 * next one). {@link #WEIGHTS} ranks terms by how few items have them: an entity or a text word
 * (rare) above a sector, a risk, a level, a kind or the European flag (one of few values, so every
 * item has some). Prefix and wildcard words, which the monitor would otherwise let through for
 * every item, are indexed under their first letters ({@link PrefixHandler}).
 */
final class MonitorSchema {

  static final String SECTOR = "sector";
  static final String RISK = "risk";
  static final String LEVEL = "level";
  static final String KIND = "kind";
  static final String ENTITY = "entity";
  static final String EUROPEAN = "european";
  static final String YES = "yes";

  /**
   * The item's tags combined: one term per sector (or any), risk (or any), level (or any) and kind
   * (or any), like {@code rail|supply-chain|HIGH|*}. A watchlist requiring a sector, a risk and a
   * minimum level then needs one of a few combined terms, which few items have, where each tag
   * alone would select a large share of all items.
   */
  static final String TAGS = "tags";

  static final String ANY = "*";

  /** Combined terms a watchlist may expand to before its widest tag is left out of them. */
  static final int MAX_TAG_TERMS = 256;

  /** Letters of a prefix word that index it: fewer and it matches too much to filter anything. */
  static final int MIN_PREFIX = 3;

  /** At most this many letters of a prefix word index it, so each item adds few prefix terms. */
  static final int MAX_PREFIX = 5;

  /** Marks a prefix key; the tokenizer never emits it, so a key is never taken for a word. */
  static final char PREFIX_MARK = '*';

  static final TermWeightor WEIGHTS = MonitorSchema::weight;

  private MonitorSchema() {}

  /** The presearcher: term filtering in {@code passes} passes. */
  static Presearcher presearcher(int passes, double minWeight) {
    return new MultipassPresearcher(passes, minWeight, WEIGHTS, List.of(new PrefixHandler()));
  }

  /** The item as a document for the monitor. */
  static Document document(ItemFacts item) {
    Document doc = new Document();
    doc.add(new TextField(KeywordQueries.TITLE, item.title(), Field.Store.NO));
    doc.add(new TextField(KeywordQueries.BODY, item.body(), Field.Store.NO));
    for (String sector : item.sectors()) {
      doc.add(new StringField(SECTOR, sector, Field.Store.NO));
    }
    for (String risk : item.risks()) {
      doc.add(new StringField(RISK, risk, Field.Store.NO));
    }
    doc.add(new StringField(LEVEL, item.level().name(), Field.Store.NO));
    doc.add(new StringField(KIND, item.kind().name(), Field.Store.NO));
    for (String name : item.normalizedNames()) {
      doc.add(new StringField(ENTITY, name, Field.Store.NO));
    }
    if (!item.europeanFirms().isEmpty()) {
      doc.add(new StringField(EUROPEAN, YES, Field.Store.NO));
    }
    for (String sector : withAny(item.sectors())) {
      for (String risk : withAny(item.risks())) {
        for (String level : withAny(List.of(item.level().name()))) {
          for (String kind : withAny(List.of(item.kind().name()))) {
            doc.add(new StringField(TAGS, tags(sector, risk, level, kind), Field.Store.NO));
          }
        }
      }
    }
    return doc;
  }

  /** Every criterion of the watchlist as a required clause; a watchlist without any: all items. */
  static Query query(CompiledWatchlist watchlist) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int required = 0;
    Query tags = tagsClause(watchlist);
    if (tags != null) {
      query.add(tags, BooleanClause.Occur.MUST);
      required++;
    }
    if (!watchlist.sectors().isEmpty()) {
      query.add(anyOf(SECTOR, watchlist.sectors()), BooleanClause.Occur.MUST);
      required++;
    }
    if (!watchlist.risks().isEmpty()) {
      query.add(anyOf(RISK, watchlist.risks()), BooleanClause.Occur.MUST);
      required++;
    }
    if (watchlist.minLevel() != RiskLevel.NONE) {
      query.add(anyOf(LEVEL, levels(watchlist.minLevel())), BooleanClause.Occur.MUST);
      required++;
    }
    if (!watchlist.kinds().isEmpty()) {
      query.add(
          anyOf(KIND, watchlist.kinds().stream().map(ItemKind::name).distinct().toList()),
          BooleanClause.Occur.MUST);
      required++;
    }
    if (!watchlist.entities().isEmpty()) {
      query.add(anyOf(ENTITY, watchlist.entities()), BooleanClause.Occur.MUST);
      required++;
    }
    if (watchlist.europeanFirmsOnly()) {
      query.add(new TermQuery(new Term(EUROPEAN, YES)), BooleanClause.Occur.MUST);
      required++;
    }
    if (watchlist.keywords() != null) {
      query.add(watchlist.keywords(), BooleanClause.Occur.MUST);
      required++;
    }
    return required == 0 ? new MatchAllDocsQuery() : query.build();
  }

  /**
   * The combined tags clause: any of the watchlist's sectors, risks, acceptable levels and kinds,
   * any value where it has none; null when it requires none of them. Should the combinations be too
   * many, the widest tag is left to the other clauses (still a necessary condition).
   */
  private static Query tagsClause(CompiledWatchlist watchlist) {
    List<List<String>> parts =
        new ArrayList<>(
            List.of(
                orAny(watchlist.sectors()),
                orAny(watchlist.risks()),
                watchlist.minLevel() == RiskLevel.NONE
                    ? List.of(ANY)
                    : levels(watchlist.minLevel()),
                orAny(watchlist.kinds().stream().map(ItemKind::name).distinct().toList())));
    if (parts.stream().allMatch(part -> part.equals(List.of(ANY)))) {
      return null;
    }
    while (parts.stream().mapToLong(List::size).reduce(1, (a, b) -> a * b) > MAX_TAG_TERMS) {
      int widest = 0;
      for (int i = 1; i < parts.size(); i++) {
        if (parts.get(i).size() > parts.get(widest).size()) {
          widest = i;
        }
      }
      parts.set(widest, List.of(ANY));
    }
    List<String> terms = new ArrayList<>();
    for (String sector : parts.get(0)) {
      for (String risk : parts.get(1)) {
        for (String level : parts.get(2)) {
          for (String kind : parts.get(3)) {
            terms.add(tags(sector, risk, level, kind));
          }
        }
      }
    }
    return anyOf(TAGS, terms);
  }

  private static String tags(String sector, String risk, String level, String kind) {
    return sector + '|' + risk + '|' + level + '|' + kind;
  }

  /** The values and {@link #ANY}: an item's tags combine with "any" too. */
  private static List<String> withAny(List<String> values) {
    List<String> all = new ArrayList<>(values.size() + 1);
    all.addAll(values);
    all.add(ANY);
    return all;
  }

  private static List<String> orAny(List<String> values) {
    return values.isEmpty() ? List.of(ANY) : values.stream().distinct().toList();
  }

  private static List<String> levels(RiskLevel minLevel) {
    List<String> levels = new ArrayList<>();
    for (RiskLevel level : RiskLevel.values()) {
      if (level.compareTo(minLevel) >= 0) {
        levels.add(level.name());
      }
    }
    return levels;
  }

  private static Query anyOf(String field, Collection<String> values) {
    if (values.size() == 1) {
      return new TermQuery(new Term(field, values.iterator().next()));
    }
    // Term queries in a disjunction, not a TermInSetQuery: the presearcher sees their terms.
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String value : values) {
      any.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD);
    }
    return any.build();
  }

  /**
   * Roughly how rare a term is among items (about minus the natural log of the share of items
   * having it); the presearcher indexes a conjunction under its rarest clause first. Estimates from
   * the taxonomy's shape: 16 sectors of which an item has one to three, 6 risk kinds of which it
   * has up to three, levels mostly NONE or LOW, two kinds. A combined tags term weighs what its
   * parts weigh together. The single tag fields and the European flag weigh little: every watchlist
   * constraining tags has a combined clause, which is the better route, and later passes never fall
   * back on them ({@link WatchlistIndex}'s minimum weight).
   */
  static double weight(Term term) {
    switch (term.field()) {
      case ENTITY:
        return 5;
      case KeywordQueries.TITLE:
      case KeywordQueries.BODY:
        BytesRef bytes = term.bytes();
        double length = Math.min(bytes.length, 12) * 0.1;
        boolean prefix =
            bytes.length > 0 && bytes.bytes[bytes.offset + bytes.length - 1] == PREFIX_MARK;
        return (prefix ? 2.5 : 3) + length;
      case TAGS:
        String[] parts = term.text().split("\\|", -1);
        double weight = 0.1;
        weight += ANY.equals(parts[0]) ? 0 : 2.3;
        weight += ANY.equals(parts[1]) ? 0 : 1.6;
        weight += levelWeight(parts[2]);
        weight += ANY.equals(parts[3]) ? 0 : 0.7;
        return weight;
      default:
        return 1;
    }
  }

  private static double levelWeight(String level) {
    return switch (level) {
      case "HIGH" -> 2.5;
      case "MEDIUM" -> 1.2;
      case "LOW" -> 1.0;
      case "NONE" -> 1.4;
      default -> 0;
    };
  }

  /**
   * The key a prefix indexes under: its first {@link #MAX_PREFIX} characters (never cutting a
   * surrogate pair) and {@link #PREFIX_MARK}; null when fewer than {@link #MIN_PREFIX} remain.
   */
  static String prefixKey(CharSequence prefix) {
    int length = Math.min(prefix.length(), MAX_PREFIX);
    if (length > 0 && Character.isHighSurrogate(prefix.charAt(length - 1))) {
      length--;
    }
    return length < MIN_PREFIX ? null : prefix.subSequence(0, length) + String.valueOf(PREFIX_MARK);
  }

  /** The characters of a wildcard pattern before its first wildcard, escapes resolved. */
  static String literalPrefix(String pattern) {
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == WildcardQuery.WILDCARD_ESCAPE && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR) {
        break;
      } else {
        literal.append(c);
      }
    }
    return literal.toString();
  }

  /**
   * Lets the presearcher filter prefix and wildcard words ({@code export*}, {@code sanction?}):
   * such a word is indexed under the key of its literal prefix, and each word of an item brings the
   * keys of its own prefixes, so the word is only checked against items with a word starting the
   * same way. A literal prefix shorter than {@link #MIN_PREFIX} stays unfiltered.
   */
  static final class PrefixHandler implements CustomQueryHandler {

    @Override
    public QueryTree handleQuery(Query query, TermWeightor weightor) {
      String field;
      String prefix;
      if (query instanceof PrefixQuery prefixQuery) {
        field = prefixQuery.getField();
        prefix = prefixQuery.getPrefix().text();
      } else if (query instanceof WildcardQuery wildcard) {
        field = wildcard.getField();
        prefix = literalPrefix(wildcard.getTerm().text());
      } else {
        return null;
      }
      if (!KeywordQueries.FIELDS.contains(field)) {
        return null;
      }
      String key = prefixKey(prefix);
      return key == null ? null : QueryTree.term(new Term(field, key), weightor);
    }

    @Override
    public TokenStream wrapTermStream(String field, TokenStream terms) {
      return KeywordQueries.FIELDS.contains(field) ? new PrefixKeys(terms) : terms;
    }
  }

  /** Each term, followed by the keys of its prefixes of {@link #MIN_PREFIX} or more characters. */
  static final class PrefixKeys extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private char[] word = new char[16];
    private int wordLength;
    private int nextLength = 1;
    private int lastLength;

    PrefixKeys(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      while (nextLength <= lastLength) {
        int length = nextLength++;
        if (Character.isHighSurrogate(word[length - 1])) {
          continue;
        }
        // Fresh attributes: the filters after this one adjust positions on each token they see.
        clearAttributes();
        term.copyBuffer(word, 0, length);
        term.append(PREFIX_MARK);
        return true;
      }
      if (!input.incrementToken()) {
        return false;
      }
      wordLength = term.length();
      if (word.length < wordLength) {
        word = new char[wordLength];
      }
      System.arraycopy(term.buffer(), 0, word, 0, wordLength);
      nextLength = MIN_PREFIX;
      lastLength = Math.min(wordLength, MAX_PREFIX);
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      nextLength = 1;
      lastLength = 0;
    }
  }
}
