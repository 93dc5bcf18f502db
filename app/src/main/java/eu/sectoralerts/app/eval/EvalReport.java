package eu.sectoralerts.app.eval;

import java.util.List;
import java.util.Objects;

/**
 * The figures of one evaluation: micro precision, recall and F1 for the set-valued fields, accuracy
 * for level and primary sector, and every item's result.
 *
 * @param labelsFile the labels file, as given
 * @param taxonomyVersion the version of the rules measured
 * @param sectors micro counts over sectors
 * @param risks micro counts over risks
 * @param europeanFirms micro counts over European firms
 * @param issuingBodies micro counts over issuing bodies
 * @param level accuracy of the level
 * @param primarySector accuracy of the first sector
 * @param items every label's result, in the labels file's order
 */
public record EvalReport(
    String labelsFile,
    String taxonomyVersion,
    SetScore sectors,
    SetScore risks,
    SetScore europeanFirms,
    SetScore issuingBodies,
    Accuracy level,
    Accuracy primarySector,
    List<ItemResult> items) {

  public EvalReport {
    Objects.requireNonNull(labelsFile, "labelsFile");
    Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
    Objects.requireNonNull(sectors, "sectors");
    Objects.requireNonNull(risks, "risks");
    Objects.requireNonNull(europeanFirms, "europeanFirms");
    Objects.requireNonNull(issuingBodies, "issuingBodies");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(primarySector, "primarySector");
    items = List.copyOf(items);
  }

  /** The results with at least one error or problem. */
  public List<ItemResult> itemsWithErrors() {
    return items.stream().filter(r -> !r.correct()).toList();
  }
}
