package eu.sectoralerts.app.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One hand-made label of a labels file ({@code ../shared/eval/dev-labels.json}): which briefing,
 * the phrase that identifies the item in it, and the tags the item should get. Fields the
 * evaluation does not use (such as {@code rationale}) are ignored.
 *
 * @param briefing file name of the briefing, in the {@code briefings/} folder beside the labels'
 * @param key a phrase found in exactly one item of that briefing
 * @param kind POLICY or CORPORATE
 * @param date the item's event date as written (ISO)
 * @param sectors expected sectors, primary first
 * @param risks expected risk ids
 * @param level expected level (NONE, LOW, MEDIUM, HIGH)
 * @param europeanFirms expected European firms
 * @param issuingBodies expected issuing bodies
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Label(
    @JsonProperty("briefing") String briefing,
    @JsonProperty("key") String key,
    @JsonProperty("kind") String kind,
    @JsonProperty("date") String date,
    @JsonProperty("sectors") List<String> sectors,
    @JsonProperty("risks") List<String> risks,
    @JsonProperty("level") String level,
    @JsonProperty("european_firms") List<String> europeanFirms,
    @JsonProperty("issuing_bodies") List<String> issuingBodies) {

  public Label {
    requireText(briefing, "briefing");
    requireText(key, "key");
    requireText(level, "level");
    sectors = List.copyOf(Objects.requireNonNull(sectors, "sectors"));
    if (sectors.isEmpty()) {
      throw new IllegalArgumentException("label '" + key + "' has no sectors");
    }
    risks = risks == null ? List.of() : List.copyOf(risks);
    europeanFirms = europeanFirms == null ? List.of() : List.copyOf(europeanFirms);
    issuingBodies = issuingBodies == null ? List.of() : List.copyOf(issuingBodies);
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a label needs '" + field + "'");
    }
  }
}
