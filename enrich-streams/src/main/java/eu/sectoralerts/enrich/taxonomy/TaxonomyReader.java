package eu.sectoralerts.enrich.taxonomy;

import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.CompanyRules;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Concept;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.LevelCue;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.LevelRules;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Organisation;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Scope;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Selection;
import eu.sectoralerts.enrich.taxonomy.YamlNode.Entry;
import eu.sectoralerts.enrich.taxonomy.YamlNode.Mapping;
import eu.sectoralerts.enrich.taxonomy.YamlNode.Scalar;
import eu.sectoralerts.enrich.taxonomy.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed taxonomy file into a {@link Taxonomy}, checking every rule of the format and
 * collecting every problem with its line before failing, so nothing half-valid is ever returned.
 */
final class TaxonomyReader {

  /** Upper bound of a concept's weight: one concept should never outweigh a whole text. */
  static final double MAX_WEIGHT = 10;

  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private final String source;
  private final List<TaxonomyException.Problem> problems = new ArrayList<>();
  private final Map<String, Integer> ruleIds = new HashMap<>();

  TaxonomyReader(String source) {
    this.source = source;
  }

  Taxonomy read(YamlNode root) {
    Mapping top = mapping(root, "the file");
    if (top == null) {
      throw new TaxonomyException(problems);
    }
    allowKeys(top, "version", "matching", "sectors", "risks", "levels", "bodies", "companies");
    String version = requiredText(top, "version");

    Mapping matching = requiredMapping(top, "matching");
    double titleWeight = 1;
    int maxHits = 1;
    if (matching != null) {
      allowKeys(matching, "titleWeight", "maxHitsPerConcept");
      titleWeight = number(matching, "titleWeight", 1, 10);
      maxHits = integer(matching, "maxHitsPerConcept", 1, 100);
    }

    Mapping sectors = requiredMapping(top, "sectors");
    Selection sectorSelection = new Selection(0, 0, 1);
    String fallback = "cross-sector";
    List<Concept> sectorConcepts = List.of();
    if (sectors != null) {
      allowKeys(sectors, "minScore", "relativeToTop", "max", "fallback", "concepts");
      sectorSelection = selection(sectors, 1);
      Entry fallbackEntry = sectors.entries().get("fallback");
      fallback = requiredText(sectors, "fallback");
      if (fallback != null && !TaxonomyIds.isSector(fallback)) {
        problem(fallbackEntry.value().line(), "fallback '" + fallback + "' is not a sector id");
      }
      sectorConcepts = concepts(sectors, "sector", TaxonomyIds.SECTORS);
    }

    Mapping risks = requiredMapping(top, "risks");
    Selection riskSelection = new Selection(0, 0, 0);
    List<Concept> riskConcepts = List.of();
    if (risks != null) {
      allowKeys(risks, "minScore", "relativeToTop", "max", "concepts");
      riskSelection = selection(risks, 0);
      riskConcepts = concepts(risks, "risk", TaxonomyIds.RISKS);
    }

    LevelRules levels = levels(requiredMapping(top, "levels"));
    List<Organisation> bodies = organisations(top, "bodies", "body.", null);
    CompanyRules companies = companies(requiredMapping(top, "companies"));

    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(TaxonomyException.Problem::line));
      throw new TaxonomyException(problems);
    }
    return new Taxonomy(
        version,
        source,
        titleWeight,
        maxHits,
        sectorSelection,
        fallback,
        sectorConcepts,
        riskSelection,
        riskConcepts,
        levels,
        bodies,
        companies);
  }

  private Selection selection(Mapping m, int minTags) {
    double minScore = number(m, "minScore", 0, 1000);
    double relative = number(m, "relativeToTop", 0, 1);
    int max = integer(m, "max", Math.max(1, minTags), 3);
    return new Selection(minScore, relative, max);
  }

  private List<Concept> concepts(Mapping parent, String kind, List<String> ids) {
    Mapping byId = requiredMapping(parent, "concepts");
    if (byId == null) {
      return List.of();
    }
    List<Concept> concepts = new ArrayList<>();
    for (Entry entry : byId.entries().values()) {
      if (!ids.contains(entry.key())) {
        problem(
            entry.keyLine(),
            "unknown "
                + kind
                + " id '"
                + entry.key()
                + "' (known: "
                + String.join(", ", ids)
                + ")");
        continue;
      }
      Sequence list = sequence(entry.value(), kind + " '" + entry.key() + "'");
      if (list == null) {
        continue;
      }
      if (list.items().isEmpty()) {
        problem(entry.keyLine(), kind + " '" + entry.key() + "' has no concepts");
      }
      for (YamlNode item : list.items()) {
        Mapping c = mapping(item, "a concept of " + kind + " '" + entry.key() + "'");
        if (c == null) {
          continue;
        }
        allowKeys(c, "id", "weight", "terms", "unless");
        String id = ruleId(c);
        double weight = weight(c);
        List<Term> terms = terms(c, "terms", true);
        List<Term> unless = terms(c, "unless", false);
        concepts.add(new Concept(id, entry.key(), weight, terms, unless, c.line()));
      }
    }
    for (String id : ids) {
      if (!byId.entries().containsKey(id)) {
        problem(
            byId.line(), "missing " + kind + " id '" + id + "': every " + kind + " needs rules");
      }
    }
    return concepts;
  }

  private LevelRules levels(Mapping m) {
    if (m == null) {
      return new LevelRules(15, 40, 70, 0, 0, 0, emptyCue(), List.of(), List.of());
    }
    allowKeys(
        m, "thresholds", "riskScore", "extraRiskScore", "opportunityOnlyScore", "exposure", "cues");
    int low = 15;
    int medium = 40;
    int high = 70;
    Mapping thresholds = requiredMapping(m, "thresholds");
    if (thresholds != null) {
      allowKeys(thresholds, "low", "medium", "high");
      low = integer(thresholds, "low", 1, 100);
      medium = integer(thresholds, "medium", 1, 100);
      high = integer(thresholds, "high", 1, 100);
      if (!(low < medium && medium < high)) {
        problem(
            thresholds.line(),
            "thresholds must rise: low " + low + " < medium " + medium + " < high " + high);
      }
    }
    int risk = integer(m, "riskScore", 0, 100);
    int extra = integer(m, "extraRiskScore", 0, 100);
    int opportunityOnly = integer(m, "opportunityOnlyScore", 0, 100);
    if (risk > 0 && risk < low) {
      problem(lineOf(m, "riskScore"), "riskScore " + risk + " is below the LOW threshold " + low);
    }
    if (opportunityOnly >= medium) {
      problem(
          lineOf(m, "opportunityOnlyScore"),
          "opportunityOnlyScore "
              + opportunityOnly
              + " would rate an opportunity above LOW (medium threshold "
              + medium
              + ")");
    }
    LevelCue exposure = emptyCue();
    List<Term> adjectives = List.of();
    Mapping exposureNode = requiredMapping(m, "exposure");
    if (exposureNode != null) {
      allowKeys(exposureNode, "id", "points", "terms", "adjectives", "unless");
      adjectives = terms(exposureNode, "adjectives", false);
      exposure =
          new LevelCue(
              ruleId(exposureNode),
              integer(exposureNode, "points", 0, 100),
              Scope.RISK_SENTENCE,
              false,
              terms(exposureNode, "terms", true),
              terms(exposureNode, "unless", false),
              exposureNode.line());
    }
    List<LevelCue> cues = new ArrayList<>();
    Sequence cueList = requiredSequence(m, "cues");
    if (cueList != null) {
      for (YamlNode node : cueList.items()) {
        Mapping c = mapping(node, "a level cue");
        if (c == null) {
          continue;
        }
        allowKeys(c, "id", "points", "scope", "allowsHigh", "terms", "unless");
        cues.add(
            new LevelCue(
                ruleId(c),
                integer(c, "points", 0, 100),
                scope(c),
                optionalBoolean(c, "allowsHigh"),
                terms(c, "terms", true),
                terms(c, "unless", false),
                c.line()));
      }
    }
    return new LevelRules(
        low, medium, high, risk, extra, opportunityOnly, exposure, adjectives, cues);
  }

  private static LevelCue emptyCue() {
    return new LevelCue("level.none", 0, Scope.ITEM, false, List.of(), List.of(), 0);
  }

  private Scope scope(Mapping c) {
    String text = requiredText(c, "scope");
    if (text == null) {
      return Scope.ITEM;
    }
    return switch (text) {
      case "item" -> Scope.ITEM;
      case "risk-sentence" -> Scope.RISK_SENTENCE;
      case "foreign-firm-sentence" -> Scope.FOREIGN_FIRM_SENTENCE;
      default -> {
        problem(
            lineOf(c, "scope"),
            "unknown scope '" + text + "' (known: item, risk-sentence, foreign-firm-sentence)");
        yield Scope.ITEM;
      }
    };
  }

  private CompanyRules companies(Mapping m) {
    if (m == null) {
      return new CompanyRules(Set.of(), Map.of(), List.of(), List.of());
    }
    allowKeys(m, "europeanCountries", "nationalities", "nouns", "known");
    Set<String> european = new LinkedHashSet<>();
    Sequence countries = requiredSequence(m, "europeanCountries");
    if (countries != null) {
      for (YamlNode node : countries.items()) {
        String code = countryCode(node);
        if (code != null && !european.add(code)) {
          problem(node.line(), "country " + code + " is listed twice");
        }
      }
    }
    Map<String, String> nationalities = new LinkedHashMap<>();
    Mapping byCountry = requiredMapping(m, "nationalities");
    if (byCountry != null) {
      for (Entry entry : byCountry.entries().values()) {
        if (!COUNTRY.matcher(entry.key()).matches()) {
          problem(entry.keyLine(), "'" + entry.key() + "' is not a two-letter country code");
          continue;
        }
        Sequence adjectives = sequence(entry.value(), "nationalities of " + entry.key());
        if (adjectives == null) {
          continue;
        }
        for (YamlNode node : adjectives.items()) {
          String adjective = text(node, "a nationality");
          if (adjective == null) {
            continue;
          }
          if (adjective.isBlank() || adjective.contains(" ")) {
            problem(node.line(), "a nationality must be one word, got '" + adjective + "'");
          } else if (nationalities.put(adjective, entry.key()) != null) {
            problem(node.line(), "nationality '" + adjective + "' is listed twice");
          }
        }
      }
    }
    List<Term> nouns = terms(m, "nouns", true);
    List<Organisation> known = organisations(m, "known", "firm.", european);
    return new CompanyRules(european, nationalities, nouns, known);
  }

  /** A gazetteer; {@code european} is null for issuing bodies, which have no country. */
  private List<Organisation> organisations(
      Mapping parent, String key, String idPrefix, Set<String> european) {
    Sequence list = requiredSequence(parent, key);
    if (list == null) {
      return List.of();
    }
    List<Organisation> result = new ArrayList<>();
    for (YamlNode node : list.items()) {
      Mapping o = mapping(node, "an entry of " + key);
      if (o == null) {
        continue;
      }
      if (european == null) {
        allowKeys(o, "name", "aliases", "unless");
      } else {
        allowKeys(o, "name", "country", "aliases", "unless", "sectors");
      }
      String name = requiredText(o, "name");
      if (name == null) {
        continue;
      }
      registerRuleId(idPrefix + name, o.line());
      String country = "";
      if (european != null) {
        Entry entry = o.entries().get("country");
        if (entry == null) {
          problem(o.line(), "company '" + name + "' has no country");
        } else {
          country = countryCode(entry.value());
          country = country == null ? "" : country;
        }
      }
      List<Term> aliases =
          o.entries().containsKey("aliases")
              ? terms(o, "aliases", true)
              : List.of(term(name, o.line()));
      result.add(
          new Organisation(
              name,
              country,
              european != null && european.contains(country),
              aliases,
              terms(o, "unless", false),
              sectorIds(o),
              o.line()));
    }
    return result;
  }

  private List<String> sectorIds(Mapping m) {
    Entry entry = m.entries().get("sectors");
    if (entry == null) {
      return List.of();
    }
    Sequence list = sequence(entry.value(), "'sectors'");
    if (list == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (YamlNode node : list.items()) {
      String id = text(node, "a sector id");
      if (id != null && !TaxonomyIds.isSector(id)) {
        problem(node.line(), "unknown sector id '" + id + "'");
      } else if (id != null && !ids.contains(id)) {
        ids.add(id);
      }
    }
    if (ids.size() > 3) {
      problem(entry.keyLine(), "a company has at most 3 sectors, got " + ids.size());
    }
    return ids;
  }

  private String ruleId(Mapping m) {
    String id = requiredText(m, "id");
    if (id == null) {
      return "";
    }
    if (!RULE_ID.matcher(id).matches()) {
      problem(
          lineOf(m, "id"),
          "rule id '" + id + "' must be lower-case letters, digits, dots and hyphens");
    }
    registerRuleId(id, lineOf(m, "id"));
    return id;
  }

  private void registerRuleId(String id, int line) {
    Integer first = ruleIds.putIfAbsent(id, line);
    if (first != null) {
      problem(line, "duplicate rule id '" + id + "' (first on line " + first + ")");
    }
  }

  private double weight(Mapping m) {
    Entry entry = m.entries().get("weight");
    if (entry == null) {
      problem(m.line(), "missing 'weight'");
      return 0;
    }
    Double value = parseNumber(entry);
    if (value == null) {
      return 0;
    }
    if (!(value > 0 && value <= MAX_WEIGHT)) {
      problem(
          entry.keyLine(),
          "weight " + value + " is out of range: it must be above 0 and at most " + MAX_WEIGHT);
    }
    return value;
  }

  private List<Term> terms(Mapping m, String key, boolean required) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      if (required) {
        problem(m.line(), "missing '" + key + "'");
      }
      return List.of();
    }
    Sequence list = sequence(entry.value(), "'" + key + "'");
    if (list == null) {
      return List.of();
    }
    if (required && list.items().isEmpty()) {
      problem(entry.keyLine(), "'" + key + "' is empty");
    }
    List<Term> terms = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (YamlNode node : list.items()) {
      String text = text(node, "a phrase of '" + key + "'");
      if (text == null) {
        continue;
      }
      if (!seen.add(text)) {
        problem(node.line(), "phrase '" + text + "' is listed twice in '" + key + "'");
        continue;
      }
      Term term = term(text, node.line());
      if (term != null) {
        terms.add(term);
      }
    }
    return terms;
  }

  private Term term(String text, int line) {
    try {
      return Term.parse(text, line);
    } catch (IllegalArgumentException e) {
      problem(line, e.getMessage());
      return null;
    }
  }

  private String countryCode(YamlNode node) {
    String code = text(node, "a country code");
    if (code != null && !COUNTRY.matcher(code).matches()) {
      problem(node.line(), "'" + code + "' is not a two-letter country code");
      return null;
    }
    return code;
  }

  private void allowKeys(Mapping m, String... keys) {
    List<String> allowed = List.of(keys);
    for (Entry entry : m.entries().values()) {
      if (!allowed.contains(entry.key())) {
        problem(
            entry.keyLine(),
            "unknown key '" + entry.key() + "' (expected one of: " + String.join(", ", keys) + ")");
      }
    }
  }

  private String requiredText(Mapping m, String key) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      problem(m.line(), "missing '" + key + "'");
      return null;
    }
    String text = text(entry.value(), "'" + key + "'");
    if (text != null && text.isBlank()) {
      problem(entry.keyLine(), "'" + key + "' is blank");
      return null;
    }
    return text;
  }

  private boolean optionalBoolean(Mapping m, String key) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      return false;
    }
    String text = text(entry.value(), "'" + key + "'");
    if ("true".equals(text)) {
      return true;
    }
    if (!"false".equals(text)) {
      problem(entry.keyLine(), "'" + key + "' must be true or false, got " + text);
    }
    return false;
  }

  private double number(Mapping m, String key, double min, double max) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      problem(m.line(), "missing '" + key + "'");
      return min;
    }
    Double value = parseNumber(entry);
    if (value == null) {
      return min;
    }
    if (value < min || value > max) {
      problem(entry.keyLine(), "'" + key + "' is " + value + ", expected " + min + " to " + max);
      return min;
    }
    return value;
  }

  private int integer(Mapping m, String key, int min, int max) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      problem(m.line(), "missing '" + key + "'");
      return min;
    }
    String text = text(entry.value(), "'" + key + "'");
    if (text == null) {
      return min;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        problem(entry.keyLine(), "'" + key + "' is " + value + ", expected " + min + " to " + max);
        return min;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(entry.keyLine(), "'" + key + "' must be a whole number, got '" + text + "'");
      return min;
    }
  }

  private Double parseNumber(Entry entry) {
    String text = text(entry.value(), "'" + entry.key() + "'");
    if (text == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException(text);
      }
      return value;
    } catch (NumberFormatException e) {
      problem(entry.keyLine(), "'" + entry.key() + "' must be a number, got '" + text + "'");
      return null;
    }
  }

  private Mapping requiredMapping(Mapping m, String key) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      problem(m.line(), "missing '" + key + "'");
      return null;
    }
    return mapping(entry.value(), "'" + key + "'");
  }

  private Sequence requiredSequence(Mapping m, String key) {
    Entry entry = m.entries().get(key);
    if (entry == null) {
      problem(m.line(), "missing '" + key + "'");
      return null;
    }
    return sequence(entry.value(), "'" + key + "'");
  }

  private Mapping mapping(YamlNode node, String what) {
    if (node instanceof Mapping m) {
      return m;
    }
    problem(node.line(), what + " must be a mapping (key: value lines), got " + node.describe());
    return null;
  }

  private Sequence sequence(YamlNode node, String what) {
    if (node instanceof Sequence s) {
      return s;
    }
    problem(node.line(), what + " must be a list, got " + node.describe());
    return null;
  }

  private String text(YamlNode node, String what) {
    if (node instanceof Scalar s) {
      return s.text();
    }
    problem(node.line(), what + " must be a text, got " + node.describe());
    return null;
  }

  private static int lineOf(Mapping m, String key) {
    Entry entry = m.entries().get(key);
    return entry == null ? m.line() : entry.keyLine();
  }

  private void problem(int line, String message) {
    problems.add(new TaxonomyException.Problem(source, line, message));
  }
}
