package eu.sectoralerts.enrich;

import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The walking-skeleton {@link Tagger}: keyword rules written in code ({@code KeywordRules}),
 * matched on word boundaries in the item's title and body.
 *
 * <p>Sectors: every sector rule that matches, ranked by number of matches (ties: earlier first
 * match, then taxonomy order), at most 3, the first primary; {@code cross-sector} when none
 * matches. Risks: likewise, 0 to 3. Organisations: the item's own {@code companies} and {@code
 * issuingBody} (mapped to canonical names where the gazetteer knows them) plus gazetteer names
 * found in the text. Score, from 0 to 100: no risk gives 0; {@code opportunity} alone gives 15 plus
 * 5 per further match, capped at 39; otherwise 20, plus 10 per further non-opportunity risk, plus 3
 * per match of those risks (at most 15), plus 25 when a phrase of a ban, sanctions, forced
 * localization or pressure appears, plus 10 with at least 40 when a European firm is named, and at
 * least 70 when a European firm is named together with such a phrase. The level follows the
 * taxonomy's thresholds (NONE &lt; 15 &lt;= LOW &lt; 40 &lt;= MEDIUM &lt; 70 &lt;= HIGH). Every tag
 * carries an {@code Evidence} with the rule and the matched words with their offsets.
 */
public final class KeywordTagger implements Tagger {

  /** The version of the built-in rules, written as {@code taxonomyVersion}. */
  public static final String VERSION = KeywordRules.DEFAULT_VERSION;

  static final String FIELD_TITLE = "title";
  static final String FIELD_BODY = "body";
  static final String FALLBACK_SECTOR = "cross-sector";
  static final String OPPORTUNITY = "opportunity";

  private static final int MAX_SECTORS = 3;
  private static final int MAX_RISKS = 3;

  private final Clock clock;
  private final KeywordRules rules;
  private final List<KeywordRule> firmGazetteer;
  private final String version;

  /** A tagger with the built-in rules, stamping {@code taggedAt} from {@code clock}. */
  public KeywordTagger(Clock clock) {
    this(clock, KeywordRules.defaults(), VERSION);
  }

  KeywordTagger(Clock clock, KeywordRules rules, String version) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rules = Objects.requireNonNull(rules, "rules");
    List<KeywordRule> firmRules = new ArrayList<>(rules.europeanFirms());
    firmRules.addAll(rules.otherFirms());
    this.firmGazetteer = List.copyOf(firmRules);
    this.version = Objects.requireNonNull(version, "version");
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public TaggedItem tag(NewsItem item) {
    Objects.requireNonNull(item, "item");
    Text text = new Text(nullToEmpty(item.getTitle()), nullToEmpty(item.getBody()));

    List<Hit> sectorHits = ranked(rules.sectors(), text);
    List<Hit> sectors =
        sectorHits.isEmpty()
            ? List.of(new Hit("sector.fallback", FALLBACK_SECTOR, List.of(), 0))
            : sectorHits.subList(0, Math.min(MAX_SECTORS, sectorHits.size()));
    List<Hit> riskHits = ranked(rules.risks(), text);
    List<Hit> risks = riskHits.subList(0, Math.min(MAX_RISKS, riskHits.size()));

    Map<String, Hit> firms = new LinkedHashMap<>();
    List<String> europeanFirms = new ArrayList<>();
    for (String declared : item.getCompanies()) {
      addDeclared(declared, "item.companies", firmGazetteer, firms, text);
    }
    addFound(firmGazetteer, firms, text);
    for (String firm : firms.keySet()) {
      if (rules.europeanFirms().stream().anyMatch(r -> r.target().equals(firm))) {
        europeanFirms.add(firm);
      }
    }

    Map<String, Hit> bodies = new LinkedHashMap<>();
    if (item.getIssuingBody() != null && !item.getIssuingBody().isBlank()) {
      addDeclaredBodies(item.getIssuingBody().trim(), bodies, text);
    }
    addFound(rules.bodies(), bodies, text);

    Assessment assessment =
        assess(risks, !europeanFirms.isEmpty(), rules.severe().findIn(text), text);

    List<Evidence> evidence = new ArrayList<>();
    sectors.forEach(h -> evidence.add(h.evidence("sector:" + h.target())));
    risks.forEach(h -> evidence.add(h.evidence("risk:" + h.target())));
    firms.values().forEach(h -> evidence.add(h.evidence("firm:" + h.target())));
    bodies.values().forEach(h -> evidence.add(h.evidence("body:" + h.target())));
    evidence.add(
        new Evidence("level:" + assessment.level().name(), assessment.ruleId(), assessment.why()));

    return TaggedItem.newBuilder()
        .setItem(item)
        .setSectors(sectors.stream().map(Hit::target).toList())
        .setRisks(risks.stream().map(Hit::target).toList())
        .setLevel(assessment.level())
        .setScore(assessment.score())
        .setEuropeanFirms(europeanFirms)
        .setIssuingBodies(List.copyOf(bodies.keySet()))
        .setCompanies(List.copyOf(firms.keySet()))
        .setEvidence(evidence)
        .setTaxonomyVersion(version)
        // The topic stores milliseconds; truncating here keeps a tagged item equal to its re-read.
        .setTaggedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .build();
  }

