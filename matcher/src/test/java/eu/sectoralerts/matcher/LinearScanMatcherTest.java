package eu.sectoralerts.matcher;

import static eu.sectoralerts.matcher.Fixtures.item;
import static eu.sectoralerts.matcher.Fixtures.watchlist;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearScanMatcherTest {

  @Test
  void shouldLeaveInvalidWatchlistsOutAndListThem() {
    LinearScanMatcher matcher =
        LinearScanMatcher.of(
            List.of(
                watchlist("wl-ok").setQuery("maintenance").build(),
                watchlist("wl-bad").setQuery("title:(maintenance").build()));

    assertThat(matcher.size()).isEqualTo(1);
    assertThat(matcher.invalid()).containsOnlyKeys("wl-bad");
    assertThat(matcher.match(item("itm-1").build()).matchedIds()).containsExactly("wl-ok");
  }

  @Test
  void shouldKeepTheLastOfSeveralWatchlistsWithOneId() {
    LinearScanMatcher matcher =
        LinearScanMatcher.of(
            List.of(
                watchlist("wl-1").setQuery("title:(maintenance").build(),
                watchlist("wl-1").setQuery("maintenance").build()));

    assertThat(matcher.invalid()).isEqualTo(Map.of());
    assertThat(matcher.match(item("itm-1").build()).matchedIds()).containsExactly("wl-1");
  }
}
