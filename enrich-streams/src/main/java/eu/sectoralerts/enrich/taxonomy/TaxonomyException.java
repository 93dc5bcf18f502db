package eu.sectoralerts.enrich.taxonomy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A taxonomy file that cannot be used: it is missing, unreadable, not YAML, or breaks a rule of the
 * format. The message lists every problem found as {@code file:line: problem}, so whoever edits the
 * file can fix them all in one go; nothing of such a file is ever used.
 */
public final class TaxonomyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One problem: where (file and 1-based line, 0 when the line is unknown) and what. */
  public record Problem(String source, int line, String message) {
    public Problem {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  TaxonomyException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order of the file. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.size() == 1) {
      return "Invalid taxonomy: " + problems.get(0);
    }
    return "Invalid taxonomy, "
        + problems.size()
        + " problems:"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
