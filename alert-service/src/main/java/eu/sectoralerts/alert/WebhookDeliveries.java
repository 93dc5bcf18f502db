package eu.sectoralerts.alert;

import eu.sectoralerts.avro.WebhookDelivery;
import java.util.List;
import java.util.Optional;

/** The webhook delivery log the API shows, and redelivery. */
public interface WebhookDeliveries {

  /** The subscriber's deliveries, newest first, optionally of one watchlist only. */
  List<WebhookDelivery> list(String subscriberId, Optional<String> watchlistId, int limit);

  Optional<WebhookDelivery> find(String deliveryId);

  /** Schedules one more attempt right away; the delivery must exist. */
  WebhookDelivery redeliver(String deliveryId);
}
