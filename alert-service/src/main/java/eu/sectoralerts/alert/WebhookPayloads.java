package eu.sectoralerts.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.common.Json;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Renders the JSON body POSTed to a webhook: {@link ApiJson.WebhookPayload}, the alert as the API
 * shows it inside Standard Webhooks' {@code {"type", "timestamp", "data"}} envelope.
 */
final class WebhookPayloads implements Function<Alert, String> {

  private final ObjectMapper mapper = Json.newMapper();

  @Override
  public String apply(Alert alert) {
    try {
      return mapper.writeValueAsString(ApiJson.WebhookPayload.of(alert));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot render alert " + alert.getId(), e);
    }
  }
}
