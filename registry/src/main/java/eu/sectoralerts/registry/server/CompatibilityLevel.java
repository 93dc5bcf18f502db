package eu.sectoralerts.registry.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}. BACKWARD: the
 * new schema reads data written with the previous one; FORWARD: the previous schema reads data
 * written with the new one; FULL: both. The plain levels compare with the latest version only, the
 * {@code _TRANSITIVE} ones with every version.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The level named {@code text} (case-insensitive), or empty when there is no such level. */
  public static Optional<CompatibilityLevel> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether the check covers every earlier version rather than the latest only. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Why {@code candidate} may not follow {@code previous} at this level; empty when it may.
   *
   * @param previous the versions to compare with, oldest first; non-transitive levels use the last
   */
  public List<String> problems(Schema candidate, List<Previous> previous) {
    if (this == NONE || previous.isEmpty()) {
      return List.of();
    }
    List<Previous> against = transitive ? previous : List.of(previous.get(previous.size() - 1));
    List<String> problems = new ArrayList<>();
    for (Previous p : against) {
      if (backward) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, p.schema()),
            "the new schema cannot read data written with version " + p.version(),
            problems);
      }
      if (forward) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(p.schema(), candidate),
            "version " + p.version() + " cannot read data written with the new schema",
            problems);
      }
    }
    return problems;
  }

  private static void describe(
      SchemaCompatibility.SchemaPairCompatibility result, String direction, List<String> into) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility i : result.getResult().getIncompatibilities()) {
      into.add(
          "{errorType:'"
              + i.getType()
              + "', description:'"
              + direction
              + ": "
              + i.getMessage()
              + "', location:'"
              + i.getLocation()
              + "'}");
    }
  }

  /**
   * An earlier version to check against.
   *
   * @param version its version number in the subject
   * @param schema its schema
   */
  public record Previous(int version, Schema schema) {
    public Previous {
      java.util.Objects.requireNonNull(schema, "schema");
    }
  }
}
