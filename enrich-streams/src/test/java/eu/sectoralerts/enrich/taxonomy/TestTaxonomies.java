package eu.sectoralerts.enrich.taxonomy;

import eu.sectoralerts.common.TaxonomyIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Small taxonomy files written for tests: every sector and risk id has one concept whose only term
 * is a made-up word ("term-rail"), so a test controls exactly what matches.
 */
public final class TestTaxonomies {

  private TestTaxonomies() {}

  /** A valid file; each sector and risk id's term is {@code term-<id>}. */
  public static String minimal() {
    return String.join("\n", minimalLines()) + "\n";
  }

  /** {@link #minimal()} as lines, for tests that edit one line. */
  public static List<String> minimalLines() {
    List<String> lines = new ArrayList<>();
    lines.add("version: test-1");
    lines.add("matching:");
    lines.add("  titleWeight: 2");
    lines.add("  maxHitsPerConcept: 3");
    lines.add("sectors:");
    lines.add("  minScore: 2");
    lines.add("  relativeToTop: 0.5");
    lines.add("  max: 3");
    lines.add("  fallback: cross-sector");
    lines.add("  concepts:");
    for (String id : TaxonomyIds.SECTORS) {
      lines.add("    " + id + ":");
      lines.add("      - id: sector." + id);
      lines.add("        weight: 2");
      lines.add("        terms: [term-" + id + "]");
    }
    lines.add("risks:");
    lines.add("  minScore: 2");
    lines.add("  relativeToTop: 0.5");
    lines.add("  max: 3");
    lines.add("  concepts:");
    for (String id : TaxonomyIds.RISKS) {
      lines.add("    " + id + ":");
      lines.add("      - id: risk." + id);
      lines.add("        weight: 2");
      lines.add("        terms: [term-" + id + "]");
    }
    lines.add("levels:");
    lines.add("  thresholds: {low: 15, medium: 40, high: 70}");
    lines.add("  riskScore: 20");
    lines.add("  extraRiskScore: 5");
    lines.add("  opportunityOnlyScore: 20");
    lines.add("  exposure:");
    lines.add("    id: level.exposure");
    lines.add("    points: 25");
    lines.add("    terms: [foreign firms]");
    lines.add("    adjectives: [foreign]");
    lines.add("  cues:");
    lines.add("    - id: level.severe");
    lines.add("      points: 25");
    lines.add("      scope: item");
    lines.add("      terms: [embargo]");
    lines.add("    - id: level.direct");
    lines.add("      points: 50");
    lines.add("      scope: foreign-firm-sentence");
    lines.add("      allowsHigh: true");
    lines.add("      terms: [banned]");
    lines.add("bodies:");
    lines.add("  - name: MIIT");
    lines.add("    aliases: [MIIT, Ministry of Industry and Information Technology]");
    lines.add("companies:");
    lines.add("  europeanCountries: [DE, FR]");
    lines.add("  nationalities:");
    lines.add("    DE: [German]");
    lines.add("    CN: [Chinese]");
    lines.add("  nouns: [(supplier|maker|company)]");
    lines.add("  known:");
    lines.add("    - {name: Acme Werke, country: DE, sectors: [machinery-equipment]}");
    lines.add("    - {name: Lotus Chips, country: CN}");
    return lines;
  }

  /** The 1-based number of the first line of {@link #minimalLines()} containing {@code text}. */
  public static int lineOf(String text) {
    List<String> lines = minimalLines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + text);
  }
}
