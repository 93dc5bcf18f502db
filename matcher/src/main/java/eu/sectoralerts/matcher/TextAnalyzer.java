package eu.sectoralerts.matcher;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The one analyzer of item text and keyword queries: StandardTokenizer, LowerCaseFilter,
 * EnglishPossessiveFilter ("China's" as "china"), EnglishMinimalStemFilter ("sanctions" as
 * "sanction", "batteries" as "battery").
 *
 * <p>The same chain on both sides is what makes a query word find its inflections. The stemmer is
 * the minimal one on purpose: it only strips plural endings, so the indexed form of a word still
 * starts like the word as written and a prefix query ({@code semiconductor*}, {@code export*},
 * which the query parser only lower-cases) finds the words it names; an aggressive stemmer (Porter:
 * "regulation" as "regul") would make {@code regulation*} miss "regulations". No stop words are
 * removed, so every word of a phrase counts.
 */
final class TextAnalyzer extends Analyzer {

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream stream = new LowerCaseFilter(source);
    stream = new EnglishPossessiveFilter(stream);
    stream = new EnglishMinimalStemFilter(stream);
    return new TokenStreamComponents(source, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    // What the query parser applies to wildcard, prefix, fuzzy and range terms.
    return new LowerCaseFilter(in);
  }
}
