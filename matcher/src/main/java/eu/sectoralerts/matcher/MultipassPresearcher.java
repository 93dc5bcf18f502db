package eu.sectoralerts.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * Multipass term filtering, the idea of Lucene's {@link
 * org.apache.lucene.monitor.MultipassTermFilteredPresearcher}: a query is indexed once per pass,
 * each time under the terms of another route through its conjunctions (its rarest clause first,
 * then the next), and an item selects it only if it has a term of every route. A query requiring an
 * entity and a sector is thus only selected by items naming the entity and in the sector.
 *
 * <p>What differs, each measured to matter at 100,000 queries:
 *
 * <ul>
 *   <li>All terms of a pass, whatever their field, are in one field of that pass ({@code
 *       body:lithium} in {@code _pass1}), so an item's presearch query is one term set per pass,
 *       not a disjunction over fields per pass.
 *   <li>This presearcher remembers in which passes each term is indexed, so an item's term only
 *       goes into the passes that have it: every term looked up in a pass is there (Lucene's looks
 *       every term up in every pass). Terms of removed queries are not forgotten, which only costs
 *       a lookup.
 *   <li>An item's presearch query ({@link PassTermsQuery}) looks its terms up in a hash table of
 *       each segment's pass terms, where term set queries seek each in the term dictionary.
 *   <li>Terms are indexed as plain keyword fields, where Lucene's version gives every field of
 *       every pass a hash with a 32 KB block of its own, about half a megabyte per pending query:
 *       loading 100,000 watchlists in large commits ran out of memory.
 * </ul>
 *
 * <p>Tried and dropped: indexing a query only with as many routes as it has, in fields per route
 * count (so that one-route queries are read once, not once per pass): the disjunction over route
 * counts cost more than it saved.
 */
final class MultipassPresearcher extends TermFilteredPresearcher {

  private static final String PASS_FIELD = "_pass";

  private final int passes;
  private final double minWeight;

  /** The pass fields, by pass. */
  private final String[] passFields;

  /** The pass terms of each query index segment searched. */
  private final PassTermsQuery.PassPostings.Cache postings =
      new PassTermsQuery.PassPostings.Cache();

  /** Field, then term: a bit per pass the term is indexed in. */
  private final Map<String, Map<BytesRef, Integer>> passesOfTerms = new ConcurrentHashMap<>();

  /**
   * @param minWeight a later pass only moves on to a clause weighing more than this (the others
   *     would select too many items to filter anything)
   */
  MultipassPresearcher(
      int passes, double minWeight, TermWeightor weightor, List<CustomQueryHandler> handlers) {
    super(weightor, handlers, Set.of());
    if (passes < 1 || passes > 16) {
      throw new IllegalArgumentException("passes must be from 1 to 16: " + passes);
    }
    this.passes = passes;
    this.minWeight = minWeight;
    this.passFields = new String[passes];
    for (int pass = 0; pass < passes; pass++) {
      passFields[pass] = passField(pass);
    }
  }

  private static String passField(int pass) {
    return PASS_FIELD + pass;
  }

  private static BytesRef passTerm(String field, BytesRef term) {
    BytesRefBuilder combined = new BytesRefBuilder();
    combined.copyChars(field);
    combined.append((byte) ':');
    combined.append(term);
    return combined.toBytesRef();
  }

  @Override
  protected DocumentQueryBuilder getQueryBuilder() {
    return new DocumentQueryBuilder() {
      private final List<List<BytesRef>> termsOfPasses = newLists(passes);

      @Override
      public void addTerm(String field, BytesRef term) {
        Map<BytesRef, Integer> ofField = passesOfTerms.get(field);
        Integer mask = ofField == null ? null : ofField.get(term);
        if (mask == null) {
          return;
        }
        BytesRef combined = passTerm(field, term);
        for (int pass = 0; pass < passes; pass++) {
          if ((mask & (1 << pass)) != 0) {
            termsOfPasses.get(pass).add(combined);
          }
        }
      }

      @Override
      public Query build() {
        for (int pass = 0; pass < passes; pass++) {
          if (termsOfPasses.get(pass).isEmpty()) {
            // No query has a route here: only those matching any item can be selected.
            return new MatchNoDocsQuery("no term in pass " + pass);
          }
        }
        return new PassTermsQuery(postings, passFields, termsOfPasses);
      }
    };
  }

  @Override
  protected Document buildQueryDocument(QueryTree tree) {
    Document doc = new Document();
    for (int pass = 0; pass < passes; pass++) {
      int bit = 1 << pass;
      int current = pass;
      tree.collectTerms(
          (field, term) -> {
            BytesRef copy = BytesRef.deepCopyOf(term);
            if (ANYTOKEN_FIELD.equals(field)) {
              // Selected by every item, whatever the passes.
              doc.add(new StringField(field, copy, Field.Store.NO));
              return;
            }
            // The plain field tells the monitor which of an item's terms to keep at all.
            doc.add(new StringField(field, copy, Field.Store.NO));
            doc.add(new StringField(passField(current), passTerm(field, copy), Field.Store.NO));
            passesOfTerms
                .computeIfAbsent(field, f -> new ConcurrentHashMap<>())
                .merge(copy, bit, (a, b) -> a | b);
          });
      tree.advancePhase(minWeight);
    }
    return doc;
  }

  private static List<List<BytesRef>> newLists(int count) {
    List<List<BytesRef>> lists = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}
