package eu.sectoralerts.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class of the project's own jars up front. Other builds on this machine reinstall
 * those jars in the local repository while the suite runs; a class first loaded after its jar was
 * rewritten in place is not found, and the case fails for a reason that is not the pipeline's.
 */
final class ClassPreloader {

  private ClassPreloader() {}

  /** Loads (without initializing) the classes of every class path jar under {@code marker}. */
  static int preload(String marker) {
    ClassLoader loader = ClassPreloader.class.getClassLoader();
    int loaded = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !entry.replace('\\', '/').contains(marker)) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
          String name = e.getName();
          if (!name.endsWith(".class") || name.contains("module-info")) {
            continue;
          }
          try {
            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
            loaded++;
          } catch (ClassNotFoundException | LinkageError optional) {
            // a class needing an optional library that is absent: never used by the suite
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + entry, e);
      }
    }
    return loaded;
  }
}
