package eu.sectoralerts.registry.server;

import static eu.sectoralerts.registry.server.Fixtures.READING_REQUIRED_FIELD;
import static eu.sectoralerts.registry.server.Fixtures.READING_V1;
import static eu.sectoralerts.registry.server.Fixtures.READING_V2;
import static eu.sectoralerts.registry.server.Fixtures.READING_WITHOUT_KWH;
import static eu.sectoralerts.registry.server.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.registry.server.CompatibilityLevel.Previous;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

  private static final List<Previous> V1 = List.of(new Previous(1, parse(READING_V1)));

  @Test
  void shouldAcceptAnOptionalFieldWithADefaultAtEveryLevel() {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      assertThat(level.problems(parse(READING_V2), V1)).as(level.name()).isEmpty();
    }
  }

  @Test
  void shouldRejectARequiredNewFieldUnderBackwardButNotUnderForward() {
    assertThat(CompatibilityLevel.BACKWARD.problems(parse(READING_REQUIRED_FIELD), V1))
        .singleElement()
        .asString()
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "tariff", "version 1");
    assertThat(CompatibilityLevel.FORWARD.problems(parse(READING_REQUIRED_FIELD), V1)).isEmpty();
    assertThat(CompatibilityLevel.FULL.problems(parse(READING_REQUIRED_FIELD), V1)).hasSize(1);
    assertThat(CompatibilityLevel.NONE.problems(parse(READING_REQUIRED_FIELD), V1)).isEmpty();
  }

  @Test
  void shouldRejectDroppingAFieldWithoutDefaultUnderForwardButNotUnderBackward() {
    assertThat(CompatibilityLevel.BACKWARD.problems(parse(READING_WITHOUT_KWH), V1)).isEmpty();
    assertThat(CompatibilityLevel.FORWARD.problems(parse(READING_WITHOUT_KWH), V1))
        .singleElement()
        .asString()
        .contains("kwh");
  }

  @Test
  void shouldCompareOnlyWithTheLatestVersionUnlessTransitive() {
    // Version 2 already dropped kwh: it reads the candidate's data, version 1 (kwh required) not.
    List<Previous> history =
        List.of(new Previous(1, parse(READING_V1)), new Previous(2, parse(READING_WITHOUT_KWH)));
    assertThat(CompatibilityLevel.FORWARD.problems(parse(READING_WITHOUT_KWH), history)).isEmpty();
    assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.problems(parse(READING_WITHOUT_KWH), history))
        .singleElement()
        .asString()
        .contains("version 1 cannot read");
  }

  @Test
  void shouldParseLevelNamesCaseInsensitivelyAndRefuseUnknownOnes() {
    assertThat(CompatibilityLevel.parse("full_transitive"))
        .contains(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
    assertThat(CompatibilityLevel.parse(null)).isEmpty();
  }
}
