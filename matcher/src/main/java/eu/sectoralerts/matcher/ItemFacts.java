package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the criteria of a watchlist look at in one item, prepared once per item: its tags, its names
 * with their normalised forms, and its text.
 *
 * @param names the item's companies, issuing bodies and European firms, in that order, each
 *     distinct name as written mapped to its normalised form (empty when it has no letter or digit)
 */
record ItemFacts(
    List<String> sectors,
    List<String> risks,
    RiskLevel level,
    ItemKind kind,
    Map<String, String> names,
    Set<String> normalizedNames,
    List<String> europeanFirms,
    String title,
    String body) {

  ItemFacts {
    sectors = List.copyOf(sectors);
    risks = List.copyOf(risks);
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(kind, "kind");
    names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    normalizedNames = Collections.unmodifiableSet(new LinkedHashSet<>(normalizedNames));
    europeanFirms = List.copyOf(europeanFirms);
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
  }

  static ItemFacts of(TaggedItem item) {
    Objects.requireNonNull(item, "item");
    Map<String, String> names = new LinkedHashMap<>();
    for (List<String> list :
        List.of(item.getCompanies(), item.getIssuingBodies(), item.getEuropeanFirms())) {
      for (String name : list) {
        names.computeIfAbsent(name, Entities::normalize);
      }
    }
    Set<String> normalized = new LinkedHashSet<>();
    for (String key : names.values()) {
      if (!key.isEmpty()) {
        normalized.add(key);
      }
    }
    List<String> firms = new ArrayList<>(new LinkedHashSet<>(item.getEuropeanFirms()));
    return new ItemFacts(
        item.getSectors(),
        item.getRisks(),
        item.getLevel(),
        item.getItem().getKind(),
        names,
        normalized,
        firms,
        item.getItem().getTitle(),
        item.getItem().getBody());
  }

  /** The text of {@code field}, title or body. */
  String text(String field) {
    return KeywordQueries.TITLE.equals(field) ? title : body;
  }
}
