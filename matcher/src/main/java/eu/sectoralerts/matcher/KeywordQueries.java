package eu.sectoralerts.matcher;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Watchlist keyword queries: Lucene's classic query syntax over an item's {@code title} and {@code
 * body} ({@code semiconductor* AND (export OR sanction*)}, {@code "export control"}, {@code
 * title:lithium}). A word without a field is looked for in both fields; words are combined with OR
 * unless an operator says otherwise; a word the analyzer splits ("supply-chain") becomes a phrase.
 * Words are analyzed as the item's text is ({@link TextAnalyzer}): lower case, possessives and
 * plural endings removed, so {@code sanction} finds "Sanctions".
 *
 * <p>Rules: not blank, at most {@value #MAX_LENGTH} characters, only the fields {@code title} and
 * {@code body}, no wildcard at the start of a word, at most {@value #MAX_CLAUSES} clauses once
 * expanded to both fields, and every group must look for at least one word (a group that only
 * excludes words would match nothing). A query breaking one is an {@link InvalidQueryException}
 * whose message says what is wrong and where.
 */
public final class KeywordQueries {

  /** The longest query accepted, in characters. */
  public static final int MAX_LENGTH = 1000;

  /**
   * The most clauses (words, phrases, wildcards; a word without a field counts twice) a query may
   * expand to; far below Lucene's limit of 1,024 per search, so a query accepted here cannot fail
   * for its size when it runs.
   */
  public static final int MAX_CLAUSES = 256;

  /** The item's title. */
  public static final String TITLE = "title";

  /** The item's body. */
  public static final String BODY = "body";

  static final List<String> FIELDS = List.of(TITLE, BODY);

  // Thread-safe and without state of its own: Lucene analyzers keep per-thread token streams.
  private static final Analyzer ANALYZER = new TextAnalyzer();

  private static final Pattern LEXICAL_COLUMN = Pattern.compile("column (\\d+)");

  private KeywordQueries() {}

  /** The analyzer of item text and queries. */
  static Analyzer analyzer() {
    return ANALYZER;
  }

  /**
   * {@code text} parsed into a Lucene query over {@code title} and {@code body}.
   *
   * @throws InvalidQueryException saying what is wrong and where
   */
  public static Query parse(String text) {
    if (text == null) {
      throw new InvalidQueryException("query is missing");
    }
    if (text.isBlank()) {
      throw new InvalidQueryException("query is blank");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidQueryException(
          "query is too long: " + text.length() + " characters, at most " + MAX_LENGTH);
    }
    Query query;
    try {
      query = new Parser().parse(text);
    } catch (ParseException e) {
      throw new InvalidQueryException(describe(e, text));
    } catch (TooComplexToDeterminizeException e) {
      throw new InvalidQueryException(
          "Cannot parse query: a wildcard or regular expression is too complex");
    } catch (IllegalArgumentException e) {
      // Lucene's own checks of regular expressions and fuzzy distances; their messages are words.
      throw new InvalidQueryException("Cannot parse query: " + e.getMessage());
    }
    checkGroups(query, query);
    int clauses = count(query, true);
    if (clauses > MAX_CLAUSES) {
      throw new InvalidQueryException(
          "query has too many clauses: "
              + clauses
              + " once expanded to title and body, at most "
              + MAX_CLAUSES);
    }
    if (count(query, false) == 0) {
      throw new InvalidQueryException("query has no word to look for");
    }
    return query;
  }

  /** Why {@code text} is not a valid query, or empty when it is. */
  public static Optional<String> problem(String text) {
    try {
      parse(text);
      return Optional.empty();
    } catch (InvalidQueryException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String describe(ParseException e, String text) {
    Throwable cause = e.getCause();
    if (cause instanceof Problem) {
      return cause.getMessage();
    }
    if (cause instanceof ParseException syntax && syntax.currentToken != null) {
      Token at = syntax.currentToken.next;
      if (at == null || at.kind == QueryParserConstants.EOF) {
        return "Cannot parse query at column "
            + (text.length() + 1)
            + ": the query ends too early (a parenthesis or quotation mark not closed, or an"
            + " operator without a word after it?)";
      }
      String hint =
          switch (at.kind) {
            case QueryParserConstants.AND,
                QueryParserConstants.OR,
                QueryParserConstants.NOT,
                QueryParserConstants.PLUS,
                QueryParserConstants.MINUS ->
                " (an operator needs a word on each side)";
            case QueryParserConstants.RPAREN -> " (no parenthesis is open here)";
            case QueryParserConstants.COLON -> " (a field name must be followed by a word)";
            default -> "";
          };
      // The parser counts columns from 0.
      return "Cannot parse query at column "
          + (at.beginColumn + 1)
          + ": unexpected '"
          + at.image
          + "'"
          + hint;
    }
    if (cause instanceof TokenMgrError lexical) {
      Matcher column = LEXICAL_COLUMN.matcher(String.valueOf(lexical.getMessage()));
      String where = column.find() ? " at column " + column.group(1) : "";
      String what;
      if (unclosedQuote(text)) {
        what = "a quotation mark is not closed";
      } else if (danglingBackslash(text)) {
        what = "the backslash at the end escapes nothing";
      } else {
        what = "a character cannot be read here (escape it with a backslash)";
      }
      return "Cannot parse query" + where + ": " + what;
    }
    if (cause instanceof IndexSearcher.TooManyClauses) {
      return "query has too many clauses";
    }
    if (cause instanceof ParseException plain && plain.getMessage() != null) {
      return "Cannot parse query: " + plain.getMessage();
    }
    return "Cannot parse query";
  }

  private static boolean danglingBackslash(String text) {
    int backslashes = 0;
    for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static boolean unclosedQuote(String text) {
    boolean open = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        open = !open;
      }
    }
    return open;
  }

  /** Rejects a group that only excludes words: Lucene would let it match nothing. */
  private static void checkGroups(Query query, Query top) {
    if (query instanceof BoostQuery boost) {
      checkGroups(boost.getQuery(), top);
    } else if (query instanceof BooleanQuery bool) {
      List<BooleanClause> clauses = bool.clauses();
      if (!clauses.isEmpty() && clauses.stream().allMatch(BooleanClause::isProhibited)) {
        throw new InvalidQueryException(
            "query only excludes words"
                + (query == top ? "" : " in a group")
                + ": NOT and '-' need a word to look for beside them, as in 'export -tariff'");
      }
      for (BooleanClause clause : clauses) {
        checkGroups(clause.getQuery(), top);
      }
    }
  }

  /** The leaves (terms, phrases, wildcards) of {@code query}, those excluded too or not. */
  private static int count(Query query, boolean excludedToo) {
    LeafCounter counter = new LeafCounter(new int[1], excludedToo);
    query.visit(counter);
    return counter.count[0];
  }

  private static final class LeafCounter extends QueryVisitor {
    private final int[] count;
    private final boolean excludedToo;

    LeafCounter(int[] count, boolean excludedToo) {
      this.count = count;
      this.excludedToo = excludedToo;
    }

    @Override
    public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
      return occur == BooleanClause.Occur.MUST_NOT && !excludedToo ? EMPTY_VISITOR : this;
    }

    @Override
    public void consumeTerms(Query query, Term... terms) {
      count[0]++;
    }

    @Override
    public void consumeTermsMatching(
        Query query, String field, Supplier<ByteRunAutomaton> automaton) {
      count[0]++;
    }

    @Override
    public void visitLeaf(Query query) {
      count[0]++;
    }
  }

  /** A rule of ours broken while parsing, with its message for the writer of the query. */
  private static final class Problem extends ParseException {
    Problem(String message) {
      super(message);
    }
  }

  /** The classic parser over both fields, refusing other fields and leading wildcards. */
  private static final class Parser extends MultiFieldQueryParser {

    Parser() {
      super(FIELDS.toArray(String[]::new), ANALYZER);
      setDefaultOperator(QueryParser.Operator.OR);
      setAllowLeadingWildcard(false);
      setSplitOnWhitespace(true);
      setAutoGeneratePhraseQueries(true);
    }

    private static void checkField(String field) throws Problem {
      if (field != null && !FIELDS.contains(field)) {
        throw new Problem("unknown field '" + field + "': use title or body");
      }
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
      checkField(field);
      return super.getFieldQuery(field, queryText, slop);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      checkField(field);
      return super.getFieldQuery(field, queryText, quoted);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
        throws ParseException {
      checkField(field);
      return super.getFuzzyQuery(field, termStr, minSimilarity);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      checkField(field);
      return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      checkField(field);
      if (termStr.startsWith("*") || termStr.startsWith("?")) {
        throw new Problem(
            "a word cannot start with a wildcard: '"
                + termStr
                + "' (put at least one letter before * or ?)");
      }
      return super.getWildcardQuery(field, termStr);
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
      checkField(field);
      return super.getRegexpQuery(field, termStr);
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      checkField(field);
      return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }
  }
}
