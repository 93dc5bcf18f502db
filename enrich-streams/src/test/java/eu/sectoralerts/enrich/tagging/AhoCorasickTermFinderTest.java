package eu.sectoralerts.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AhoCorasickTermFinderTest {

  private static List<String> find(TermFinder finder, String text) {
    List<String> found = new ArrayList<>();
    finder.find(text, (keyword, position) -> found.add(keyword + "@" + position));
    return found;
  }

  /**
   * The reference: every keyword tried at every position, reported in the finder's order (by last
   * character, the longest first).
   */
  private static List<String> naive(List<String> keywords, String text) {
    List<int[]> found = new ArrayList<>();
    for (int k = 0; k < keywords.size(); k++) {
      String keyword = keywords.get(k);
      for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
        found.add(new int[] {k, at, at + keyword.length()});
      }
    }
    found.sort(Comparator.<int[]>comparingInt(f -> f[2]).thenComparingInt(f -> f[1]));
    return found.stream().map(f -> f[0] + "@" + f[1]).toList();
  }

  private static String randomWord(Random random, String alphabet, int maxLength) {
    StringBuilder b = new StringBuilder();
    int length = 1 + random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  @Test
  void shouldReportEveryOccurrenceIncludingNestedAndOverlappingOnes() {
    TermFinder finder =
        AhoCorasickTermFinder.compile(List.of(" rail ", " high speed rail ", " rail rail "));

    assertThat(find(finder, " high speed rail rail "))
        .containsExactlyInAnyOrder("0@11", "1@0", "0@16", "2@11");
  }

  @Test
  void shouldReportOccurrencesByTheirEndTheLongestFirst() {
    TermFinder finder = AhoCorasickTermFinder.compile(List.of("c", "abc", "bc", "ab"));

    assertThat(find(finder, "xabcab")).containsExactly("3@1", "1@1", "2@2", "0@3", "3@4");
  }

  @Test
  void shouldFindWhatTryingEveryKeywordAtEveryPositionFinds() {
    Random random = new Random(20261123);
    for (int round = 0; round < 300; round++) {
      // few letters, so keywords share prefixes and suffixes and failure links run deep; a char
      // above Latin-1 like the tagger's word codes, and one no keyword has
      String alphabet = round % 2 == 0 ? "ab" : "abc\u0100\u2603";
      Set<String> distinct = new LinkedHashSet<>();
      int count = 1 + random.nextInt(40);
      while (distinct.size() < count) {
        distinct.add(randomWord(random, alphabet, 1 + random.nextInt(6)));
      }
      List<String> keywords = List.copyOf(distinct);
      AhoCorasickTermFinder finder = AhoCorasickTermFinder.compile(keywords);
      for (int t = 0; t < 5; t++) {
        String text = randomWord(random, alphabet + "~|", 200);

        assertThat(find(finder, text))
            .as("%s in %s", keywords, text)
            .isEqualTo(naive(keywords, text));
      }
    }
  }

  @Test
  void shouldFindNothingInATextWithoutKeywords() {
    TermFinder finder = AhoCorasickTermFinder.compile(List.of(" steel "));

    assertThat(find(finder, " steely resolve ")).isEmpty();
    assertThat(find(finder, "")).isEmpty();
  }

  @Test
  void shouldRejectAnEmptyKeyword() {
    assertThatThrownBy(() -> AhoCorasickTermFinder.compile(List.of(" a ", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyword 1 is empty");
  }

  @Test
  void shouldRejectAKeywordListedTwice() {
    assertThatThrownBy(() -> AhoCorasickTermFinder.compile(List.of("ab", "b", "ab")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyword 2 repeats keyword 0");
  }
}
