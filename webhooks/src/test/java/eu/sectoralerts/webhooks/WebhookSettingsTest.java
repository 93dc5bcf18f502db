package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  @Test
  void shouldDefaultToTheDocumentedValues() {
    assertThat(WebhookSettings.defaults())
        .isEqualTo(
            new WebhookSettings(
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                Duration.ofHours(24),
                64,
                4,
                false,
                false));
  }

  @Test
  void shouldRefuseInconsistentSettings() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new WebhookSettings(Duration.ZERO, s, s, s, 1, 1, false, false))
        .hasMessageContaining("requestTimeout must be positive");
    assertThatThrownBy(
            () -> new WebhookSettings(s, Duration.ofSeconds(2), s, s, 1, 1, false, false))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> new WebhookSettings(s, s, s, s, 0, 1, false, false))
        .hasMessageContaining("maxInFlight must be >= 1");
    assertThatThrownBy(() -> new WebhookSettings(s, s, s, s, 4, 5, false, false))
        .hasMessageContaining("maxInFlightPerEndpoint");
    assertThatThrownBy(() -> new WebhookSettings(s, s, s, null, 4, 1, false, false))
        .isInstanceOf(NullPointerException.class);
  }
}
