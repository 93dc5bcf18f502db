package eu.sectoralerts.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes straight into the live table, as the topology does a moment after Kafka stores it. */
final class DirectPublisher<V> implements TablePublisher<V> {
  private final LiveTable<V> table;
  final List<V> written = new CopyOnWriteArrayList<>();
  final List<String> deleted = new CopyOnWriteArrayList<>();
  volatile RuntimeException failure;

  DirectPublisher(LiveTable<V> table) {
    this.table = table;
  }

  @Override
  public void put(String id, V value) {
    if (failure != null) {
      throw failure;
    }
    written.add(value);
    synchronized (table.lock()) {
      table.put(id, value);
    }
  }

  @Override
  public void delete(String id) {
    deleted.add(id);
    synchronized (table.lock()) {
      table.remove(id);
    }
  }
}
