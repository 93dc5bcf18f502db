package eu.sectoralerts.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchlistInputTest {

  @TempDir Path dir;

  @Test
  void shouldReadWatchlistsInTheJsonTheAlertApiAcceptsWithTheirSubscriber() throws Exception {
    Path file =
        write(
            """
            [
              {"subscriberId": "acme", "id": "wl-trains", "name": "Trains",
               "sectors": ["rail"], "minLevel": "LOW", "kinds": ["POLICY"]},
              {"subscriberId": "globex", "name": "Cells", "sectors": ["batteries"],
               "query": "lithium AND cathode", "webhookUrl": "https://example.org/hook",
               "createdAt": "2025-01-01T00:00:00Z"}
            ]
            """);

    WatchlistInput input = WatchlistInput.fromFile(file);

    assertThat(input.source()).isEqualTo(file.toString());
    assertThat(input.sha256()).hasSize(64);
    assertThat(input.watchlists()).hasSize(2);
    Watchlist trains =
        input.watchlists().stream().filter(w -> w.getId().equals("wl-trains")).findFirst().get();
    assertThat(trains.getSubscriberId()).isEqualTo("acme");
    assertThat(trains.getSectors()).containsExactly("rail");
    assertThat(trains.getMinLevel()).isEqualTo(RiskLevel.LOW);
    assertThat(trains.getKinds()).containsExactly(ItemKind.POLICY);
    Watchlist cells =
        input.watchlists().stream()
            .filter(w -> w.getSubscriberId().equals("globex"))
            .findFirst()
            .get();
    assertThat(cells.getId()).startsWith("wl-");
    assertThat(cells.getQuery()).isEqualTo("lithium AND cathode");
    assertThat(input.idsBySubscriber()).containsOnlyKeys("acme", "globex");
  }

  @Test
  void shouldDeriveTheSameIdsAndDigestFromTheSameFile() throws Exception {
    String text = "{\"watchlists\": [{\"subscriberId\": \"acme\", \"name\": \"Anything\"}]}";
    WatchlistInput first = WatchlistInput.fromFile(write(text));
    WatchlistInput second = WatchlistInput.fromFile(write(text));

    assertThat(second.watchlists()).isEqualTo(first.watchlists());
    assertThat(second.sha256()).isEqualTo(first.sha256());
  }

  @Test
  void shouldNameEveryInvalidWatchlistAndField() throws Exception {
    Path file =
        write(
            """
            [
              {"name": "No subscriber"},
              {"subscriberId": "acme", "name": "Bad", "sectors": ["trains"], "query": "a AND ("},
              {"subscriberId": "acme", "name": "Typo", "sektors": ["rail"]}
            ]
            """);

    assertThatThrownBy(() -> WatchlistInput.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchlists[0]: subscriberId is required")
        .hasMessageContaining("watchlists[1]: sectors[0] is not a sector id")
        .hasMessageContaining("query")
        .hasMessageContaining("watchlists[2]")
        .hasMessageContaining("sektors");
  }

  @Test
  void shouldSayWhenTheFileIsNotJson() throws Exception {
    Path file = write("not json at all");

    assertThatThrownBy(() -> WatchlistInput.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not JSON");
  }

  @Test
  void shouldDigestGivenWatchlistsByContent() {
    WatchlistInput a = WatchlistInput.of("test", Fixtures.watchlists());
    WatchlistInput b = WatchlistInput.of("test", reversed(Fixtures.watchlists()));

    assertThat(b.sha256()).isEqualTo(a.sha256());
    assertThat(b.watchlists()).isEqualTo(a.watchlists());
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(dir, "watchlists", ".json");
    Files.writeString(file, text);
    return file;
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new java.util.ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
