package eu.sectoralerts.app.eval;

import java.util.List;
import java.util.Objects;

/**
 * How one labelled item fared: what the tagger gave, and every difference from the label, in words
 * an analyst can act on ("risks: missing supply-chain; extra opportunity"). An item the evaluation
 * could not find or tag has a {@code problem} and counts as wholly missed.
 *
 * @param label the label
 * @param itemId the id of the item the label's key was found in; empty when not found
 * @param title that item's title; empty when not found
 * @param sectors sectors given, primary first
 * @param risks risks given
 * @param level level given; empty when not found
 * @param europeanFirms European firms given
 * @param issuingBodies issuing bodies given
 * @param differences every field that differs from the label
 * @param problem why the item could not be judged, or empty
 */
public record ItemResult(
    Label label,
    String itemId,
    String title,
    List<String> sectors,
    List<String> risks,
    String level,
    List<String> europeanFirms,
    List<String> issuingBodies,
    List<String> differences,
    String problem) {

  public ItemResult {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(title, "title");
    sectors = List.copyOf(sectors);
    risks = List.copyOf(risks);
    Objects.requireNonNull(level, "level");
    europeanFirms = List.copyOf(europeanFirms);
    issuingBodies = List.copyOf(issuingBodies);
    differences = List.copyOf(differences);
    Objects.requireNonNull(problem, "problem");
  }

  /** A label whose item could not be judged. */
  static ItemResult unjudged(Label label, String problem) {
    List<String> none = List.of();
    return new ItemResult(label, "", "", none, none, "", none, none, none, problem);
  }

  /** Whether the tagger got every field of this item right. */
  public boolean correct() {
    return problem.isEmpty() && differences.isEmpty();
  }
}
