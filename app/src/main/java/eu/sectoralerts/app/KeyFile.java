package eu.sectoralerts.app;

import eu.sectoralerts.common.KeyDigests;
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
 * The keys of the embedded default: {@code <data-dir>/analyst.key} (ingest-service) and {@code
 * <data-dir>/admin.key} (alert-service's operator key), one random key (base64url) each, readable
 * by its owner only. {@code up} creates them on first start and gives the services their digests;
 * {@code import}, {@code subscribers} and the README's curl examples read them.
 */
final class KeyFile {

  static final String ANALYST = "analyst.key";
  static final String ADMIN = "admin.key";

  private KeyFile() {}

  /** The analyst key file of a data directory. */
  static Path in(Path dataDir) {
    return dataDir.resolve(ANALYST);
  }

  /** The operator key file of a data directory. */
  static Path adminIn(Path dataDir) {
    return dataDir.resolve(ADMIN);
  }

  /** The key in the file, or empty when there is no file. */
  static Optional<String> read(Path file) {
    try {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new IllegalStateException(
            "The key file " + file + " is empty; delete it and start again to get a new one");
      }
      return Optional.of(key);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the key file " + file, e);
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
    String key = KeyDigests.newKey(random);
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
      throw new UncheckedIOException("Cannot create the key file " + file, e);
    }
  }
}
