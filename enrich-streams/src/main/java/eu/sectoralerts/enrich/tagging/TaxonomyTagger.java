package eu.sectoralerts.enrich.tagging;

import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.enrich.Tagger;
import eu.sectoralerts.enrich.tagging.CompiledTaxonomy.Keyword;
import eu.sectoralerts.enrich.tagging.CompiledTaxonomy.Kind;
import eu.sectoralerts.enrich.tagging.CompiledTaxonomy.Rule;
import eu.sectoralerts.enrich.tagging.CompiledTaxonomy.TermRef;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.LevelCue;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.LevelRules;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Organisation;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Scope;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Selection;
import eu.sectoralerts.enrich.text.AnalyzedText;
import eu.sectoralerts.enrich.text.TextAnalyzer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Tagger} of a {@link Taxonomy}: the taxonomy is compiled once into one multi-phrase
 * matcher ({@link AhoCorasickTermFinder}) over the item's tokens, each token one character coding
 * its normal form (see {@code TextAnalyzer} and {@code CompiledTaxonomy}), so title and body are
 * read in a single pass whatever the number of phrases. The analyzer numbers each token by the
 * taxonomy's {@link eu.sectoralerts.enrich.text.Vocabulary} as it reads it, so the code is known
 * without a lookup by string; after matching, the matches that count are filed by the kind of their
 * rule once, and the later steps (scores, firms, bodies, level) read only the kind they need.
 *
 * <p>Per item: every phrase occurrence is found; occurrences inside an {@code unless} phrase of
 * their rule are cancelled, and of overlapping occurrences for one target only the first and
 * longest counts. A sector's or risk's score sums, per concept, the concept's weight for each of
 * its first {@code maxHitsPerConcept} matches, a title match counting {@code titleWeight} times.
 * Tags are ranked by score (then first appearance) and kept per the taxonomy's selection; an item
 * without a sector gets the fallback sector. Companies are those the item declares, the gazetteer's
 * and firms introduced by a European nationality and a company noun ("French carmaker Renault");
 * issuing bodies are the declared ones, or for a policy item that declares none, those named in its
 * title and first sentence. The level follows {@link LevelRules}. Every tag carries evidence: the
 * rule and the words it matched, with offsets into the original title or body.
 */
public final class TaxonomyTagger implements Tagger {

  static final String FALLBACK_RULE = "sector.fallback";
  static final String COMPANY_SECTOR_RULE = "sector.from-company";
  static final String DECLARED_COMPANY_RULE = "item.companies";
  static final String DECLARED_BODY_RULE = "item.issuingBody";
  static final String NATIONALITY_RULE = "firm.nationality-pattern";
  static final String OPPORTUNITY = "opportunity";
  static final String CHINA = "CN";

  /** How far after a nationality a company noun may stand ("German auto parts supplier X"). */
  private static final int NOUN_WINDOW = 4;

  /** How far after "foreign" a company noun may stand ("foreign medical device makers"). */
  private static final int GROUP_WINDOW = 3;

  /** How many capitalised words a company name found by the nationality pattern may have. */
  private static final int MAX_NAME_WORDS = 4;

  // The orders below are written out rather than composed (Comparator.comparingInt(...)
  // .thenComparing(...)): composed comparators cost a chain of calls per comparison, and every
  // item sorts its matches a few times.

  /** Matches by start, the longest first, then by rule. */
  private static final Comparator<Hit> IN_TEXT_ORDER =
      (a, b) -> {
        if (a.first() != b.first()) {
          return Integer.compare(a.first(), b.first());
        }
        if (a.last() != b.last()) {
          return Integer.compare(b.last(), a.last());
        }
        return Integer.compare(a.rule(), b.rule());
      };

  /** Matches by rule, then by start. */
  private static final Comparator<Hit> BY_RULE =
      (a, b) ->
          a.rule() != b.rule()
              ? Integer.compare(a.rule(), b.rule())
              : Integer.compare(a.first(), b.first());

  /** Tags by score (highest first), then by first mention, then in the taxonomy's order. */
  private static final Comparator<Scored> BY_SCORE =
      (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        if (byScore != 0) {
          return byScore;
        }
        if (a.firstToken() != b.firstToken()) {
          return Integer.compare(a.firstToken(), b.firstToken());
        }
        return Integer.compare(a.slot(), b.slot());
      };

