package eu.sectoralerts.alert;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.List;

/**
 * Decides which watchlists a tagged item matches and why. Implementations are stateless (or keep
 * only their own index) and thread-safe; the topology calls one instance from every stream thread.
 */
public interface WatchlistMatcher {

  /**
   * The watchlists among {@code watchlists} that {@code item} matches, each with the reasons, in
   * the order the watchlists were given.
   */
  List<WatchlistMatch> match(TaggedItem item, List<Watchlist> watchlists);
}
