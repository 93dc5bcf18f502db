package eu.sectoralerts.common;

import java.util.List;
import java.util.Set;

/**
 * The public ids of sectors and risk kinds (taxonomy.md). Subscribers filter on them, so they are a
 * contract: the tagger may only emit these, the APIs reject any other.
 */
public final class TaxonomyIds {

  /** Sector ids in the taxonomy's order. */
  public static final List<String> SECTORS =
      List.of(
          "software-it",
          "telecom-ict",
          "data-digital",
          "semiconductors",
          "smart-manufacturing",
          "automotive",
          "batteries",
          "energy-cleantech",
          "materials-chemicals",
          "rail",
          "aerospace-aviation",
          "transport-logistics",
          "medical-devices",
          "pharma-biotech",
          "machinery-equipment",
          "cross-sector");

  /** Risk kind ids in the taxonomy's order. */
  public static final List<String> RISKS =
      List.of(
          "market-access",
          "competition",
          "regulatory-compliance",
          "supply-chain",
          "ip-tech-transfer",
          "opportunity");

  private static final Set<String> SECTOR_SET = Set.copyOf(SECTORS);
  private static final Set<String> RISK_SET = Set.copyOf(RISKS);

  private TaxonomyIds() {}

  public static boolean isSector(String id) {
    return SECTOR_SET.contains(id);
  }

  public static boolean isRisk(String id) {
    return RISK_SET.contains(id);
  }
}
