package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * {@link KeywordSearch} evaluates boolean queries clause by clause and runs each word, phrase or
 * prefix once per item; these tests hold it to what Lucene itself answers for the whole query: the
 * same match or no match, the same highlights, the same words.
 */
class KeywordSearchTest {

  private static final BooleanClause.Occur[] OCCURS = BooleanClause.Occur.values();

  @Test
  void shouldExplainRandomNestedQueriesExactlyAsLuceneMatchesWholeQueries() throws IOException {
    Random random = new Random(42);
    List<TaggedItem> items = RandomFixtures.items(60, 7);
    int matched = 0;
    int unmatched = 0;
    for (TaggedItem item : items) {
      ItemFacts facts = ItemFacts.of(item);
      KeywordSearch search = KeywordSearch.index(facts);
      try (DirectoryReader reference = referenceIndex(facts)) {
        IndexSearcher lucene = new IndexSearcher(reference);
        for (int q = 0; q < 60; q++) {
          Query query = randomQuery(random, 0);
          Query rewritten = lucene.rewrite(query);
          MatchReason expected = luceneReason(lucene, facts, rewritten);
          // Once with the query as compiled watchlists hold it, once rewritten per item.
          assertThat(
                  search.reason(query, KeywordSearch.planOnce(query, new KeywordSearch.Leaves())))
              .as("query %s on item %s", query, item.getItem().getId())
              .isEqualTo(expected);
          assertThat(search.reason(query, null)).isEqualTo(expected);
          if (expected == null) {
            unmatched++;
          } else {
            matched++;
          }
        }
      }
    }
    // Both outcomes were exercised plenty, so the comparison above could have caught a difference.
    assertThat(matched).isGreaterThan(300);
    assertThat(unmatched).isGreaterThan(300);
  }

  @Test
  void shouldRejectAnItemHavingAProhibitedWordEvenWhenEverythingElseMatches() throws IOException {
    TaggedItem item =
        Fixtures.item("itm-1").title("Gallium quota").body("A new gallium export licence.").build();
    ItemFacts facts = ItemFacts.of(item);
    KeywordSearch search = KeywordSearch.index(facts);
    Query query = KeywordQueries.parse("gallium AND export -licence");
    assertThat(search.reason(query, KeywordSearch.planOnce(query, new KeywordSearch.Leaves())))
        .isNull();
    Query allowed = KeywordQueries.parse("gallium AND export -tariff");
    MatchReason reason =
        search.reason(allowed, KeywordSearch.planOnce(allowed, new KeywordSearch.Leaves()));
    assertThat(reason.getMatched()).containsExactly("Gallium", "gallium", "export");
  }

  @Test
  void shouldListEachMatchedWordOnceInTheOrderOfTheText() throws IOException {
    // More distinct words than a short list holds, each written twice.
    List<String> words = new ArrayList<>();
    for (char c = 'a'; c <= 't'; c++) {
      words.add("rail" + c);
    }
    String body = String.join(" ", words) + " " + String.join(" ", words).toUpperCase();
    TaggedItem item = Fixtures.item("itm-2").title("Rail").body(body).build();
    KeywordSearch search = KeywordSearch.index(ItemFacts.of(item));
    Query query = KeywordQueries.parse("rail*");

    MatchReason reason =
        search.reason(query, KeywordSearch.planOnce(query, new KeywordSearch.Leaves()));

    List<String> expected = new ArrayList<>(List.of("Rail"));
    expected.addAll(words);
    words.forEach(word -> expected.add(word.toUpperCase()));
    assertThat(reason.getMatched()).containsExactlyElementsOf(expected);
    assertThat(reason.getHighlights()).hasSize(41);
  }

  @Test
  void shouldGiveWatchlistsPlannedTogetherOneLeafForTheWordTheyShare() {
    KeywordSearch.Leaves leaves = new KeywordSearch.Leaves();
    KeywordSearch.Plan first =
        KeywordSearch.planOnce(KeywordQueries.parse("gallium AND export"), leaves);
    KeywordSearch.Plan second =
        KeywordSearch.planOnce(KeywordQueries.parse("germanium OR gallium"), leaves);

    KeywordSearch.Plan galliumInFirst = leaf(first, "title:gallium");
    assertThat(galliumInFirst).isNotNull();
    assertThat(leaf(second, "title:gallium")).isSameAs(galliumInFirst);
    assertThat(leaf(second, "body:gallium")).isSameAs(leaf(first, "body:gallium"));
    assertThat(leaf(second, "title:germanium")).isNotEqualTo(galliumInFirst);
  }

  /** The leaf of {@code plan} that reads as {@code query}. */
  private static KeywordSearch.Plan leaf(KeywordSearch.Plan plan, String query) {
    if (plan instanceof KeywordSearch.Bool bool) {
      for (KeywordSearch.Clause clause : bool.clauses()) {
        KeywordSearch.Plan found = leaf(clause.plan(), query);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return plan.toString().equals(query) ? plan : null;
  }

  private static Query randomQuery(Random random, int depth) {
    if (depth >= 2 || random.nextInt(3) == 0) {
      return KeywordQueries.parse(RandomFixtures.query(random));
    }
    BooleanQuery.Builder bool = new BooleanQuery.Builder();
    int clauses = 1 + random.nextInt(4);
    int optional = 0;
    for (int i = 0; i < clauses; i++) {
      BooleanClause.Occur occur = OCCURS[random.nextInt(OCCURS.length)];
      optional += occur == BooleanClause.Occur.SHOULD ? 1 : 0;
      Query clause = randomQuery(random, depth + 1);
      bool.add(random.nextInt(5) == 0 ? new BoostQuery(clause, 2f) : clause, occur);
    }
    if (optional > 1 && random.nextBoolean()) {
      bool.setMinimumNumberShouldMatch(1 + random.nextInt(optional));
    }
    return bool.build();
  }

  /** What Lucene's own weight of the whole query matches, explained as the matcher explains it. */
  private static MatchReason luceneReason(IndexSearcher searcher, ItemFacts item, Query rewritten)
      throws IOException {
    Matches matches =
        searcher
            .createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f)
            .matches(searcher.getIndexReader().leaves().get(0), 0);
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
        if (spans.startOffset() >= 0
            && spans.endOffset() > spans.startOffset()
            && spans.endOffset() <= text.length()) {
          found.add(new int[] {spans.startOffset(), spans.endOffset()});
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

  private static DirectoryReader referenceIndex(ItemFacts item) throws IOException {
    FieldType withOffsets = new FieldType(TextField.TYPE_NOT_STORED);
    withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (IndexWriter writer =
        new IndexWriter(directory, new IndexWriterConfig(KeywordQueries.analyzer()))) {
      Document doc = new Document();
      doc.add(new Field(KeywordQueries.TITLE, item.title(), withOffsets));
      doc.add(new Field(KeywordQueries.BODY, item.body(), withOffsets));
      writer.addDocument(doc);
    }
    return DirectoryReader.open(directory);
  }
}
