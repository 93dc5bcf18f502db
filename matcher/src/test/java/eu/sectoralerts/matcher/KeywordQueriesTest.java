package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class KeywordQueriesTest {

  @Test
  void shouldAcceptTheClassicSyntaxOverTitleAndBody() {
    assertThat(KeywordQueries.problem("semiconductor* AND (export OR sanction*)")).isEmpty();
    assertThat(KeywordQueries.problem("\"export control\" -tariff")).isEmpty();
    assertThat(KeywordQueries.problem("title:lithium body:(graphite OR anode)")).isEmpty();
    assertThat(KeywordQueries.problem("expo?t^2 subsidy~1")).isEmpty();
  }

  @Test
  void shouldSearchAWordWithoutFieldInTitleAndBody() {
    Query query = KeywordQueries.parse("gallium");

    assertThat(query.toString()).isEqualTo("title:gallium body:gallium");
  }

  @Test
  void shouldAnalyzeQueryWordsAsItemText() {
    // Lower case, possessive and plural removed: "Sanctions" finds "sanction" and "sanctions".
    assertThat(KeywordQueries.parse("title:Sanctions").toString()).isEqualTo("title:sanction");
    assertThat(KeywordQueries.parse("title:China's").toString()).isEqualTo("title:china");
    // A hyphenated word is a phrase, not two alternatives.
    assertThat(KeywordQueries.parse("title:supply-chain").toString())
        .isEqualTo("title:\"supply chain\"");
    // Prefixes are only lower-cased.
    assertThat(KeywordQueries.parse("title:Semiconductor*").toString())
        .isEqualTo("title:semiconductor*");
  }

  @Test
  void shouldRejectAnUnknownField() {
    assertThat(KeywordQueries.problem("sector:rail AND lithium"))
        .contains("unknown field 'sector': use title or body");
  }

  @Test
  void shouldRejectTheMatchAllQueryAsAnUnknownField() {
    assertThat(KeywordQueries.problem("*:*")).contains("unknown field '*': use title or body");
  }

  @Test
  void shouldRejectALeadingWildcard() {
    assertThat(KeywordQueries.problem("battery AND *conductor"))
        .contains(
            "a word cannot start with a wildcard: '*conductor' (put at least one letter before * or"
                + " ?)");
    assertThat(KeywordQueries.problem("?xport")).get().asString().contains("'?xport'");
  }

  @Test
  void shouldSayWhereAParenthesisIsMissing() {
    assertThat(KeywordQueries.problem("lithium AND (graphite OR nickel"))
        .contains(
            "Cannot parse query at column 32: the query ends too early (a parenthesis or quotation"
                + " mark not closed, or an operator without a word after it?)");
  }

  @Test
  void shouldSayWhereAParenthesisIsOneTooMany() {
    assertThat(KeywordQueries.problem("lithium OR graphite) AND nickel"))
        .contains("Cannot parse query at column 20: unexpected ')' (no parenthesis is open here)");
  }

  @Test
  void shouldSayWhereAnOperatorLacksAWord() {
    assertThat(KeywordQueries.problem("AND lithium"))
        .contains(
            "Cannot parse query at column 1: unexpected 'AND' (an operator needs a word on each"
                + " side)");
  }

  @Test
  void shouldSayThatAQuoteIsNotClosed() {
    assertThat(KeywordQueries.problem("\"rare earth magnets"))
        .contains("Cannot parse query at column 20: a quotation mark is not closed");
  }

  @Test
  void shouldRejectABlankQuery() {
    assertThat(KeywordQueries.problem("  \t ")).contains("query is blank");
    assertThat(KeywordQueries.problem("")).contains("query is blank");
  }

  @Test
  void shouldRejectAQueryOfMoreThanAThousandCharacters() {
    String longest = "a".repeat(KeywordQueries.MAX_LENGTH);

    assertThat(KeywordQueries.problem(longest)).isEmpty();
    assertThat(KeywordQueries.problem(longest + "b"))
        .contains("query is too long: 1001 characters, at most 1000");
  }

  @Test
  void shouldRejectAQueryWithTooManyClauses() {
    // 130 words, each looked for in title and body: 260 clauses.
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 130; i++) {
      words.append("w").append(i).append(' ');
    }

    assertThat(KeywordQueries.problem(words.toString()))
        .contains("query has too many clauses: 260 once expanded to title and body, at most 256");
  }

  @Test
  void shouldRejectAQueryThatOnlyExcludesWords() {
    assertThat(KeywordQueries.problem("-tariff"))
        .contains(
            "query only excludes words: NOT and '-' need a word to look for beside them, as in"
                + " 'export -tariff'");
    assertThat(KeywordQueries.problem("lithium AND (NOT tariff)"))
        .get()
        .asString()
        .startsWith("query only excludes words in a group");
  }

  @Test
  void shouldRejectAQueryWithoutAnyWord() {
    assertThat(KeywordQueries.problem("title:\"--\"")).contains("query has no word to look for");
  }

  @Test
  void shouldThrowTheProblemAsAnInvalidQueryException() {
    assertThatThrownBy(() -> KeywordQueries.parse("headline:rail"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("unknown field 'headline': use title or body");
  }

  @Test
  void shouldNeverNameLuceneClassesInAProblem() {
    for (String text :
        new String[] {"/[a-/", "title:", "a && && b", "\"x", "x\\", "[a TO", "x~3.5", ")"}) {
      Optional<String> problem = KeywordQueries.problem(text);
      assertThat(problem).as(text).isPresent();
      assertThat(problem.get()).as(text).doesNotContain("Exception", "org.apache", "lucene");
    }
  }
}
