package eu.sectoralerts.app;

import eu.sectoralerts.ingest.AnalystKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The analyst key of the embedded default: {@code <data-dir>/analyst.key}, one random key
 * (base64url) readable by its owner only. {@code up} creates it on first start and gives
 * ingest-service its digest; {@code import} and the README's curl examples read it.
 */
final class AnalystKeyFile {

  static final String NAME = "analyst.key";

  private AnalystKeyFile() {}

  /** The key file of a data directory. */
  static Path in(Path dataDir) {
    return dataDir.resolve(NAME);
  }

  /** The key in the file, or empty when there is no file. */
  static Optional<String> read(Path file) {
    try {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new IllegalStateException(
            "The analyst key file "
                + file
                + " is empty; delete it and start again to get a new one");
      }
      return Optional.of(key);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the analyst key file " + file, e);
    }
  }

  /**
   * The key in the file, made first if there is none: 32 random bytes, file mode 600 where the file
   * system has POSIX permissions.
   */
  static String readOrCreate(Path file, SecureRandom random) {
    Optional<String> existing = read(file);
    if (existing.isPresent()) {
      return existing.get();
    }
    String key = AnalystKeys.newKey(random);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      return key;
    } catch (FileAlreadyExistsException e) {
      // another process made it first: use theirs
      return read(file).orElseThrow(() -> new IllegalStateException("Lost " + file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the analyst key file " + file, e);
    }
  }
}
