package eu.sectoralerts.replay;

import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.enrich.taxonomy.TaxonomyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A taxonomy a replay tags with, and what identifies it in the report: where it came from, its
 * version and the SHA-256 of its text (two files with one version but different rules differ).
 *
 * @param source the file, or {@code classpath:taxonomy/taxonomy.yaml} for the shipped one
 */
public record TaxonomyInput(String source, String version, String sha256, Taxonomy taxonomy) {

  public TaxonomyInput {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(taxonomy, "taxonomy");
  }

  /**
   * The taxonomy at {@code path}, or the one shipped with enrich-streams when empty; loaded and
   * validated exactly as enrich-streams loads it.
   *
   * @throws TaxonomyException naming file, line and problem
   */
  public static TaxonomyInput load(Optional<Path> path) {
    if (path.isPresent()) {
      String text;
      try {
        text = Files.readString(path.get(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        // Taxonomy.load says what is wrong with the file in enrich-streams' words.
        Taxonomy.load(path.get());
        throw new UncheckedIOException(e);
      }
      Taxonomy taxonomy = Taxonomy.parse(path.get().toString(), text);
      return new TaxonomyInput(
          taxonomy.source(), taxonomy.version(), Digests.sha256(text), taxonomy);
    }
    Taxonomy taxonomy = Taxonomy.loadDefault();
    try (InputStream in =
        Taxonomy.class.getClassLoader().getResourceAsStream(Taxonomy.DEFAULT_RESOURCE)) {
      byte[] bytes = Objects.requireNonNull(in, "shipped taxonomy").readAllBytes();
      return new TaxonomyInput(
          taxonomy.source(), taxonomy.version(), Digests.sha256(bytes), taxonomy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped taxonomy", e);
    }
  }

  /** Whether both have the same rules (the same text), so tagging with both gives the same tags. */
  public boolean sameRulesAs(TaxonomyInput other) {
    return sha256.equals(other.sha256);
  }
}
