package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.TextMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordRuleTest {

  @Test
  void shouldMatchWholeWordsOnlyAndReportOffsets() {
    KeywordRule rule = new KeywordRule("r", "rail", List.of("rail"), false);

    List<TextMatch> matches = rule.find("body", "Rail and trail, guardrail; rail.");

    assertThat(matches)
        .containsExactly(
            new TextMatch("body", 0, 4, "Rail"), new TextMatch("body", 27, 31, "rail"));
  }

  @Test
  void shouldTreatSpacesAndHyphensAlikeInsidePhrases() {
    KeywordRule rule = new KeywordRule("r", "rail", List.of("high-speed rail"), false);

    assertThat(rule.find("title", "high speed rail and high-speed  rail"))
        .extracting(TextMatch::getText)
        .containsExactly("high speed rail", "high-speed  rail");
  }

  @Test
  void shouldLetAStarredPhraseContinueItsLastWord() {
    KeywordRule rule = new KeywordRule("r", "rail", List.of("railway*"), false);

    assertThat(rule.find("body", "railways, railway and railwayman but not rail"))
        .extracting(TextMatch::getText)
        .containsExactly("railways", "railway", "railwayman");
  }

  @Test
  void shouldPreferTheLongestOfOverlappingPhrases() {
    KeywordRule rule = new KeywordRule("r", "firm", List.of("Mercedes", "Mercedes-Benz"), true);

    assertThat(rule.find("body", "Mercedes-Benz and Mercedes"))
        .containsExactly(
            new TextMatch("body", 0, 13, "Mercedes-Benz"),
            new TextMatch("body", 18, 26, "Mercedes"));
  }

  @Test
  void shouldRespectCaseForCaseSensitiveRules() {
    KeywordRule body = new KeywordRule("b", "MOST", List.of("MOST"), true);

    assertThat(body.find("body", "most firms; MOST said"))
        .extracting(TextMatch::getStart)
        .containsExactly(12);
  }

  @Test
  void shouldMatchEitherApostrophe() {
    KeywordRule rule = new KeywordRule("b", "NPC", List.of("People's Congress"), true);

    assertThat(rule.find("body", "People’s Congress and People's Congress")).hasSize(2);
  }

  @Test
  void shouldRejectAPhraseWithoutLettersOrDigits() {
    assertThatThrownBy(() -> new KeywordRule("r", "x", List.of("-*"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no letter or digit");
  }
}
