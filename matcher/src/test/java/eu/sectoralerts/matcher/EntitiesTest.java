package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class EntitiesTest {

  @Test
  void shouldLowerCaseAndJoinWordsWithOneSpace() {
    assertThat(Entities.normalize("  Knorr-Bremse   AG ")).isEqualTo("knorr bremse ag");
  }

  @Test
  void shouldTreatEveryRunOfPunctuationAsOneSpace() {
    assertThat(Entities.normalize("S.p.A. -- (Milano)")).isEqualTo("s p a milano");
  }

  @Test
  void shouldFoldCompatibilityCharactersWithNfkc() {
    // Full-width letters and the "ﬁ" ligature fold to plain letters.
    assertThat(Entities.normalize("ＡＢＢ Ｅｎｅｒｇｙ")).isEqualTo("abb energy");
    assertThat(Entities.normalize("Fiﬁ Holdings")).isEqualTo("fifi holdings");
  }

  @Test
  void shouldKeepLettersOfOtherScriptsAndDigits() {
    assertThat(Entities.normalize("比亚迪 BYD 2024")).isEqualTo("比亚迪 byd 2024");
    assertThat(Entities.normalize("Dräger")).isEqualTo("dräger");
  }

  @Test
  void shouldLowerCaseIndependentlyOfTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr"));
    try {
      // Turkish would lower-case the dotted capital I to a dotless ı.
      assertThat(Entities.normalize("INFINEON")).isEqualTo("infineon");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldGiveNothingForANameWithoutLettersOrDigits() {
    assertThat(Entities.normalize(" -- & ")).isEmpty();
  }
}
