package eu.sectoralerts.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

  private static List<String> originals(AnalyzedText text) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      words.add(text.original(i));
    }
    return words;
  }

  @Test
  void shouldCutWordsAtSpacesHyphensAndPunctuationKeepingInnerApostrophes() {
    AnalyzedText text = TextAnalyzer.analyze("", "Beijing's high-speed 5G plan (MIIT), R&D.");

    assertThat(originals(text))
        .containsExactly("Beijing's", "high", "speed", "5G", "plan", "MIIT", "R", "D");
  }

  @Test
  void shouldRecordExactOffsetsIntoTheOriginalFields() {
    String title = "Rail plan";
    String body = "  The NRA’s maglev  lines.";
    AnalyzedText text = TextAnalyzer.analyze(title, body);

    for (int i = 0; i < text.size(); i++) {
      String field = text.field(i) == AnalyzedText.TITLE ? title : body;
      assertThat(field.substring(text.start(i), text.end(i))).isEqualTo(text.original(i));
    }
    assertThat(text.fieldName(0)).isEqualTo("title");
    assertThat(text.fieldName(2)).isEqualTo("body");
    assertThat(text.original(3)).isEqualTo("NRA’s");
    assertThat(text.start(3)).isEqualTo(6);
  }

  @Test
  void shouldNormaliseCasePossessivesAndInflections() {
    AnalyzedText text = TextAnalyzer.analyze("", "China’s Localised Batteries");

    assertThat(text.norm(0)).isEqualTo("china");
    assertThat(text.norm(1)).isEqualTo(Stemmer.stem("localization"));
    assertThat(text.norm(2)).isEqualTo(Stemmer.stem("battery"));
  }

  @Test
  void shouldNumberEachTokenByTheVocabularyOfNormalForms() {
    Vocabulary vocabulary = Vocabulary.of(List.of("steel", Stemmer.stem("battery"), "china"));
    AnalyzedText text = TextAnalyzer.analyze("Steel", "China’s batteries, and STEEL's", vocabulary);

    List<Integer> words = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      words.add(text.word(i));
    }
    assertThat(words).containsExactly(0, 2, 1, -1, 0);
    assertThat(text.vocabulary()).isSameAs(vocabulary);
    assertThat(TextAnalyzer.analyze("", "steel").word(0)).isEqualTo(-1);
  }

  @Test
  void shouldCompareANormalFormWithoutMakingIt() {
    AnalyzedText text = TextAnalyzer.analyze("Rail", "Localised batteries");

    assertThat(text.normEquals(0, "rail")).isTrue();
    assertThat(text.normEquals(0, "rai")).isFalse();
    assertThat(text.normEquals(2, Stemmer.stem("battery"))).isTrue();
    assertThat(text.normEquals(2, "batteries")).isFalse();
    assertThat(text.norm(1)).isEqualTo(Stemmer.stem("localization")).isSameAs(text.norm(1));
  }

  @Test
  void shouldPutBarriersBetweenTitleAndBodyAndAtSentenceEnds() {
    AnalyzedText text = TextAnalyzer.analyze("Steel works", "Output dropped. Prices rose: sharply");

    assertThat(text.normalized()).isEqualTo(" steel work | output drop | price rose | sharpli ");
    assertThat(text.sentences()).isEqualTo(3);
    assertThat(text.sentence(0)).isEqualTo(text.sentence(1));
    assertThat(text.sentence(2)).isNotEqualTo(text.sentence(1));
    assertThat(text.sentence(5)).isEqualTo(text.sentence(4));
  }

  @Test
  void shouldNotEndASentenceAtDecimalsAbbreviationsOrBeforeLowerCase() {
    AnalyzedText text =
        TextAnalyzer.analyze("", "Revenue of 2.5 trillion, e.g. from U.S. export controls.");

    assertThat(text.sentences()).isEqualTo(1);
    assertThat(text.normalized()).doesNotContain("|");
  }

  @Test
  void shouldMarkTheTokensAPhraseMayNotRunInto() {
    AnalyzedText text = TextAnalyzer.analyze("Rail", "Note: steel, cement. Glass");

    assertThat(text.barrierBefore(0)).isTrue();
    assertThat(text.barrierBefore(1)).as("after the title").isTrue();
    assertThat(text.barrierBefore(2)).as("after a colon").isTrue();
    assertThat(text.barrierBefore(3)).as("after a comma").isFalse();
    assertThat(text.barrierBefore(4)).as("after a full stop").isTrue();
  }

  @Test
  void shouldNormaliseAPhraseLikeText() {
    assertThat(TextAnalyzer.normalize("Export Controls on chips"))
        .isEqualTo("export control on chip");
    assertThat(TextAnalyzer.words("high-speed rail")).containsExactly("high", "speed", "rail");
  }
}
