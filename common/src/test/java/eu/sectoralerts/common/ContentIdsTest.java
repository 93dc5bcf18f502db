package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentIdsTest {

  @Test
  void shouldHashTheNulJoinedPartsBehindThePrefix() {
    // printf 'a\0b' | sha256sum: 59b271ae1bbcb1d3...
    assertThat(ContentIds.of("x-", "a", "b")).isEqualTo("x-59b271ae1bbcb1d3");
  }

  @Test
  void shouldGiveTheSameIdForTheSameContentOnly() {
    assertThat(ContentIds.of("itm-", "rail", "plan"))
        .isEqualTo(ContentIds.of("itm-", "rail", "plan"));
    assertThat(ContentIds.of("itm-", "rail", "plan"))
        .isNotEqualTo(ContentIds.of("itm-", "railplan"));
  }
}
