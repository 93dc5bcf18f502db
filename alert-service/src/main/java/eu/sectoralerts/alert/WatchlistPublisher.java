package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;

/** Writes watchlists to the watchlists topic, where the topology and every instance see them. */
public interface WatchlistPublisher {

  /**
   * Publishes {@code watchlist} under its id and returns once it is durably written.
   *
   * @throws UnavailableException when it could not be written in time
   */
  void publish(Watchlist watchlist);
}
