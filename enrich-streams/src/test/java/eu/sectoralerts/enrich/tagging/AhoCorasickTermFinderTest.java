package eu.sectoralerts.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AhoCorasickTermFinderTest {

  private static List<String> find(TermFinder finder, String text) {
    List<String> found = new ArrayList<>();
    finder.find(text, (keyword, position) -> found.add(keyword + "@" + position));
    return found;
  }

  @Test
  void shouldReportEveryOccurrenceIncludingNestedAndOverlappingOnes() {
    TermFinder finder =
        AhoCorasickTermFinder.compile(List.of(" rail ", " high speed rail ", " rail rail "));

    assertThat(find(finder, " high speed rail rail "))
        .containsExactlyInAnyOrder("0@11", "1@0", "0@16", "2@11");
  }

  @Test
  void shouldFindNothingInATextWithoutKeywords() {
    TermFinder finder = AhoCorasickTermFinder.compile(List.of(" steel "));

    assertThat(find(finder, " steely resolve ")).isEmpty();
  }

  @Test
  void shouldRejectAnEmptyKeyword() {
    assertThatThrownBy(() -> AhoCorasickTermFinder.compile(List.of(" a ", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyword 1 is empty");
  }
}
