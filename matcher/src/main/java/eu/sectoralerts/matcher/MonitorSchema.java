package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How watchlists and items meet in the {@link org.apache.lucene.monitor.Monitor}: an item becomes a
 * document with its text in {@code title} and {@code body} and its tags in keyword fields; a
 * watchlist becomes one query requiring each of its criteria over those fields. The presearcher
 * indexes each query under the terms an item needs to match it, so an item only meets the
 * watchlists whose terms it has.
 *
 * <p>Presearch, per conjunction, follows the clause of highest weight first ({@link #weight}: about
 * how rare a term is among items), then in later passes the next ones. What makes it selective:
 *
 * <ul>
 *   <li>{@link #TAGS}: sector, risk, level and kind combined in one term, so a watchlist requiring
 *       several of them is found by the few items having all, not by every item of the sector.
 *   <li>{@link PrefixHandler}: prefix and wildcard words indexed under their first letters, which
 *       the monitor would otherwise let through for every item.
 *   <li>{@link PhraseRoute}: a phrase indexed under its two rarest words, leaving the later passes
 *       to the watchlist's other clauses.
 * </ul>
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

  /**
   * The lengths of the prefix keys of a word. A prefix word ({@code transmi*}) is indexed under the
   * key of the longest of these it has ({@code trans*}), and an item's word brings a key of each
   * length it has: a few keys per word, yet a key about as precise as the prefix. A prefix of fewer
   * letters than the first stays unfiltered.
   */
  static final int[] PREFIX_LENGTHS = {3, 5, 7};

  /** Marks a prefix key; the tokenizer never emits it, so a key is never taken for a word. */
  static final char PREFIX_MARK = '*';

  /** Words of a phrase the presearcher indexes it under ({@link PhraseRoute}). */
  static final int PHRASE_ROUTES = 2;

  static final TermWeightor WEIGHTS = MonitorSchema::weight;

  private MonitorSchema() {}

  /** The presearcher: term filtering in {@code passes} passes. */
  static Presearcher presearcher(int passes, double minWeight) {
    return new MultipassPresearcher(passes, minWeight, WEIGHTS, List.of(new PrefixHandler()));
  }

  /** Longest value (a sector, a risk, a normalised entity name) a watchlist may require. */
  static final int MAX_KEYWORD_LENGTH = 1000;

  /** Longest term of an item's keyword fields: longer ones are split, and match no watchlist. */
  private static final int MAX_ITEM_KEYWORD_LENGTH = 8 * MAX_KEYWORD_LENGTH;

  /**
   * The analyzer of item documents: the text analyzer for title and body; the keyword fields hold
   * their values separated by spaces, each value one term ({@link #keyword}). One field value per
   * keyword field, not one per value: building the item's in-memory index then runs a handful of
   * token streams, not one per tag.
   */
  static Analyzer analyzer() {
    return new PerFieldAnalyzerWrapper(
        new WhitespaceAnalyzer(MAX_ITEM_KEYWORD_LENGTH),
        Map.of(
            KeywordQueries.TITLE, KeywordQueries.analyzer(),
            KeywordQueries.BODY, KeywordQueries.analyzer()));
  }

  /** The item as a document for the monitor. */
  static Document document(ItemFacts item) {
    Document doc = new Document();
    doc.add(new TextField(KeywordQueries.TITLE, item.title(), Field.Store.NO));
    doc.add(new TextField(KeywordQueries.BODY, item.body(), Field.Store.NO));
    addKeywords(doc, SECTOR, keywords(item.sectors()));
    addKeywords(doc, RISK, keywords(item.risks()));
    addKeywords(doc, LEVEL, List.of(item.level().name()));
    addKeywords(doc, KIND, List.of(item.kind().name()));
    addKeywords(doc, ENTITY, keywords(item.normalizedNames()));
    if (!item.europeanFirms().isEmpty()) {
      addKeywords(doc, EUROPEAN, List.of(YES));
    }
    List<String> tags = new ArrayList<>();
    for (String sector : withAny(keywords(item.sectors()))) {
      for (String risk : withAny(keywords(item.risks()))) {
        for (String level : withAny(List.of(item.level().name()))) {
          for (String kind : withAny(List.of(item.kind().name()))) {
            tags.add(tags(sector, risk, level, kind));
          }
        }
      }
    }
    addKeywords(doc, TAGS, tags);
    return doc;
  }

  private static void addKeywords(Document doc, String field, List<String> values) {
    if (!values.isEmpty()) {
      doc.add(new TextField(field, String.join(" ", values), Field.Store.NO));
    }
  }

  /**
   * A value as one term of a keyword field: white space as {@code _}, the empty value as {@code _}.
   * Two values may thus share a term ("a b", "a_b"): an item then meets a watchlist it may not
   * match, which checking it settles; it never misses one.
   */
  static String keyword(String value) {
    if (value.isEmpty()) {
      return "_";
    }
    StringBuilder term = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      term.append(Character.isWhitespace(c) ? '_' : c);
    }
    return term.toString();
  }

  private static List<String> keywords(Collection<String> values) {
    List<String> terms = new ArrayList<>(values.size());
    for (String value : values) {
      terms.add(keyword(value));
    }
    return terms;
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
      query.add(anyOf(SECTOR, keywords(watchlist.sectors())), BooleanClause.Occur.MUST);
      required++;
    }
    if (!watchlist.risks().isEmpty()) {
      query.add(anyOf(RISK, keywords(watchlist.risks())), BooleanClause.Occur.MUST);
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
      query.add(anyOf(ENTITY, keywords(watchlist.entities())), BooleanClause.Occur.MUST);
      required++;
    }
    if (watchlist.europeanFirmsOnly()) {
      query.add(new TermQuery(new Term(EUROPEAN, YES)), BooleanClause.Occur.MUST);
      required++;
    }
    if (watchlist.keywords() != null) {
      query.add(presearchForm(watchlist.keywords()), BooleanClause.Occur.MUST);
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
                orAny(keywords(watchlist.sectors())),
                orAny(keywords(watchlist.risks())),
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
      case EUROPEAN:
        return 1.2;
      case TAGS:
        String[] parts = term.text().split("\\|", -1);
        double weight = 0.1;
        weight += ANY.equals(parts[0]) ? 0 : 2.3;
        weight += ANY.equals(parts[1]) ? 0 : 1.6;
        weight += levelWeight(parts[2]);
        weight += ANY.equals(parts[3]) ? 0 : 0.7;
        return weight;
      default:
        return 0.5;
    }
  }

  private static double levelWeight(String level) {
    return switch (level) {
      case "HIGH" -> 2.5;
      case "MEDIUM" -> 1.2;
      case "LOW" -> 0.8;
      case "NONE" -> 1.4;
      default -> 0;
    };
  }

  /**
   * The key a prefix indexes under: its first characters, as many as the longest of {@link
   * #PREFIX_LENGTHS} it has (never cutting a surrogate pair), and {@link #PREFIX_MARK}; null when
   * it is shorter than all of them.
   */
  static String prefixKey(CharSequence prefix) {
    for (int i = PREFIX_LENGTHS.length - 1; i >= 0; i--) {
      int length = PREFIX_LENGTHS[i];
      if (length <= prefix.length() && !Character.isHighSurrogate(prefix.charAt(length - 1))) {
        return prefix.subSequence(0, length) + String.valueOf(PREFIX_MARK);
      }
    }
    return null;
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
   * same way. A literal prefix shorter than all {@link #PREFIX_LENGTHS} stays unfiltered.
   *
   * <p>Also indexes a phrase ({@link PhraseRoute}) under its {@link #PHRASE_ROUTES} rarest words
   * only.
   */
  static final class PrefixHandler implements CustomQueryHandler {

    @Override
    public QueryTree handleQuery(Query query, TermWeightor weightor) {
      if (query instanceof PhraseRoute route) {
        List<Term> words = new ArrayList<>(List.of(route.phrase.getTerms()));
        words.sort(Comparator.comparingDouble(weightor::applyAsDouble).reversed());
        List<Function<TermWeightor, QueryTree>> routes = new ArrayList<>();
        for (Term word : words.subList(0, Math.min(words.size(), PHRASE_ROUTES))) {
          routes.add(w -> QueryTree.term(word, w));
        }
        return QueryTree.conjunction(routes, weightor);
      }
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

  /** Each term, followed by its prefix keys: one per {@link #PREFIX_LENGTHS} it is as long as. */
  static final class PrefixKeys extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private char[] word = new char[16];
    private int wordLength;
    private int nextKey = PREFIX_LENGTHS.length;

    PrefixKeys(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      while (nextKey < PREFIX_LENGTHS.length && PREFIX_LENGTHS[nextKey] <= wordLength) {
        int length = PREFIX_LENGTHS[nextKey++];
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
      nextKey = 0;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      nextKey = PREFIX_LENGTHS.length;
    }
  }

  /**
   * The presearch form of a keyword query: each phrase of several words becomes a {@link
   * PhraseRoute}. It matches what the query matches.
   */
  static Query presearchForm(Query query) {
    if (query instanceof PhraseQuery phrase && phrase.getTerms().length > 1) {
      return new PhraseRoute(phrase);
    }
    if (query instanceof BoostQuery boost) {
      return new BoostQuery(presearchForm(boost.getQuery()), boost.getBoost());
    }
    if (query instanceof BooleanQuery bool) {
      BooleanQuery.Builder rebuilt =
          new BooleanQuery.Builder()
              .setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
      for (BooleanClause clause : bool.clauses()) {
        rebuilt.add(presearchForm(clause.getQuery()), clause.getOccur());
      }
      return rebuilt.build();
    }
    return query;
  }

  /**
   * A phrase as the presearcher sees it: the conjunction of its {@link #PHRASE_ROUTES} rarest
   * words, not of all. The presearcher's passes go through the routes of a conjunction's first
   * clause before the next clause, and a phrase's words come together (an item with "licensing"
   * mostly has "export licensing regime"), so passes spent on a long phrase's third and fourth
   * words would filter nothing that the watchlist's other clauses would. Rewrites to the phrase, so
   * it matches what the phrase matches.
   */
  static final class PhraseRoute extends Query {
    final PhraseQuery phrase;

    PhraseRoute(PhraseQuery phrase) {
      this.phrase = phrase;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) {
      return phrase;
    }

    @Override
    public void visit(QueryVisitor visitor) {
      if (visitor.acceptField(phrase.getField())) {
        visitor.visitLeaf(this);
      }
    }

    @Override
    public String toString(String field) {
      return phrase.toString(field);
    }

    @Override
    public boolean equals(Object other) {
      return sameClassAs(other) && phrase.equals(((PhraseRoute) other).phrase);
    }

    @Override
    public int hashCode() {
      return classHash() ^ phrase.hashCode();
    }
  }
}
