package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.matcher.WatchlistIndex;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link WatchlistIndex} equal to the watchlists table: a watchlist the index cannot use
 * (e.g. a query an older version accepted) is reported in the log and left out; the others match.
 */
final class IndexFeeder implements LiveTable.Listener<Watchlist> {

  private static final Logger LOG = LoggerFactory.getLogger(IndexFeeder.class);

  private final WatchlistIndex index;

  IndexFeeder(WatchlistIndex index) {
    this.index = index;
  }

  @Override
  public void loaded(Collection<Watchlist> values) {
    long start = System.nanoTime();
    index.putAll(values);
    index.invalid().forEach((id, problem) -> LOG.warn("Watchlist {} is skipped: {}", id, problem));
    LOG.info(
        "Indexed {} watchlists in {} ms", index.size(), (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public void put(String id, Watchlist value) {
    index.put(value).ifPresent(problem -> LOG.warn("Watchlist {} is skipped: {}", id, problem));
  }

  @Override
  public void removed(String id) {
    index.remove(id);
  }
}
