package eu.sectoralerts.alert;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookWatchlistsTest {

  private final LiveTable<Watchlist> table = new LiveTable<>();
  private final WebhookWatchlists lookup = new WebhookWatchlists(table);

  @Test
  void shouldKnowWhichSubscribersHaveAWatchlistWithAWebhookAsTheyChange() {
    lookup.loaded(List.of(watchlist("wl-1", "acme", true), watchlist("wl-2", "globex", false)));
    assertThat(lookup.anyWebhookOf("acme")).isTrue();
    assertThat(lookup.anyWebhookOf("globex")).isFalse();

    lookup.put("wl-2", watchlist("wl-2", "globex", true));
    lookup.put("wl-3", watchlist("wl-3", "acme", true));
    assertThat(lookup.anyWebhookOf("globex")).isTrue();

    // acme keeps one webhook watchlist after losing the other.
    lookup.put("wl-1", watchlist("wl-1", "acme", false));
    assertThat(lookup.anyWebhookOf("acme")).isTrue();
    lookup.removed("wl-3");
    assertThat(lookup.anyWebhookOf("acme")).isFalse();

    // Replaying the same version changes nothing; removing a watchlist twice neither.
    lookup.put("wl-2", watchlist("wl-2", "globex", true));
    lookup.removed("wl-2");
    lookup.removed("wl-2");
    assertThat(lookup.anyWebhookOf("globex")).isFalse();
    assertThat(lookup.anyWebhookOf("nobody")).isFalse();
  }

  @Test
  void shouldStartAfreshWhenTheTableIsLoadedAgain() {
    lookup.put("wl-1", watchlist("wl-1", "acme", true));
    lookup.loaded(List.of(watchlist("wl-9", "initech", true)));

    assertThat(lookup.anyWebhookOf("acme")).isFalse();
    assertThat(lookup.anyWebhookOf("initech")).isTrue();
  }

  private static Watchlist watchlist(String id, String subscriber, boolean webhook) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId(subscriber)
        .setName(id)
        .setWebhook(
            webhook ? new WebhookTarget("https://hooks.example.com/" + id, "whsec_x") : null)
        .setCreatedAt(at)
        .setUpdatedAt(at)
        .build();
  }
}
