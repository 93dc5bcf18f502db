package eu.sectoralerts.alert;

import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.webhooks.WebhookDispatcher;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The delivery log of this instance's {@link WebhookDispatcher}. */
final class DispatcherDeliveries implements WebhookDeliveries {

  private final WebhookDispatcher dispatcher;

  DispatcherDeliveries(WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public List<WebhookDelivery> list(String subscriberId, Optional<String> watchlistId, int limit) {
    return dispatcher.deliveries(subscriberId, watchlistId, limit);
  }

  @Override
  public Optional<WebhookDelivery> find(String deliveryId) {
    return dispatcher.delivery(deliveryId);
  }

  @Override
  public WebhookDelivery redeliver(String deliveryId) {
    try {
      return dispatcher.redeliver(deliveryId);
    } catch (NoSuchElementException e) {
      throw ApiException.notFound("No delivery '" + deliveryId + "'");
    } catch (IllegalStateException e) {
      throw new UnavailableException("Cannot redeliver now: " + e.getMessage(), e);
    }
  }
}
