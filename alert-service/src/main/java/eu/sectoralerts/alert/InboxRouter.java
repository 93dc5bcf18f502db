package eu.sectoralerts.alert;

import java.util.Optional;

/**
 * Which instance answers inbox requests for a subscriber: the one whose Kafka Streams hosts the
 * subscriber's alerts partition (the inbox store is partitioned like the alerts topic, by
 * subscriber id).
 */
public interface InboxRouter {

  /**
   * The {@code host:port} of the instance to forward to; empty when this instance answers.
   *
   * @throws UnavailableException while no instance hosts the partition (a rebalance)
   */
  Optional<String> ownerOf(String subscriberId);

  /** Every request is answered here: a single instance. */
  static InboxRouter local() {
    return subscriberId -> Optional.empty();
  }
}
