package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;
import java.util.List;

/** Reads the current watchlists. */
public interface WatchlistDirectory {

  /**
   * The subscriber's watchlists, oldest first.
   *
   * @throws UnavailableException while the watchlists cannot be read
   */
  List<Watchlist> forSubscriber(String subscriberId);
}
