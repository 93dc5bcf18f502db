package eu.sectoralerts.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held while a broker runs on it, so that a second broker
 * (in this or another process) is refused with a clear message instead of being halted by Kafka.
 */
final class DirectoryLock implements AutoCloseable {

  static final String LOCK_FILE = ".sector-alerts.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path dataDir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel =
          FileChannel.open(
              dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(dataDir, null);
      }
      return new DirectoryLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw inUse(dataDir, e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new KafkaKraftBroker.BrokerStartException(
          "Cannot lock Kafka data directory " + dataDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static KafkaKraftBroker.BrokerStartException inUse(Path dataDir, Throwable cause) {
    return new KafkaKraftBroker.BrokerStartException(
        "Kafka data directory "
            + dataDir
            + " is in use by another broker (is `sector-alerts up` already running?)",
        cause);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel close below releases it as well
    }
    closeQuietly(channel);
  }
}
