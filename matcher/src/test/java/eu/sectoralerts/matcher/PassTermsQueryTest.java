package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassTermsQueryTest {

  private static final String[] FIELDS = {"_pass0", "_pass1", "_pass2"};

  @Test
  void shouldSelectWhatAConjunctionOfTermSetsSelectsOverSegmentsWithDeletions() throws IOException {
    Random random = new Random(7);
    PassTermsQuery.PassPostings.Cache cache = new PassTermsQuery.PassPostings.Cache();
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriter writer =
            new IndexWriter(
                directory,
                new IndexWriterConfig(new KeywordAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (int segment = 0; segment < 4; segment++) {
        for (int doc = 0; doc < 300; doc++) {
          writer.addDocument(randomDocument(random, "q" + segment + "-" + doc));
        }
        writer.commit();
      }
      for (int deleted = 0; deleted < 120; deleted++) {
        writer.deleteDocuments(new Term("id", "q" + random.nextInt(4) + "-" + random.nextInt(300)));
      }
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        int nonEmpty = 0;
        for (int item = 0; item < 500; item++) {
          List<List<BytesRef>> termsOfPasses = new ArrayList<>();
          BooleanQuery.Builder expected = new BooleanQuery.Builder();
          for (String field : FIELDS) {
            List<BytesRef> terms = randomTerms(random, 1 + random.nextInt(12));
            termsOfPasses.add(terms);
            expected.add(new TermInSetQuery(field, terms), BooleanClause.Occur.FILTER);
          }
          Set<String> want = ids(searcher, expected.build());
          nonEmpty += want.isEmpty() ? 0 : 1;
          assertThat(ids(searcher, new PassTermsQuery(cache, FIELDS, termsOfPasses)))
              .isEqualTo(want);
        }
        // The comparison means something only if many items select some queries.
        assertThat(nonEmpty).isGreaterThan(100);
        assertThat(cache.size()).isEqualTo(reader.leaves().size());
      }
    }
  }

  @Test
  void shouldDropTheTablesOfSegmentsMergedAway() throws IOException {
    Random random = new Random(11);
    PassTermsQuery.PassPostings.Cache cache = new PassTermsQuery.PassPostings.Cache();
    List<List<BytesRef>> anyTerm = List.of(terms(), terms(), terms());
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      for (int segment = 0; segment < 3; segment++) {
        for (int doc = 0; doc < 50; doc++) {
          writer.addDocument(randomDocument(random, "q" + segment + "-" + doc));
        }
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        ids(new IndexSearcher(reader), new PassTermsQuery(cache, FIELDS, anyTerm));
        assertThat(cache.size()).isEqualTo(3);
      }
      writer.forceMerge(1);
      writer.commit();
      try (DirectoryReader merged = DirectoryReader.open(directory)) {
        Set<String> found =
            ids(new IndexSearcher(merged), new PassTermsQuery(cache, FIELDS, anyTerm));
        assertThat(found).hasSize(150);
        assertThat(cache.size()).isEqualTo(1);
      }
    }
  }

  /** Every term {@link #randomDocument} may use. */
  private static List<BytesRef> terms() {
    List<BytesRef> all = new ArrayList<>();
    for (int t = 0; t < 40; t++) {
      all.add(new BytesRef("body:t" + t));
    }
    return all;
  }

  private static Document randomDocument(Random random, String id) {
    Document doc = new Document();
    doc.add(new StringField("id", id, Field.Store.YES));
    for (String field : FIELDS) {
      for (BytesRef term : randomTerms(random, 1 + random.nextInt(3))) {
        doc.add(new StringField(field, term, Field.Store.NO));
      }
    }
    return doc;
  }

  private static List<BytesRef> randomTerms(Random random, int count) {
    List<BytesRef> terms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      terms.add(new BytesRef("body:t" + random.nextInt(40)));
    }
    return terms;
  }

  private static Set<String> ids(IndexSearcher searcher, Query query) throws IOException {
    Set<String> ids = new TreeSet<>();
    searcher.search(
        query,
        new SimpleCollector() {
          private org.apache.lucene.index.LeafReader reader;

          @Override
          protected void doSetNextReader(org.apache.lucene.index.LeafReaderContext context) {
            reader = context.reader();
          }

          @Override
          public void collect(int doc) throws IOException {
            ids.add(reader.storedFields().document(doc).get("id"));
          }

          @Override
          public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
          }
        });
    return ids;
  }
}
