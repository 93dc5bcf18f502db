package eu.sectoralerts.registry.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link SchemaStore} whose log is a list in memory: for tests, and for a registry whose state
 * may die with the JVM. Several registries may share one instance to model a restart.
 */
public final class InMemorySchemaStore implements SchemaStore {

  private final List<StoreRecord> log = new ArrayList<>();
  private int position;

  @Override
  public synchronized void catchUp(Consumer<StoreRecord> sink) {
    while (position < log.size()) {
      sink.accept(log.get(position++));
    }
  }

  @Override
  public synchronized void append(StoreRecord record) {
    log.add(Objects.requireNonNull(record, "record"));
  }

  /** Everything appended so far, oldest first. */
  public synchronized List<StoreRecord> records() {
    return List.copyOf(log);
  }

  /** A reader of the same log from its beginning, as a restarted registry would see it. */
  public synchronized InMemorySchemaStore reopen() {
    InMemorySchemaStore copy = new InMemorySchemaStore();
    copy.log.addAll(log);
    return copy;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
