package eu.sectoralerts.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void shouldNumberWordsByTheirPosition() {
    Vocabulary vocabulary = Vocabulary.of(List.of("rail", "steel", "s", ""));

    assertThat(vocabulary.size()).isEqualTo(4);
    assertThat(vocabulary.idOf("rail")).isZero();
    assertThat(vocabulary.idOf("steel")).isEqualTo(1);
    assertThat(vocabulary.idOf("s")).isEqualTo(2);
    assertThat(vocabulary.idOf("")).isEqualTo(3);
    assertThat(vocabulary.word(1)).isEqualTo("steel");
  }

  @Test
  void shouldKnowNoWordItWasNotGiven() {
    Vocabulary vocabulary = Vocabulary.of(List.of("rail", "steel"));

    assertThat(vocabulary.idOf("rails")).isEqualTo(-1);
    assertThat(vocabulary.idOf("rai")).isEqualTo(-1);
    assertThat(vocabulary.idOf("")).isEqualTo(-1);
    assertThat(Vocabulary.EMPTY.idOf("rail")).isEqualTo(-1);
  }

  @Test
  void shouldFindAWordInsideALargerBuffer() {
    Vocabulary vocabulary = Vocabulary.of(List.of("rail", "steel"));
    char[] buffer = "xxsteelxx".toCharArray();

    assertThat(vocabulary.idOf(buffer, 2, 7)).isEqualTo(1);
    assertThat(vocabulary.idOf(buffer, 2, 6)).isEqualTo(-1);
  }

  @Test
  void shouldTellApartWordsOfOneLengthAndTheSameEnds() {
    // words the table's hash cannot tell apart: same length, first two and last two letters
    Random random = new Random(7);
    Set<String> words = new LinkedHashSet<>();
    while (words.size() < 3000) {
      StringBuilder b = new StringBuilder("ab");
      int middle = random.nextInt(4);
      for (int i = 0; i < middle; i++) {
        b.append((char) ('a' + random.nextInt(26)));
      }
      words.add(random.nextInt(4) == 0 ? b.toString() : b.append("yz").toString());
    }
    List<String> list = new ArrayList<>(words);
    Vocabulary vocabulary = Vocabulary.of(list.subList(0, 2000));

    for (int i = 0; i < list.size(); i++) {
      assertThat(vocabulary.idOf(list.get(i))).as(list.get(i)).isEqualTo(i < 2000 ? i : -1);
    }
  }

  @Test
  void shouldRejectAWordListedTwice() {
    assertThatThrownBy(() -> Vocabulary.of(List.of("rail", "steel", "rail")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("word 2 is listed twice");
  }
}
