package eu.sectoralerts.registry.server;

import java.util.function.Consumer;

/**
 * Where the registry's {@link StoreRecord}s are kept, as an ordered log. The registry replays the
 * log at start and catches up before each write, so its memory always follows the log. Calls come
 * from one thread at a time (the registry serializes them).
 */
public interface SchemaStore extends AutoCloseable {

  /**
   * Hands {@code sink} every record stored since the previous call, in order (every record on the
   * first call), and returns once it has reached the end of the log.
   *
   * @throws SchemaStoreException when the log cannot be read
   */
  void catchUp(Consumer<StoreRecord> sink);

  /**
   * Stores one record durably; returns only once it is stored.
   *
   * @throws SchemaStoreException when the record may not have been stored
   */
  void append(StoreRecord record);

  /** A short description for logs, e.g. the topic. */
  String describe();

  @Override
  void close();
}
