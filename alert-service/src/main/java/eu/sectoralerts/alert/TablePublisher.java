package eu.sectoralerts.alert;

/**
 * Writes records of a compacted topic keyed by id (watchlists, subscribers), where the topology and
 * every instance see them.
 *
 * @param <V> the value type
 */
public interface TablePublisher<V> {

  /**
   * Writes {@code value} under {@code id} and returns once it is durably written.
   *
   * @throws UnavailableException when it could not be written in time
   */
  void put(String id, V value);

  /**
   * Writes a tombstone for {@code id} and returns once it is durably written.
   *
   * @throws UnavailableException when it could not be written in time
   */
  void delete(String id);
}
