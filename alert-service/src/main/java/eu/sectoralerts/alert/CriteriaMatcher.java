package eu.sectoralerts.alert;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches by the watchlist's criteria, all of which must hold: {@code sectors} (the item has any of
 * them; empty: any sector), {@code risks} (any of them; empty: any risk or none), {@code minLevel}
 * (the item's level is at least this) and {@code kinds} (any of them; empty: both). Each
 * constraining criterion becomes a {@link MatchReason} listing the item's values that satisfied it,
 * in the item's order; {@code minLevel NONE} constrains nothing and gives no reason.
 */
public final class CriteriaMatcher implements WatchlistMatcher {

  @Override
  public List<WatchlistMatch> match(TaggedItem item, List<Watchlist> watchlists) {
    List<WatchlistMatch> matches = new ArrayList<>();
    for (Watchlist watchlist : watchlists) {
      List<MatchReason> reasons = reasons(item, watchlist);
      if (reasons != null) {
        matches.add(new WatchlistMatch(watchlist, reasons));
      }
    }
    return matches;
  }

  /** The reasons {@code item} matches {@code watchlist}, or null when it does not. */
  private static List<MatchReason> reasons(TaggedItem item, Watchlist watchlist) {
    List<MatchReason> reasons = new ArrayList<>(4);
    if (!watchlist.getSectors().isEmpty()) {
      List<String> matched = common(item.getSectors(), watchlist.getSectors());
      if (matched.isEmpty()) {
        return null;
      }
      reasons.add(new MatchReason("sectors", matched));
    }
    if (!watchlist.getRisks().isEmpty()) {
      List<String> matched = common(item.getRisks(), watchlist.getRisks());
      if (matched.isEmpty()) {
        return null;
      }
      reasons.add(new MatchReason("risks", matched));
    }
    RiskLevel minLevel = watchlist.getMinLevel();
    if (minLevel != RiskLevel.NONE) {
      if (item.getLevel().compareTo(minLevel) < 0) {
        return null;
      }
      reasons.add(new MatchReason("minLevel", List.of(item.getLevel().name())));
    }
    List<ItemKind> kinds = watchlist.getKinds();
    if (!kinds.isEmpty()) {
      ItemKind kind = item.getItem().getKind();
      if (!kinds.contains(kind)) {
        return null;
      }
      reasons.add(new MatchReason("kinds", List.of(kind.name())));
    }
    return reasons;
  }

  private static List<String> common(List<String> itemValues, List<String> wanted) {
    return itemValues.stream().filter(wanted::contains).distinct().toList();
  }
}