  /** The level for a score, by the taxonomy's thresholds. */
  static RiskLevel levelOf(int score) {
    if (score < 15) {
      return RiskLevel.NONE;
    }
    if (score < 40) {
      return RiskLevel.LOW;
    }
    if (score < 70) {
      return RiskLevel.MEDIUM;
    }
    return RiskLevel.HIGH;
  }

  private static Assessment assess(
      List<Hit> risks, boolean europeanFirm, List<TextMatch> severe, Text text) {
    List<Hit> threats = risks.stream().filter(h -> !h.target().equals(OPPORTUNITY)).toList();
    if (threats.isEmpty()) {
      Optional<Hit> opportunity = risks.stream().findFirst();
      if (opportunity.isEmpty()) {
        return new Assessment(0, "level.no-risk", List.of());
      }
      int score = Math.min(39, 15 + 5 * (opportunity.get().matches().size() - 1));
      return new Assessment(score, "level.opportunity-only", List.of());
    }
    int threatMatches = threats.stream().mapToInt(h -> h.matches().size()).sum();
    int score = 20 + 10 * (threats.size() - 1) + Math.min(15, 3 * threatMatches);
    String ruleId = "level.risks";
    List<TextMatch> why = List.of();
    if (!severe.isEmpty()) {
      score += 25;
      ruleId = "level.severe";
      why = severe;
    }
    if (europeanFirm) {
      score = Math.max(score + 10, 40);
      ruleId = "level.european-firm";
      if (!severe.isEmpty()) {
        score = Math.max(score, 70);
        ruleId = "level.european-firm-severe";
      }
    }
    return new Assessment(Math.min(100, score), ruleId, why);
  }

  /** Rules that match, ranked by number of matches, then earlier first match, then rule order. */
  private static List<Hit> ranked(List<KeywordRule> ruleSet, Text text) {
    List<Hit> hits = new ArrayList<>();
    for (KeywordRule rule : ruleSet) {
      List<TextMatch> matches = rule.findIn(text);
      if (!matches.isEmpty()) {
        hits.add(new Hit(rule.id(), rule.target(), matches, text.position(matches.get(0))));
      }
    }
    hits.sort(
        Comparator.comparingInt((Hit h) -> h.matches().size())
            .reversed()
            .thenComparingInt(Hit::firstPosition));
    return hits;
  }

  /** A company the item names itself, under the gazetteer's name when the gazetteer knows it. */
  private static void addDeclared(
      String declared,
      String ruleId,
      List<KeywordRule> gazetteer,
      Map<String, Hit> into,
      Text text) {
    String name = declared == null ? "" : declared.trim();
    if (name.isEmpty()) {
      return;
    }
    KeywordRule known = gazetteer.stream().filter(r -> r.matchesIn(name)).findFirst().orElse(null);
    String target = known != null ? known.target() : name;
    if (into.containsKey(target)) {
      return;
    }
    List<TextMatch> matches;
    if (known != null) {
      matches = known.findIn(text);
    } else if (KeywordRule.hasWordChar(name)) {
      matches = new KeywordRule(ruleId, name, List.of(name), true).findIn(text);
    } else {
      matches = List.of();
    }
    into.put(target, new Hit(ruleId, target, matches, Integer.MAX_VALUE));
  }

  /** The bodies a declared issuing body names ("MIIT and NDRC"), or the text as it is. */
  private void addDeclaredBodies(String declared, Map<String, Hit> into, Text text) {
    List<KeywordRule> named = rules.bodies().stream().filter(r -> r.matchesIn(declared)).toList();
    if (named.isEmpty()) {
      addDeclared(declared, "item.issuingBody", List.of(), into, text);
      return;
    }
    for (KeywordRule rule : named) {
      into.putIfAbsent(
          rule.target(),
          new Hit("item.issuingBody", rule.target(), rule.findIn(text), Integer.MAX_VALUE));
    }
  }

  /** Names found in the text that the item did not declare, in order of first appearance. */
  private static void addFound(List<KeywordRule> gazetteer, Map<String, Hit> into, Text text) {
    List<Hit> found = new ArrayList<>();
    for (KeywordRule rule : gazetteer) {
      if (into.containsKey(rule.target())) {
        continue;
      }
      List<TextMatch> matches = rule.findIn(text);
      if (!matches.isEmpty()) {
        found.add(new Hit(rule.id(), rule.target(), matches, text.position(matches.get(0))));
      }
    }
    found.sort(Comparator.comparingInt(Hit::firstPosition));
    found.forEach(h -> into.put(h.target(), h));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The two searched fields; positions order title matches before body matches. */
  record Text(String title, String body) {
    int position(TextMatch match) {
      return match.getField().equals(FIELD_TITLE)
          ? match.getStart()
          : title.length() + 1 + match.getStart();
    }
  }

  /** A rule that fired (or a declared name), with what it matched. */
  private record Hit(String ruleId, String target, List<TextMatch> matches, int firstPosition) {
    Evidence evidence(String tag) {
      return new Evidence(tag, ruleId, matches);
    }
  }

  private record Assessment(int score, String ruleId, List<TextMatch> why) {
    RiskLevel level() {
      return levelOf(score);
    }
  }
}
