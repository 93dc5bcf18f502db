package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TextMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Runs keyword queries against one item, indexed alone (with offsets), and explains a match: the
 * {@code query} reason lists the distinct matched words as written, and highlights each matched
 * word or phrase with its offsets in the title or body. Both matchers use this, so they agree on
 * what a query matches and how it is explained. Not thread-safe: one per item being matched.
 */
final class KeywordSearch {

  /** Rewrites queries the same for every item; an empty reader holds nothing to change. */
  private static final IndexSearcher NO_ITEM = emptySearcher();

  private final ItemFacts item;

  /** Set when the search is opened: at once on a given searcher, else at the first query. */
  private IndexSearcher searcher;

  private LeafReaderContext leaf;

  /** What each query other than a boolean or a boost matched in this item, run once each. */
  private final Map<Leaf, LeafMatch> leaves = new HashMap<>();

  /** Searches the item already indexed alone in {@code searcher} (the monitor's). */
  KeywordSearch(IndexSearcher searcher, ItemFacts item) {
    this.item = item;
    open(searcher);
  }

  private KeywordSearch(ItemFacts item) {
    this.item = item;
  }

  private void open(IndexSearcher searcher) {
    this.searcher = searcher;
    // One item per searcher: nothing worth caching, and the shared cache would only cost.
    searcher.setQueryCache(null);
    this.leaf = searcher.getIndexReader().leaves().get(0);
  }

  /**
   * A search of the item's title and body, indexed in memory (Lucene's {@link MemoryIndex}, with
   * offsets, as the monitor indexes items) on the first query only: an item no watchlist gets as
   * far as its keywords for is never indexed.
   */
  static KeywordSearch index(ItemFacts item) {
    return new KeywordSearch(item);
  }

  private void openIndexed() {
    if (searcher != null) {
      return;
    }
    MemoryIndex index = new MemoryIndex(true);
    index.addField(KeywordQueries.TITLE, item.title(), KeywordQueries.analyzer());
    index.addField(KeywordQueries.BODY, item.body(), KeywordQueries.analyzer());
    open(index.createSearcher());
  }

  /**
   * {@code keywords} rewritten for any item and compiled for {@link #reason}, when its rewriting
   * does not depend on the item (the usual case: words, phrases and wildcards; not fuzzy words,
   * which rewrite to the item's similar words), so that matching skips both; else null, and each
   * item rewrites it. Each leaf is the one {@code leaves} holds for its query: watchlists planned
   * with the same {@code leaves} share the leaves of the words they share.
   */
  static Plan planOnce(Query keywords, Leaves leaves) {
    if (!rewritesAlikeForAnyItem(keywords)) {
      return null;
    }
    try {
      return plan(NO_ITEM.rewrite(keywords), leaves);
    } catch (IOException | RuntimeException e) {
      // It fails again when it runs, and is reported then.
      return null;
    }
  }

  /**
   * A rewritten query as {@link #matches} evaluates it: booleans as their clauses, boosts as what
   * they boost (a boost changes scores, never matches), every other query a {@link Leaf}.
   */
  static Plan plan(Query rewritten) {
    return plan(rewritten, null);
  }

  /** As {@link #plan(Query)}, its leaves {@code leaves}' own when given. */
  private static Plan plan(Query rewritten, Leaves leaves) {
    if (rewritten instanceof BoostQuery boost) {
      return plan(boost.getQuery(), leaves);
    }
    if (rewritten instanceof BooleanQuery bool) {
      List<Clause> clauses = new ArrayList<>(bool.clauses().size());
      for (BooleanClause clause : bool.clauses()) {
        clauses.add(new Clause(clause.getOccur(), plan(clause.getQuery(), leaves)));
      }
      return new Bool(List.copyOf(clauses), bool.getMinimumNumberShouldMatch());
    }
    Leaf leaf = new Leaf(rewritten);
    return leaves == null ? leaf : leaves.intern(leaf);
  }

  /** A compiled keyword query. */
  sealed interface Plan permits Bool, Leaf {}

