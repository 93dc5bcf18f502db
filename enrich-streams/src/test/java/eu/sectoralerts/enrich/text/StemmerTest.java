package eu.sectoralerts.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StemmerTest {

  static Stream<Arguments> variantsOfOneWord() {
    return Stream.of(
        Arguments.of(
            List.of(
                "localize",
                "localise",
                "localized",
                "localised",
                "localizing",
                "localising",
                "localizes",
                "localization",
                "localisation",
                "localizations")),
        Arguments.of(List.of("battery", "batteries")),
        Arguments.of(List.of("subsidy", "subsidies")),
        Arguments.of(List.of("subsidize", "subsidise", "subsidized", "subsidising")),
        Arguments.of(List.of("standardization", "standardisation", "standardize", "standardized")),
        Arguments.of(List.of("vehicle", "vehicles")),
        Arguments.of(List.of("produce", "produced", "producing", "produces")),
        Arguments.of(List.of("trade", "traded", "trading", "trades")),
        Arguments.of(List.of("ship", "ships", "shipping", "shipped")),
        Arguments.of(List.of("control", "controls", "controlled", "controlling")),
        Arguments.of(List.of("chip", "chips")),
        Arguments.of(List.of("process", "processes", "processing", "processed")),
        Arguments.of(List.of("manufacture", "manufactured", "manufacturing")),
        Arguments.of(List.of("sanction", "sanctions", "sanctioned")),
        Arguments.of(List.of("labour", "labor")),
        Arguments.of(List.of("favour", "favor", "favoured", "favored")),
        Arguments.of(List.of("centre", "center", "centres")),
        Arguments.of(List.of("fibre", "fiber")),
        Arguments.of(List.of("modelling", "modeling", "model")),
        Arguments.of(List.of("agree", "agreed")),
        Arguments.of(List.of("use", "using", "used")),
        Arguments.of(List.of("rise", "rising")),
        Arguments.of(List.of("enterprise", "enterprises")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variantsOfOneWord")
  void shouldFoldTheVariantsOfAWordOntoOneStem(List<String> variants) {
    String stem = Stemmer.stem(variants.get(0));

    assertThat(variants).allSatisfy(word -> assertThat(Stemmer.stem(word)).isEqualTo(stem));
  }

  @ParameterizedTest(name = "{0} <> {1}")
  @CsvSource({
    "local, localization",
    "plan, plane",
    "car, care",
    "new, news",
    "regulation, regulatory",
    "state, statement",
    "rail, trail",
    "mine, min",
    "general, generation"
  })
  void shouldKeepDifferentWordsApart(String one, String other) {
    assertThat(Stemmer.stem(one)).isNotEqualTo(Stemmer.stem(other));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"5g", "ipv6", "ev", "it", "café", "工业", "news", "status", "analysis", "access"})
  void shouldLeaveShortWordsNonLettersAndNonPluralsAlone(String word) {
    assertThat(Stemmer.stem(word)).isEqualTo(word);
  }

  @Test
  void shouldNotStripIngWhenNoVowelIsLeft() {
    assertThat(Stemmer.stem("string")).isEqualTo("string");
    assertThat(Stemmer.stem("bring")).isEqualTo("bring");
  }

  @Test
  void shouldMeasureVowelConsonantSequencesAsPorterDoes() {
    assertThat(Stemmer.measure("tree".toCharArray(), 4)).isZero();
    assertThat(Stemmer.measure("trouble".toCharArray(), 7)).isEqualTo(1);
    assertThat(Stemmer.measure("oaten".toCharArray(), 5)).isEqualTo(2);
  }
}
