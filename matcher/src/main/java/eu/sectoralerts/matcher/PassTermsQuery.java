package eu.sectoralerts.matcher;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The presearch query of {@link MultipassPresearcher}: the queries indexed under at least one of an
 * item's terms in every pass. It finds the same documents as a conjunction of one {@link
 * org.apache.lucene.search.TermInSetQuery} per pass, but looks each term up in a hash table of its
 * segment's pass terms ({@link PassPostings}, built once per segment) where the term set query
 * seeks it in the sorted term dictionary and then reads its postings: those seeks were most of the
 * presearch, which was half of the matcher's samples in the bench's alert stream thread.
 */
final class PassTermsQuery extends Query {

  private final PassPostings.Cache cache;
  private final String[] fields;
  private final BytesRef[][] termsOfPasses;

  /**
   * @param fields the field of each pass
   * @param termsOfPasses the item's terms in each pass, none empty
   */
  PassTermsQuery(PassPostings.Cache cache, String[] fields, List<List<BytesRef>> termsOfPasses) {
    this.cache = Objects.requireNonNull(cache, "cache");
    if (fields.length != termsOfPasses.size()) {
      throw new IllegalArgumentException("one term list per pass field");
    }
    this.fields = fields.clone();
    this.termsOfPasses = new BytesRef[fields.length][];
    for (int pass = 0; pass < fields.length; pass++) {
      this.termsOfPasses[pass] = termsOfPasses.get(pass).toArray(new BytesRef[0]);
    }
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        FixedBitSet selected = select(context.reader());
        if (selected == null) {
          return null;
        }
        // The cardinality as cost: exact, and cheap over the few words of a query index segment.
        return new ConstantScoreScorer(
            this, score(), scoreMode, new BitSetIterator(selected, selected.cardinality()));
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        // Different for every item: caching would only fill the cache.
        return false;
      }
    };
  }

  /** The documents of {@code reader} with a term of every pass, or null when there are none. */
  FixedBitSet select(LeafReader reader) throws IOException {
    PassPostings postings = cache.of(reader, fields);
    FixedBitSet selected = null;
    FixedBitSet pass = null;
    for (int p = 0; p < fields.length; p++) {
      Map<BytesRef, int[]> ofPass = postings.ofPass(p);
      if (pass == null) {
        pass = new FixedBitSet(reader.maxDoc());
      } else {
        pass.clear();
      }
      boolean any = false;
      for (BytesRef term : termsOfPasses[p]) {
        int[] docs = ofPass.get(term);
        if (docs != null) {
          any = true;
          for (int doc : docs) {
            pass.set(doc);
          }
        }
      }
      if (!any) {
        return null;
      }
      if (selected == null) {
        selected = pass;
        pass = null;
      } else {
        selected.and(pass);
      }
    }
    return selected;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    StringBuilder out = new StringBuilder("PassTerms(");
    for (int pass = 0; pass < fields.length; pass++) {
      out.append(pass == 0 ? "" : " ").append(fields[pass]).append(':');
      out.append(termsOfPasses[pass].length).append(" terms");
    }
    return out.append(')').toString();
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && Arrays.equals(fields, ((PassTermsQuery) other).fields)
        && Arrays.deepEquals(termsOfPasses, ((PassTermsQuery) other).termsOfPasses);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + Arrays.hashCode(fields)) + Arrays.deepHashCode(termsOfPasses);
  }

  /**
   * The postings of every term of the pass fields of one segment, by term: read once when a segment
   * is first searched, and dropped with the segment. A query index segment never changes (updates
   * and merges make new segments), and deleted documents are left out by the searcher, so the table
   * stays right as long as the segment lives.
   */
  static final class PassPostings {

    private final Map<BytesRef, int[]>[] byPass;

    private PassPostings(Map<BytesRef, int[]>[] byPass) {
      this.byPass = byPass;
    }

    Map<BytesRef, int[]> ofPass(int pass) {
      return byPass[pass];
    }

    @SuppressWarnings("unchecked")
    static PassPostings read(LeafReader reader, String[] fields) throws IOException {
      Map<BytesRef, int[]>[] byPass = new Map[fields.length];
      PostingsEnum docs = null;
      int[] buffer = new int[16];
      for (int pass = 0; pass < fields.length; pass++) {
        Map<BytesRef, int[]> ofPass = new HashMap<>();
        Terms terms = reader.terms(fields[pass]);
        if (terms != null) {
          TermsEnum each = terms.iterator();
          for (BytesRef term = each.next(); term != null; term = each.next()) {
            docs = each.postings(docs, PostingsEnum.NONE);
            int count = 0;
            for (int doc = docs.nextDoc();
                doc != DocIdSetIterator.NO_MORE_DOCS;
                doc = docs.nextDoc()) {
              buffer = ArrayUtil.grow(buffer, count + 1);
              buffer[count++] = doc;
            }
            ofPass.put(BytesRef.deepCopyOf(term), Arrays.copyOf(buffer, count));
          }
        }
        byPass[pass] = ofPass;
      }
      return new PassPostings(byPass);
    }

    /**
     * The tables of the segments searched, by segment core: each made by the first search of its
     * segment, and removed when the segment is closed.
     */
    static final class Cache {
      private final Map<IndexReader.CacheKey, PassPostings> bySegment = new ConcurrentHashMap<>();

      PassPostings of(LeafReader reader, String[] fields) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
          // Not a segment of a directory reader (none in the monitor): nothing to key it by.
          return read(reader, fields);
        }
        IndexReader.CacheKey key = helper.getKey();
        PassPostings cached = bySegment.get(key);
        if (cached != null) {
          return cached;
        }
        PassPostings read = read(reader, fields);
        PassPostings raced = bySegment.putIfAbsent(key, read);
        if (raced != null) {
          return raced;
        }
        helper.addClosedListener(bySegment::remove);
        return read;
      }

      /** Segments held: for tests. */
      int size() {
        return bySegment.size();
      }
    }
  }
}