  /** One clause of a boolean query. */
  record Clause(BooleanClause.Occur occur, Plan plan) {}

  /** A boolean query: its clauses and how many optional ones must match. */
  record Bool(List<Clause> clauses, int minimumShouldMatch) implements Plan {}

  /**
   * A query other than a boolean or a boost, the key of an item's cache of what such queries
   * matched. Its hash is computed once: Lucene's queries compute theirs on every call, hashing each
   * term's bytes, which cost more than the rest of a cache lookup.
   */
  static final class Leaf implements Plan {
    private final Query query;
    private final int hash;

    Leaf(Query query) {
      this.query = query;
      this.hash = query.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      return this == other
          || (other instanceof Leaf leaf && hash == leaf.hash && query.equals(leaf.query));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return query.toString();
    }
  }

  /**
   * One {@link Leaf} for each distinct query among the watchlists planned with it: an item's cache
   * of leaf matches then finds a word shared by many watchlists by identity, where two equal
   * queries of different watchlists are compared term by term (a fifth of the time spent checking
   * keyword queries at 100,000 watchlists). Held weakly, so a leaf goes with the last watchlist
   * using it. Thread-safe.
   */
  static final class Leaves {
    private final Map<Leaf, WeakReference<Leaf>> canonical = new WeakHashMap<>();

    /** The leaf equal to {@code leaf} already held, else {@code leaf}, held from now on. */
    synchronized Leaf intern(Leaf leaf) {
      WeakReference<Leaf> held = canonical.get(leaf);
      Leaf known = held == null ? null : held.get();
      if (known != null) {
        return known;
      }
      canonical.put(leaf, new WeakReference<>(leaf));
      return leaf;
    }
  }