  /** Contributions by points, highest first. */
  private static final Comparator<Contribution> BY_POINTS =
      (a, b) -> Double.compare(b.points(), a.points());

  private final CompiledTaxonomy compiled;
  private final Taxonomy taxonomy;
  private final TermFinder finder;
  private final Clock clock;
  private final int opportunitySlot = TaxonomyIds.RISKS.indexOf(OPPORTUNITY);

  private static final Kind[] KINDS = Kind.values();

  private TaxonomyTagger(Taxonomy taxonomy, Clock clock, TermFinder.Factory finders) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.compiled = new CompiledTaxonomy(taxonomy);
    this.finder = finders.compile(compiled.keywordTexts());
  }

  /**
   * A tagger for {@code taxonomy} on the Aho-Corasick matcher, stamping time from {@code clock}.
   */
  public static TaxonomyTagger compile(Taxonomy taxonomy, Clock clock) {
    return compile(taxonomy, clock, AhoCorasickTermFinder::compile);
  }

  /**
   * A tagger for {@code taxonomy} on the matcher {@code finders} builds (the benchmark compares
   * matchers this way; the tags must not depend on the matcher).
   */
  public static TaxonomyTagger compile(Taxonomy taxonomy, Clock clock, TermFinder.Factory finders) {
    return new TaxonomyTagger(taxonomy, clock, finders);
  }

  /**
   * The tagger of the taxonomy at {@code path}, or of the shipped one when empty.
   *
   * @throws eu.sectoralerts.enrich.taxonomy.TaxonomyException naming file, line and problem
   */
  public static TaxonomyTagger load(Optional<Path> path, Clock clock) {
    Taxonomy taxonomy = path.map(Taxonomy::load).orElseGet(Taxonomy::loadDefault);
    return compile(taxonomy, clock);
  }

  /** The rules this tagger applies. */
  public Taxonomy taxonomy() {
    return taxonomy;
  }

  @Override
  public String version() {
    return taxonomy.version();
  }

  @Override
  public TaggedItem tag(NewsItem item) {
    Objects.requireNonNull(item, "item");
    return new Run(item).tag();
  }

  /** One occurrence of a rule's phrase: tokens {@code first} to {@code last}. */
  private record Hit(int rule, int first, int last) {
    boolean overlaps(Hit other) {
      return first <= other.last && other.first <= last;
    }
  }

  /** A sector or risk with its score and the rules that made it. */
  private record Scored(
      String target, int slot, double score, int firstToken, List<Contribution> contributions) {}

  /** What one rule added to a target, and with which matches. */
  private record Contribution(Rule rule, double points, List<Hit> hits) {}

  /** A company or body found, with the rule that found it, its sectors and where it is named. */
  private record Named(
      String name,
      String ruleId,
      boolean european,
      boolean foreign,
      List<String> sectors,
      List<Hit> hits) {}

  /** The state of tagging one item. */
  private final class Run {
    private final NewsItem item;
    private final AnalyzedText text;

    /** The matches that count, in text order ({@link #IN_TEXT_ORDER}). */
    private final List<Hit> hits = new ArrayList<>();

    /**
     * {@link #hits} by the kind of their rule, each in text order, once they are final: the steps
     * after matching ask for one kind at a time, and many ask once per match.
     */
    private final List<List<Hit>> byKind = new ArrayList<>(KINDS.length);

    Run(NewsItem item) {
      this.item = item;
      String title = nullToEmpty(item.getTitle());
      String body = nullToEmpty(item.getBody());
      // A title that only repeats the body's first words would count them twice.
      this.text =
          TextAnalyzer.analyze(repeats(title, body) ? "" : title, body, compiled.vocabulary());
    }

    TaggedItem tag() {
      find();
      applyVetoes();
      dropOverlapping();
      addGroupsOfForeignFirms();
      indexByKind();

      List<Scored> sectors =
          select(score(Kind.SECTOR, TaxonomyIds.SECTORS), taxonomy.sectorSelection());
      List<Scored> risks = select(score(Kind.RISK, TaxonomyIds.RISKS), taxonomy.riskSelection());
      List<Named> companies = companies();
      List<Named> bodies = bodies();
      List<Named> european = companies.stream().filter(Named::european).toList();
      Assessment assessment = assess(risks, companies, !european.isEmpty());

      List<Evidence> evidence = new ArrayList<>();
      List<String> sectorIds = sectors.stream().map(Scored::target).toList();
      if (sectors.isEmpty()) {
        sectorIds = sectorsOfCompanies(companies, evidence);
      }
      for (Scored sector : sectors) {
        addEvidence(evidence, "sector:" + sector.target(), sector);
      }
      for (Scored risk : risks) {
        addEvidence(evidence, "risk:" + risk.target(), risk);
      }
      for (Named company : companies) {
        evidence.add(
            new Evidence("firm:" + company.name(), company.ruleId(), matches(company.hits())));
      }
      for (Named body : bodies) {
        evidence.add(new Evidence("body:" + body.name(), body.ruleId(), matches(body.hits())));
      }
      evidence.add(
          new Evidence(
              "level:" + assessment.level().name(),
              assessment.ruleId(),
              matches(assessment.why())));

      return TaggedItem.newBuilder()
          .setItem(item)
          .setSectors(sectorIds)
          .setRisks(risks.stream().map(Scored::target).toList())
          .setLevel(assessment.level())
          .setScore(assessment.score())
          .setEuropeanFirms(european.stream().map(Named::name).toList())
          .setIssuingBodies(bodies.stream().map(Named::name).toList())
          .setCompanies(companies.stream().map(Named::name).toList())
          .setEvidence(evidence)
          .setTaxonomyVersion(taxonomy.version())
          // The topic stores milliseconds; truncating keeps a tagged item equal to its re-read.
          .setTaggedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
          .build();
    }

    /**
     * The sectors of an item no sector concept fits: those of the first company named that has
     * sectors in the gazetteer ("Intel apologises ..." is about chips), else the fallback.
     */
    private List<String> sectorsOfCompanies(List<Named> companies, List<Evidence> evidence) {
      for (Named company : companies) {
        if (!company.sectors().isEmpty()) {
          for (String sector : company.sectors()) {
            evidence.add(
                new Evidence("sector:" + sector, COMPANY_SECTOR_RULE, matches(company.hits())));
          }
          return company.sectors();
        }
      }
      evidence.add(new Evidence("sector:" + taxonomy.fallbackSector(), FALLBACK_RULE, List.of()));
      return List.of(taxonomy.fallbackSector());
    }

    private void find() {
      matchesIn(text, hits);
      hits.sort(IN_TEXT_ORDER);
    }

    private void indexByKind() {
      for (int k = 0; k < KINDS.length; k++) {
        byKind.add(new ArrayList<>());
      }
      for (Hit hit : hits) {
        byKind.get(compiled.kind(hit.rule()).ordinal()).add(hit);
      }
    }

    /** The final matches of rules of {@code kind}, in text order. */
    private List<Hit> ofKind(Kind kind) {
      return byKind.get(kind.ordinal());
    }

    /** Cancels matches that lie inside an {@code unless} phrase of their rule. */
    private void applyVetoes() {
      List<Hit> vetoes = new ArrayList<>();
      for (Hit hit : hits) {
        if (compiled.kind(hit.rule()) == Kind.VETO) {
          vetoes.add(hit);
        }
      }
      if (vetoes.isEmpty()) {
        return;
      }
      hits.removeIf(
          hit -> {
            for (Hit veto : vetoes) {
              if (compiled.rule(veto.rule()).vetoOf() == hit.rule() && veto.overlaps(hit)) {
                return true;
              }
            }
            return false;
          });
      hits.removeAll(vetoes);
    }

    /**
     * Of overlapping matches for one target (two phrases of one sector, say, or "is pressured" and
     * "pressured by"), keeps the one that starts first, the longest of those: the same words never
     * count twice for one tag.
     */
    private void dropOverlapping() {
      // Sorted by start, longest first: a match overlaps a kept one of its group exactly when it
      // starts before the furthest end kept so far.
      int[] keptUntil = new int[compiled.groupCount()];
      Arrays.fill(keptUntil, -1);
      List<Hit> kept = new ArrayList<>(hits.size());
      for (Hit hit : hits) {
        int group = compiled.rule(hit.rule()).group();
        if (hit.first() > keptUntil[group]) {
          kept.add(hit);
          keptUntil[group] = hit.last();
        }
      }
      hits.clear();
      hits.addAll(kept);
    }

    /**
     * "Foreign device makers", "European machinery suppliers": an exposure adjective followed
     * within a few words by a company noun names foreign firms as a group, like the exposure
     * phrases themselves.
     */
    private void addGroupsOfForeignFirms() {
      List<Hit> groups = new ArrayList<>();
      List<Hit> nouns = null;
      for (Hit adjective : hits) {
        if (compiled.kind(adjective.rule()) != Kind.EXPOSURE_ADJECTIVE) {
          continue;
        }
        if (nouns == null) {
          nouns = new ArrayList<>();
          for (Hit hit : hits) {
            if (compiled.kind(hit.rule()) == Kind.NOUN) {
              nouns.add(hit);
            }
          }
        }
        Hit noun = nounAfter(nouns, adjective.last(), GROUP_WINDOW);
        if (noun != null) {
          groups.add(new Hit(compiled.exposureRule(), adjective.first(), noun.last()));
        }
      }
      if (!groups.isEmpty()) {
        hits.addAll(groups);
        hits.sort(IN_TEXT_ORDER);
        dropOverlapping();
      }
    }

    private List<Scored> score(Kind kind, List<String> ids) {
      List<Hit> ofKind = new ArrayList<>(ofKind(kind));
      if (ofKind.isEmpty()) {
        return List.of();
      }
      // Per rule, in text order: title tokens come first, so title matches are counted first.
      ofKind.sort(BY_RULE);
      List<List<Contribution>> byTarget = new ArrayList<>(Collections.nCopies(ids.size(), null));
      int from = 0;
      while (from < ofKind.size()) {
        int to = from;
        while (to < ofKind.size() && ofKind.get(to).rule() == ofKind.get(from).rule()) {
          to++;
        }
        Rule rule = compiled.rule(ofKind.get(from).rule());
        List<Hit> ruleHits = ofKind.subList(from, to);
        double points = 0;
        for (int i = 0; i < Math.min(taxonomy.maxHitsPerConcept(), ruleHits.size()); i++) {
          boolean inTitle = text.field(ruleHits.get(i).first()) == AnalyzedText.TITLE;
          points += rule.weight() * (inTitle ? taxonomy.titleWeight() : 1);
        }
        if (byTarget.get(rule.slot()) == null) {
          byTarget.set(rule.slot(), new ArrayList<>(2));
        }
        byTarget.get(rule.slot()).add(new Contribution(rule, points, ruleHits));
        from = to;
      }
      List<Scored> scored = new ArrayList<>();
      for (int slot = 0; slot < ids.size(); slot++) {
        List<Contribution> contributions = byTarget.get(slot);
        if (contributions == null) {
          continue;
        }
        contributions.sort(BY_POINTS);
        double total = 0;
        int firstToken = Integer.MAX_VALUE;
        for (Contribution c : contributions) {
          total += c.points();
          firstToken = Math.min(firstToken, c.hits().get(0).first());
        }
        scored.add(new Scored(ids.get(slot), slot, total, firstToken, contributions));
      }
      scored.sort(BY_SCORE);
      return scored;
    }

    private List<Scored> select(List<Scored> ranked, Selection selection) {
      if (ranked.isEmpty()) {
        return List.of();
      }
      double bar =
          Math.max(selection.minScore(), selection.relativeToTop() * ranked.get(0).score());
      List<Scored> selected = new ArrayList<>();
      for (Scored s : ranked) {
        if (selected.size() < selection.max() && s.score() >= bar && s.score() > 0) {
          selected.add(s);
        }
      }
      return selected;
    }

    private List<Named> companies() {
      Map<String, Named> found = new LinkedHashMap<>();
      for (String declared : item.getCompanies()) {
        String name = declared == null ? "" : declared.strip();
        if (!name.isEmpty()) {
          addDeclaredCompany(name, found);
        }
      }
      for (Hit hit : ofKind(Kind.COMPANY)) {
        Rule rule = compiled.rule(hit.rule());
        Organisation company = taxonomy.companies().known().get(rule.slot());
        Named existing = found.get(company.name());
        if (existing == null) {
          found.put(
              company.name(),
              new Named(
                  company.name(),
                  rule.id(),
                  company.european(),
                  !company.country().equals(CHINA),
                  company.sectors(),
                  new ArrayList<>(List.of(hit))));
        } else {
          existing.hits().add(hit);
        }
      }
      addNationalityPatternFirms(found);
      return List.copyOf(found.values());
    }

    private void addDeclaredCompany(String declared, Map<String, Named> found) {
      List<String> words = TextAnalyzer.normalizedWords(declared);
      if (words.isEmpty()) {
        return;
      }
      Organisation known = compiled.companyNamed(words);
      if (known != null) {
        found.putIfAbsent(
            known.name(),
            new Named(
                known.name(),
                DECLARED_COMPANY_RULE,
                known.european(),
                !known.country().equals(CHINA),
                known.sectors(),
                new ArrayList<>()));
        return;
      }
      List<Hit> mentions = occurrences(words);
      boolean european = false;
      for (Hit mention : mentions) {
        european |= europeanNationalityBefore(mention.first());
      }
      found.putIfAbsent(
          declared,
          new Named(declared, DECLARED_COMPANY_RULE, european, european, List.of(), mentions));
    }

    /** "German auto parts supplier Continental": nationality, company noun, capitalised name. */
    private void addNationalityPatternFirms(Map<String, Named> found) {
      for (Hit nationality : ofKind(Kind.NATIONALITY)) {
        Rule rule = compiled.rule(nationality.rule());
        if (!taxonomy.companies().europeanCountries().contains(rule.target())) {
          continue;
        }
        Hit noun = nounAfter(ofKind(Kind.NOUN), nationality.last(), NOUN_WINDOW);
        if (noun == null) {
          continue;
        }
        int first = noun.last() + 1;
        int last = first - 1;
        while (last + 1 < text.size()
            && last + 1 - first < MAX_NAME_WORDS
            && text.sentence(last + 1) == text.sentence(nationality.first())
            && text.isCapitalised(last + 1)) {
          last++;
        }
        if (last < first || isKnownCompanyAt(first)) {
          continue;
        }
        String name = text.text(first, last);
        if (!found.containsKey(name)) {
          found.put(
              name,
              new Named(
                  name,
                  NATIONALITY_RULE,
                  true,
                  true,
                  List.of(),
                  new ArrayList<>(
                      List.of(new Hit(nationality.rule(), nationality.first(), last)))));
        }
      }
    }

    /**
     * The first of {@code nouns} (company nouns in text order) within {@code window} tokens after
     * {@code token}, same sentence.
     */
    private Hit nounAfter(List<Hit> nouns, int token, int window) {
      for (Hit hit : nouns) {
        if (hit.first() > token
            && hit.first() <= token + window
            && text.sentence(hit.last()) == text.sentence(token)) {
          return hit;
        }
      }
      return null;
    }

    private boolean isKnownCompanyAt(int token) {
      for (Hit hit : ofKind(Kind.COMPANY)) {
        if (hit.first() == token) {
          return true;
        }
      }
      return false;
    }

    private boolean europeanNationalityBefore(int token) {
      for (Hit hit : ofKind(Kind.NATIONALITY)) {
        Rule rule = compiled.rule(hit.rule());
        if (hit.last() < token
            && hit.last() >= token - 3
            && text.sentence(hit.last()) == text.sentence(token)
            && taxonomy.companies().europeanCountries().contains(rule.target())) {
          return true;
        }
      }
      return false;
    }

    /** Where a phrase (normal forms) appears as consecutive tokens of one sentence. */
    private List<Hit> occurrences(List<String> words) {
      List<Hit> found = new ArrayList<>();
      outer:
      for (int i = 0; i + words.size() <= text.size(); i++) {
        for (int j = 0; j < words.size(); j++) {
          if (!text.normEquals(i + j, words.get(j)) || text.sentence(i + j) != text.sentence(i)) {
            continue outer;
          }
        }
        found.add(new Hit(-1, i, i + words.size() - 1));
      }
      return found;
    }

    private List<Named> bodies() {
      String declared = item.getIssuingBody() == null ? "" : item.getIssuingBody().strip();
      Map<String, Named> found = new LinkedHashMap<>();
      if (!declared.isEmpty()) {
        for (Organisation body : bodiesIn(declared)) {
          found.putIfAbsent(
              body.name(),
              new Named(
                  body.name(), DECLARED_BODY_RULE, false, false, List.of(), bodyHits(body.name())));
        }
        if (found.isEmpty()) {
          found.put(
              declared,
              new Named(
                  declared,
                  DECLARED_BODY_RULE,
                  false,
                  false,
                  List.of(),
                  occurrences(TextAnalyzer.normalizedWords(declared))));
        }
        return List.copyOf(found.values());
      }
      if (item.getKind() != ItemKind.POLICY) {
        return List.of();
      }
      int leadSentence = leadSentence();
      for (Hit hit : ofKind(Kind.BODY)) {
        Rule rule = compiled.rule(hit.rule());
        if (text.field(hit.first()) == AnalyzedText.TITLE
            || text.sentence(hit.first()) == leadSentence) {
          found.computeIfAbsent(
              rule.target(),
              name -> new Named(name, rule.id(), false, false, List.of(), bodyHits(name)));
        }
      }
      return List.copyOf(found.values());
    }

    /** The first sentence of the body (the title's when the body is empty). */
    private int leadSentence() {
      for (int i = 0; i < text.size(); i++) {
        if (text.field(i) == AnalyzedText.BODY) {
          return text.sentence(i);
        }
      }
      return text.size() == 0 ? -1 : text.sentence(0);
    }

    private List<Hit> bodyHits(String name) {
      List<Hit> result = new ArrayList<>();
      for (Hit hit : ofKind(Kind.BODY)) {
        if (compiled.rule(hit.rule()).target().equals(name)) {
          result.add(hit);
        }
      }
      return result;
    }

    /** The known bodies a declared issuing body names ("MIIT and NDRC"), in order. */
    private List<Organisation> bodiesIn(String declared) {
      List<Hit> matches = new ArrayList<>();
      matchesIn(TextAnalyzer.analyze("", declared, compiled.vocabulary()), matches);
      List<Hit> found = new ArrayList<>();
      for (Hit hit : matches) {
        if (compiled.kind(hit.rule()) == Kind.BODY) {
          found.add(hit);
        }
      }
      found.sort(Comparator.comparingInt(Hit::first));
      List<Organisation> bodies = new ArrayList<>();
      for (Hit hit : found) {
        Organisation body = taxonomy.bodies().get(compiled.rule(hit.rule()).slot());
        if (!bodies.contains(body)) {
          bodies.add(body);
        }
      }
      return bodies;
    }

    private Assessment assess(List<Scored> risks, List<Named> companies, boolean european) {
      LevelRules rules = taxonomy.levels();
      if (risks.isEmpty()) {
        return new Assessment(0, RiskLevel.NONE, "level.no-risk", List.of());
      }
      List<Scored> threats = risks.stream().filter(r -> r.slot() != opportunitySlot).toList();
      if (threats.isEmpty()) {
        int score = Math.min(rules.opportunityOnlyScore(), rules.medium() - 1);
        return new Assessment(score, levelOf(score), "level.opportunity-only", List.of());
      }
      boolean[] riskSentence = new boolean[text.sentences()];
      boolean[] opportunitySentence = new boolean[text.sentences()];
      for (Scored risk : risks) {
        for (Contribution c : risk.contributions()) {
          for (Hit hit : c.hits()) {
            boolean[] mark = risk.slot() == opportunitySlot ? opportunitySentence : riskSentence;
            mark[text.sentence(hit.first())] = true;
          }
        }
      }
      boolean[] foreignFirmSentence = new boolean[text.sentences()];
      for (Named company : companies) {
        if (company.foreign()) {
          for (Hit hit : company.hits()) {
            foreignFirmSentence[text.sentence(hit.first())] = true;
          }
        }
      }
      for (Hit hit : ofKind(Kind.EXPOSURE)) {
        foreignFirmSentence[text.sentence(hit.first())] = true;
      }

      int score = rules.riskScore() + rules.extraRiskScore() * (threats.size() - 1);
      String ruleId = "level.risks";
      int decisivePoints = 0;
      boolean high = false;
      List<Hit> why = new ArrayList<>();
      List<Hit> exposure =
          cueHits(
              Kind.EXPOSURE,
              -1,
              Scope.RISK_SENTENCE,
              riskSentence,
              opportunitySentence,
              foreignFirmSentence);
      if (!exposure.isEmpty()) {
        LevelCue cue = rules.exposure();
        score += cue.points();
        why.addAll(exposure);
        if (cue.points() > decisivePoints) {
          decisivePoints = cue.points();
          ruleId = cue.id();
        }
      }
      List<LevelCue> cues = rules.cues();
      for (int i = 0; i < cues.size(); i++) {
        LevelCue cue = cues.get(i);
        List<Hit> cueHits =
            cueHits(
                Kind.CUE, i, cue.scope(), riskSentence, opportunitySentence, foreignFirmSentence);
        if (cueHits.isEmpty()) {
          continue;
        }
        score += cue.points();
        why.addAll(cueHits);
        high |= cue.allowsHigh();
        if (cue.points() > decisivePoints) {
          decisivePoints = cue.points();
          ruleId = cue.id();
        }
      }
      if (european && score < rules.medium()) {
        score = rules.medium();
        ruleId = "level.european-firm";
      }
      if (!high) {
        score = Math.min(score, rules.high() - 1);
      }
      score = Math.min(score, 100);
      why.sort(Comparator.comparingInt(Hit::first));
      return new Assessment(score, levelOf(score), ruleId, why);
    }

    private List<Hit> cueHits(
        Kind kind,
        int slot,
        Scope scope,
        boolean[] riskSentence,
        boolean[] opportunitySentence,
        boolean[] foreignFirmSentence) {
      List<Hit> result = new ArrayList<>();
      for (Hit hit : ofKind(kind)) {
        if (slot >= 0 && compiled.rule(hit.rule()).slot() != slot) {
          continue;
        }
        int sentence = text.sentence(hit.first());
        boolean counts =
            switch (scope) {
              case ITEM -> true;
              case RISK_SENTENCE -> riskSentence[sentence] && !opportunitySentence[sentence];
              case FOREIGN_FIRM_SENTENCE -> foreignFirmSentence[sentence];
            };
        if (counts) {
          result.add(hit);
        }
      }
      return result;
    }

    private RiskLevel levelOf(int score) {
      return TaxonomyTagger.levelOf(score, taxonomy.levels());
    }

    private void addEvidence(List<Evidence> evidence, String tag, Scored scored) {
      for (Contribution c : scored.contributions()) {
        evidence.add(new Evidence(tag, c.rule().id(), matches(c.hits())));
      }
    }

    private List<TextMatch> matches(List<Hit> hitList) {
      List<TextMatch> matches = new ArrayList<>(hitList.size());
      for (Hit hit : hitList) {
        matches.add(
            new TextMatch(
                text.fieldName(hit.first()),
                text.start(hit.first()),
                text.end(hit.last()),
                text.text(hit.first(), hit.last())));
      }
      return matches;
    }
  }

  /**
   * Adds to {@code found} every occurrence in {@code text} of a phrase of the taxonomy, with its
   * letter case right.
   */
  private void matchesIn(AnalyzedText text, List<Hit> found) {
    CompiledTaxonomy.Encoded encoded = compiled.encode(text);
    finder.find(
        encoded.text(),
        (index, position) -> {
          Keyword keyword = compiled.keyword(index);
          int first = encoded.tokenAt()[position];
          int last = first + keyword.tokens() - 1;
          for (TermRef ref : keyword.refs()) {
            if (ref.accepts(text, first)) {
              found.add(new Hit(ref.rule(), first, last));
            }
          }
        });
  }

  /** The level of {@code score} under the thresholds of {@code rules}. */
  static RiskLevel levelOf(int score, LevelRules rules) {
    if (score >= rules.high()) {
      return RiskLevel.HIGH;
    }
    if (score >= rules.medium()) {
      return RiskLevel.MEDIUM;
    }
    if (score >= rules.low()) {
      return RiskLevel.LOW;
    }
    return RiskLevel.NONE;
  }

  private record Assessment(int score, RiskLevel level, String ruleId, List<Hit> why) {}

  /** Whether the title is only the body's first words (a bullet's first clause, perhaps cut). */
  static boolean repeats(String title, String body) {
    String lead = title.strip();
    if (lead.endsWith("\u2026")) {
      lead = lead.substring(0, lead.length() - 1).strip();
    } else if (lead.endsWith("...")) {
      lead = lead.substring(0, lead.length() - 3).strip();
    }
    return !lead.isEmpty() && body.contains(lead);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
