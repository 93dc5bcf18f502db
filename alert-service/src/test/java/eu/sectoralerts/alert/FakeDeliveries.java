package eu.sectoralerts.alert;

import eu.sectoralerts.avro.WebhookDelivery;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A delivery log in a list. */
final class FakeDeliveries implements WebhookDeliveries {
  final List<WebhookDelivery> all = new CopyOnWriteArrayList<>();
  final List<String> redelivered = new CopyOnWriteArrayList<>();

  @Override
  public List<WebhookDelivery> list(String subscriberId, Optional<String> watchlistId, int limit) {
    return all.stream().filter(d -> d.getSubscriberId().equals(subscriberId)).toList();
  }

  @Override
  public Optional<WebhookDelivery> find(String deliveryId) {
    return all.stream().filter(d -> d.getId().equals(deliveryId)).findFirst();
  }

  @Override
  public WebhookDelivery redeliver(String deliveryId) {
    redelivered.add(deliveryId);
    return find(deliveryId).orElseThrow();
  }
}