  private static boolean rewritesAlikeForAnyItem(Query query) {
    boolean[] alike = {true};
    query.visit(
        new QueryVisitor() {
          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }

          @Override
          public void consumeTerms(Query leaf, Term... terms) {
            check(leaf);
          }

          @Override
          public void consumeTermsMatching(
              Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
            check(leaf);
          }

          @Override
          public void visitLeaf(Query leaf) {
            check(leaf);
          }

          private void check(Query leaf) {
            boolean known =
                leaf instanceof TermQuery
                    || leaf instanceof PhraseQuery
                    || (leaf instanceof MultiTermQuery multiTerm
                        && !(leaf instanceof FuzzyQuery)
                        && (multiTerm.getRewriteMethod()
                                == MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE
                            || multiTerm.getRewriteMethod()
                                == MultiTermQuery.CONSTANT_SCORE_REWRITE));
            alike[0] &= known;
          }
        });
    return alike[0];
  }

  /**
   * The {@code query} reason when {@code keywords} matches the item, else null.
   *
   * <p>Boolean and boosted queries are evaluated here clause by clause, exactly as Lucene's boolean
   * weight decides a match (a prohibited clause matching or a required one not matching rejects,
   * then enough optional ones must match, and at least one clause must) and highlights (the spans
   * of every required and matching optional clause); each other query, a word, a phrase or a
   * prefix, runs once per item however many watchlists use it. Many watchlists share their words (a
   * product, a place), so an item's matches cost a few Lucene searches, not one per watchlist.
   *
   * @param planned {@code keywords} as {@link #planOnce} gave it, or null
   * @throws IOException or a runtime exception when the query cannot run (too many clauses)
   */
  MatchReason reason(Query keywords, Plan planned) throws IOException {
    openIndexed();
    Plan runnable = planned != null ? planned : plan(searcher.rewrite(keywords));
    List<LeafMatch> matched = new ArrayList<>(4);
    if (!matches(runnable, matched)) {
      return null;
    }
    List<TextMatch> highlights = new ArrayList<>();
    Words words = new Words();
    for (int f = 0; f < KeywordQueries.FIELDS.size(); f++) {
      List<int[]> found = new ArrayList<>();
      for (LeafMatch leafMatch : matched) {
        found.addAll(leafMatch.spans.get(f));
      }
      if (found.isEmpty()) {
        continue;
      }
      String field = KeywordQueries.FIELDS.get(f);
      String text = item.text(field);
      found.sort(
          (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
      int[] previous = null;
      for (int[] span : found) {
        if (previous != null && previous[0] == span[0] && previous[1] == span[1]) {
          continue;
        }
        previous = span;
        String word = text.substring(span[0], span[1]);
        highlights.add(new TextMatch(field, span[0], span[1], word));
        words.add(word);
      }
    }
    return new MatchReason("query", words.list(), highlights);
  }

  /**
   * Distinct words in the order first seen. Most matches have a few, compared in a list; hashing
   * every highlighted word, a new string each, took a seventh of the time spent checking keyword
   * queries.
   */
  private static final class Words {
    private static final int LIST_ONLY = 16;
    private final List<String> list = new ArrayList<>(4);
    private Set<String> seen;

    void add(String word) {
      if (seen != null) {
        if (seen.add(word)) {
          list.add(word);
        }
      } else if (!list.contains(word)) {
        list.add(word);
        if (list.size() > LIST_ONLY) {
          seen = new HashSet<>(list);
        }
      }
    }

    List<String> list() {
      return List.copyOf(list);
    }
  }

  /**
   * Whether {@code query} matches the item, adding the matches of the leaves that make it match to
   * {@code into} (and nothing when it does not match).
   */
  private boolean matches(Plan plan, List<LeafMatch> into) throws IOException {
    if (plan instanceof Bool bool) {
      int mark = into.size();
      int optional = 0;
      for (Clause clause : bool.clauses()) {
        switch (clause.occur()) {
          case MUST_NOT -> {
            if (matches(clause.plan(), new ArrayList<>(2))) {
              truncate(into, mark);
              return false;
            }
          }
          case MUST, FILTER -> {
            if (!matches(clause.plan(), into)) {
              truncate(into, mark);
              return false;
            }
          }
          case SHOULD -> {
            if (matches(clause.plan(), into)) {
              optional++;
            }
          }
        }
      }
      if (optional < bool.minimumShouldMatch() || into.size() == mark) {
        truncate(into, mark);
        return false;
      }
      return true;
    }
    Leaf leaf = (Leaf) plan;
    LeafMatch leafMatch = leaves.get(leaf);
    if (leafMatch == null) {
      leafMatch = leafMatch(leaf.query);
      leaves.put(leaf, leafMatch);
    }
    if (leafMatch == LeafMatch.NONE) {
      return false;
    }
    into.add(leafMatch);
    return true;
  }

  private static void truncate(List<LeafMatch> list, int size) {
    list.subList(size, list.size()).clear();
  }

  /** What one query that is not boolean matches in the item, as Lucene finds it. */
  private LeafMatch leafMatch(Query query) throws IOException {
    Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
    Matches matches = weight.matches(leaf, 0);
    if (matches == null) {
      return LeafMatch.NONE;
    }
    List<List<int[]>> spans = new ArrayList<>(KeywordQueries.FIELDS.size());
    for (String field : KeywordQueries.FIELDS) {
      MatchesIterator iterator = matches.getMatches(field);
      List<int[]> found = new ArrayList<>(2);
      if (iterator != null) {
        int length = item.text(field).length();
        while (iterator.next()) {
          int start = iterator.startOffset();
          int end = iterator.endOffset();
          if (start >= 0 && end > start && end <= length) {
            found.add(new int[] {start, end});
          }
        }
      }
      spans.add(found);
    }
    return new LeafMatch(spans);
  }

  /**
   * A leaf query's match: its spans (start and end offsets) per field of {@link
   * KeywordQueries#FIELDS}, in that order; {@link #NONE} when it does not match.
   */
  private record LeafMatch(List<List<int[]>> spans) {
    static final LeafMatch NONE = new LeafMatch(List.of());
  }

  private static IndexSearcher emptySearcher() {
    try {
      return new IndexSearcher(new MultiReader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
