package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TextMatch;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
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
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Runs keyword queries against one item, indexed alone (with offsets), and explains a match: the
 * {@code query} reason lists the distinct matched words as written, and highlights each matched
 * word or phrase with its offsets in the title or body. Both matchers use this, so they agree on
 * what a query matches and how it is explained.
 */
final class KeywordSearch implements Closeable {

  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  /** Rewrites queries the same for every item; an empty reader holds nothing to change. */
  private static final IndexSearcher NO_ITEM = emptySearcher();

  private final IndexSearcher searcher;
  private final LeafReaderContext leaf;
  private final ItemFacts item;
  private final Closeable owned;

  KeywordSearch(IndexSearcher searcher, ItemFacts item) {
    this(searcher, item, null);
  }

  private KeywordSearch(IndexSearcher searcher, ItemFacts item, Closeable owned) {
    this.searcher = searcher;
    this.owned = owned;
    // One item per searcher: nothing worth caching, and the shared cache would only cost.
    searcher.setQueryCache(null);
    this.leaf = searcher.getIndexReader().leaves().get(0);
    this.item = item;
  }

  /**
   * The item's title and body in an in-memory index of their own, with offsets. Lucene's {@code
   * MemoryIndex}, which the monitor uses, is in lucene-memory, which is not in the build's managed
   * dependencies (the monitor only brings it at run time); a one-document index in a {@link
   * ByteBuffersDirectory} analyzes and matches the same (the agreement tests compare them), at well
   * under a millisecond per item (about 0.3 ms for 1.7 KB), nothing next to checking every
   * watchlist.
   */
  static KeywordSearch index(ItemFacts item) {
    // Only heap: nothing to release but the reader, which close() does.
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (IndexWriter writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(KeywordQueries.analyzer())
                .setMergePolicy(NoMergePolicy.INSTANCE))) {
      Document doc = new Document();
      doc.add(new Field(KeywordQueries.TITLE, item.title(), TEXT_WITH_OFFSETS));
      doc.add(new Field(KeywordQueries.BODY, item.body(), TEXT_WITH_OFFSETS));
      writer.addDocument(doc);
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index item text in memory", e);
    }
    try {
      DirectoryReader reader = DirectoryReader.open(directory);
      return new KeywordSearch(new IndexSearcher(reader), item, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read item text indexed in memory", e);
    }
  }

  /**
   * {@code keywords} rewritten for any item, when its rewriting does not depend on the item (the
   * usual case: words, phrases and wildcards; not fuzzy words, which rewrite to the item's similar
   * words), so that matching skips it; else null, and each item rewrites it.
   */
  static Query rewriteOnce(Query keywords) {
    if (!rewritesAlikeForAnyItem(keywords)) {
      return null;
    }
    try {
      return NO_ITEM.rewrite(keywords);
    } catch (IOException | RuntimeException e) {
      // It fails again when it runs, and is reported then.
      return null;
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
   * @param rewritten {@code keywords} as {@link #rewriteOnce} gave it, or null
   * @throws IOException or a runtime exception when the query cannot run (too many clauses)
   */
  MatchReason reason(Query keywords, Query rewritten) throws IOException {
    Query runnable = rewritten != null ? rewritten : searcher.rewrite(keywords);
    Weight weight = searcher.createWeight(runnable, ScoreMode.COMPLETE_NO_SCORES, 1f);
    Matches matches = weight.matches(leaf, 0);
    if (matches == null) {
      return null;
    }
    List<TextMatch> highlights = new ArrayList<>();
    Set<String> words = new LinkedHashSet<>();
    for (String field : KeywordQueries.FIELDS) {
      MatchesIterator spans = matches.getMatches(field);
      if (spans == null) {
        continue;
      }
      String text = item.text(field);
      List<int[]> found = new ArrayList<>();
      while (spans.next()) {
        int start = spans.startOffset();
        int end = spans.endOffset();
        if (start >= 0 && end > start && end <= text.length()) {
          found.add(new int[] {start, end});
        }
      }
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
    return new MatchReason("query", List.copyOf(words), highlights);
  }

  /** Releases the index {@link #index} built. */
  @Override
  public void close() throws IOException {
    if (owned != null) {
      owned.close();
    }
  }

  private static IndexSearcher emptySearcher() {
    try {
      return new IndexSearcher(new MultiReader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FieldType textWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }
}
