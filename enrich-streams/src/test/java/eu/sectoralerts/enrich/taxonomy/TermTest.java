package eu.sectoralerts.enrich.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TermTest {

  @Test
  void shouldKeepAPlainPhraseAsItsOnlyVariant() {
    assertThat(Term.parse("rolling stock", 3).variants()).containsExactly("rolling stock");
  }

  @Test
  void shouldExpandGroupsIntoEveryCombination() {
    Term term = Term.parse("(foreign|overseas) (cloud|) vendors", 7);

    assertThat(term.variants())
        .containsExactly(
            "foreign cloud vendors",
            "foreign vendors",
            "overseas cloud vendors",
            "overseas vendors");
    assertThat(term.line()).isEqualTo(7);
  }

  @Test
  void shouldRejectMalformedGroups() {
    assertThatThrownBy(() -> Term.parse("(a|b", 1)).hasMessageContaining("unclosed '('");
    assertThatThrownBy(() -> Term.parse("a|b", 1)).hasMessageContaining("outside a group");
    assertThatThrownBy(() -> Term.parse("(a)", 1)).hasMessageContaining("has one choice");
    assertThatThrownBy(() -> Term.parse("(a|(b|c))", 1)).hasMessageContaining("nested");
    assertThatThrownBy(() -> Term.parse("(-|)", 1)).hasMessageContaining("without any letter");
  }

  @Test
  void shouldRejectAPhraseThatExpandsTooFar() {
    assertThatThrownBy(() -> Term.parse("(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p) (q|r)", 1))
        .hasMessageContaining("more than 256 variants");
  }

  @Test
  void shouldTreatCapitalisedWordsOfTwoLettersOrMoreAsAcronyms() {
    assertThat(Term.isAcronym("IT")).isTrue();
    assertThat(Term.isAcronym("EDA")).isTrue();
    assertThat(Term.isAcronym("C-V2X")).isTrue();
    assertThat(Term.isAcronym("5G")).isFalse();
    assertThat(Term.isAcronym("IoT")).isFalse();
    assertThat(Term.isAcronym("Rail")).isFalse();
  }
}
