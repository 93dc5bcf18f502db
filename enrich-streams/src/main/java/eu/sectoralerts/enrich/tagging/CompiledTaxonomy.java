package eu.sectoralerts.enrich.tagging;

import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Concept;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.LevelCue;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Organisation;
import eu.sectoralerts.enrich.taxonomy.Term;
import eu.sectoralerts.enrich.text.AnalyzedText;
import eu.sectoralerts.enrich.text.TextAnalyzer;
import eu.sectoralerts.enrich.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A taxonomy turned into what the tagger runs on: one {@link Rule} per concept, cue, organisation
 * and company noun (plus one per {@code unless} list), one keyword per distinct normalised phrase,
 * each keyword knowing every rule it serves, and the {@link Vocabulary} of the phrases' words that
 * items are analysed with. Built once; immutable afterwards.
 */
final class CompiledTaxonomy {

  /** What a rule detects. */
  enum Kind {
    SECTOR,
    RISK,
    EXPOSURE,
    EXPOSURE_ADJECTIVE,
    CUE,
    BODY,
    COMPANY,
    NATIONALITY,
    NOUN,
    VETO
  }

  /**
   * One rule.
   *
   * @param index position in {@link #rules()}
   * @param kind what it detects
   * @param id rule id for the evidence
   * @param target sector or risk id, organisation name, country of a nationality, cue id
   * @param slot index of the target among its kind (sector or risk index, organisation index, cue
   *     index)
   * @param weight weight of a concept, points of a cue
   * @param vetoOf for {@code VETO}: the index of the rule whose matches it cancels; else -1
   * @param group the same number for every rule of one kind and target (two concepts of one
   *     sector), or of one kind for names (companies, bodies), numbered densely from 0: of
   *     overlapping matches of one group only one counts
   */
  record Rule(
      int index,
      Kind kind,
      String id,
      String target,
      int slot,
      double weight,
      int vetoOf,
      int group) {}

  /**
   * A phrase variant serving one rule.
   *
   * @param rule the rule's index
   * @param exact per word, the letters the token as written must start with, or null where any
   *     letter case matches
   */
  record TermRef(int rule, String[] exact) {
    boolean accepts(AnalyzedText text, int first) {
      if (exact == null) {
        return true;
      }
      for (int i = 0; i < exact.length; i++) {
        if (exact[i] != null && !text.originalStartsWith(first + i, exact[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One distinct phrase: its tokens' codes (one character per token), how many tokens it spans and
   * whom it serves.
   */
  record Keyword(String text, int tokens, List<TermRef> refs) {}

  /**
   * An item's tokens as the matcher reads them: one character per token, the code of its normal
   * form or {@link #OTHER}, with {@link #BARRIER} at each phrase barrier.
   *
   * @param text the codes
   * @param tokenAt for each character of {@code text}, its token; -1 for a barrier
   */
  record Encoded(String text, int[] tokenAt) {}

  /** The code of a token that is part of no phrase. */
  static final char OTHER = '~';

  /** The code of a phrase barrier. */
  static final char BARRIER = '|';

  /** Word codes start above Latin-1 and stop before the surrogates: 55,000 words. */
  private static final int FIRST_CODE = 0x100;

  private static final int LAST_CODE = 0xD7FF;

  private final List<Rule> rules = new ArrayList<>();
  private final List<Keyword> keywords = new ArrayList<>();
  private final Map<String, Integer> keywordIndex = new HashMap<>();
  private final Map<String, Organisation> companiesByAlias = new HashMap<>();
  private final Map<String, Character> codes = new HashMap<>();
  private final Map<String, Integer> groups = new HashMap<>();
  private final Vocabulary vocabulary;
  private final Kind[] kinds;
  private int maxAliasWords;
  private int exposureRule;

  CompiledTaxonomy(Taxonomy taxonomy) {
    for (Concept concept : taxonomy.sectorConcepts()) {
      int slot = TaxonomyIds.SECTORS.indexOf(concept.target());
      Rule rule = add(Kind.SECTOR, concept.id(), concept.target(), slot, concept.weight(), -1);
      addTerms(rule, concept.terms(), false);
      addVeto(rule, concept.unless());
    }
    for (Concept concept : taxonomy.riskConcepts()) {
      int slot = TaxonomyIds.RISKS.indexOf(concept.target());
      Rule rule = add(Kind.RISK, concept.id(), concept.target(), slot, concept.weight(), -1);
      addTerms(rule, concept.terms(), false);
      addVeto(rule, concept.unless());
    }
    LevelCue exposure = taxonomy.levels().exposure();
    Rule exposureRule = add(Kind.EXPOSURE, exposure.id(), exposure.id(), 0, exposure.points(), -1);
    addTerms(exposureRule, exposure.terms(), false);
    addVeto(exposureRule, exposure.unless());
    this.exposureRule = exposureRule.index();
    Rule adjectives =
        add(Kind.EXPOSURE_ADJECTIVE, exposure.id() + ".adjective", exposure.id(), 0, 0, -1);
    addTerms(adjectives, taxonomy.levels().exposureAdjectives(), false);
    List<LevelCue> cues = taxonomy.levels().cues();
    for (int i = 0; i < cues.size(); i++) {
      LevelCue cue = cues.get(i);
      Rule rule = add(Kind.CUE, cue.id(), cue.id(), i, cue.points(), -1);
      addTerms(rule, cue.terms(), false);
      addVeto(rule, cue.unless());
    }
    List<Organisation> bodies = taxonomy.bodies();
    for (int i = 0; i < bodies.size(); i++) {
      Organisation body = bodies.get(i);
      Rule rule = add(Kind.BODY, "body." + body.name(), body.name(), i, 0, -1);
      addTerms(rule, body.aliases(), true);
      addVeto(rule, body.unless());
    }
    List<Organisation> companies = taxonomy.companies().known();
    for (int i = 0; i < companies.size(); i++) {
      Organisation company = companies.get(i);
      Rule rule = add(Kind.COMPANY, "firm." + company.name(), company.name(), i, 0, -1);
      addTerms(rule, company.aliases(), true);
      addVeto(rule, company.unless());
      for (Term alias : company.aliases()) {
        for (String variant : alias.variants()) {
          List<String> words = TextAnalyzer.normalizedWords(variant);
          companiesByAlias.putIfAbsent(String.join(" ", words), company);
          maxAliasWords = Math.max(maxAliasWords, words.size());
        }
      }
    }
    for (Map.Entry<String, String> nationality : taxonomy.companies().nationalities().entrySet()) {
      Rule rule =
          add(
              Kind.NATIONALITY,
              "nationality." + nationality.getKey(),
              nationality.getValue(),
              0,
              0,
              -1);
      addVariant(rule, nationality.getKey(), true);
    }
    Rule noun = add(Kind.NOUN, "company-noun", "company-noun", 0, 0, -1);
    addTerms(noun, taxonomy.companies().nouns(), false);
    String[] words = new String[codes.size()];
    codes.forEach((word, code) -> words[code - FIRST_CODE] = word);
    this.vocabulary = Vocabulary.of(List.of(words));
    this.kinds = rules.stream().map(Rule::kind).toArray(Kind[]::new);
  }

  /** The index of the rule of foreign firms named as a group. */
  int exposureRule() {
    return exposureRule;
  }

  Rule rule(int index) {
    return rules.get(index);
  }

  /** The kind of rule {@code index}; read for every match. */
  Kind kind(int index) {
    return kinds[index];
  }

  Keyword keyword(int index) {
    return keywords.get(index);
  }

  /** The number of rule groups (see {@link Rule#group()}). */
  int groupCount() {
    return groups.size();
  }

  /**
   * Encodes an item's tokens for the matcher. One character per token keeps the searched text short
   * (a token of any length is one step of the automaton), and a word outside every phrase can never
   * be part of a match.
   */
  Encoded encode(AnalyzedText text) {
    if (text.vocabulary() != vocabulary) {
      throw new IllegalArgumentException("the text was not analysed with this taxonomy's words");
    }
    char[] chars = new char[text.size() * 2];
    int[] tokenAt = new int[chars.length];
    int n = 0;
    for (int i = 0; i < text.size(); i++) {
      if (i > 0 && text.barrierBefore(i)) {
        chars[n] = BARRIER;
        tokenAt[n++] = -1;
      }
      // the analyzer looked the word up already: word number i has code FIRST_CODE + i
      int word = text.word(i);
      chars[n] = word < 0 ? OTHER : (char) (FIRST_CODE + word);
      tokenAt[n++] = i;
    }
    return new Encoded(new String(chars, 0, n), tokenAt);
  }

  /**
   * Every word of a phrase of the taxonomy, numbered in the order of their codes: what items are
   * analysed with, so {@link #encode} needs no lookup of its own.
   */
  Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Every keyword, in index order: what a {@link TermFinder} is compiled from. */
  List<String> keywordTexts() {
    return keywords.stream().map(Keyword::text).toList();
  }

  /** The known company a name (normalised words) begins with, longest alias first, or null. */
  Organisation companyNamed(List<String> normalizedWords) {
    for (int n = Math.min(maxAliasWords, normalizedWords.size()); n > 0; n--) {
      Organisation company = companiesByAlias.get(String.join(" ", normalizedWords.subList(0, n)));
      if (company != null) {
        return company;
      }
    }
    return null;
  }

  private Rule add(Kind kind, String id, String target, int slot, double weight, int vetoOf) {
    // One name is one organisation: "Siemens" inside "Siemens Energy" is not a second company.
    String grouped = kind == Kind.COMPANY || kind == Kind.BODY ? "*" : target;
    int group = groups.computeIfAbsent(kind + " " + grouped, k -> groups.size());
    Rule rule = new Rule(rules.size(), kind, id, target, slot, weight, vetoOf, group);
    rules.add(rule);
    return rule;
  }

  private void addVeto(Rule owner, List<Term> unless) {
    if (unless.isEmpty()) {
      return;
    }
    Rule veto = add(Kind.VETO, owner.id() + ".unless", owner.target(), 0, 0, owner.index());
    addTerms(veto, unless, false);
  }

  private void addTerms(Rule rule, List<Term> terms, boolean name) {
    for (Term term : terms) {
      for (String variant : term.variants()) {
        addVariant(rule, variant, name);
      }
    }
  }

  /**
   * Adds one phrase. In a name, capitalised words must match as written; elsewhere only acronyms
   * must.
   */
  private void addVariant(Rule rule, String variant, boolean name) {
    List<String> written = TextAnalyzer.words(variant);
    List<String> normal = TextAnalyzer.normalizedWords(variant);
    String[] exact = new String[written.size()];
    boolean anyExact = false;
    for (int i = 0; i < written.size(); i++) {
      String word = written.get(i);
      boolean mustMatch = name ? Character.isUpperCase(word.codePointAt(0)) : Term.isAcronym(word);
      if (mustMatch) {
        exact[i] = stripPossessive(word);
        anyExact = true;
      }
    }
    StringBuilder codeText = new StringBuilder(normal.size());
    for (String word : normal) {
      codeText.append(code(word));
    }
    String text = codeText.toString();
    Integer index = keywordIndex.get(text);
    if (index == null) {
      index = keywords.size();
      keywordIndex.put(text, index);
      keywords.add(new Keyword(text, normal.size(), new ArrayList<>()));
    }
    List<TermRef> refs = keywords.get(index).refs();
    TermRef ref = new TermRef(rule.index(), anyExact ? exact : null);
    boolean duplicate =
        refs.stream()
            .anyMatch(r -> r.rule() == ref.rule() && Arrays.equals(r.exact(), ref.exact()));
    if (!duplicate) {
      refs.add(ref);
    }
  }

  private char code(String word) {
    Character code = codes.get(word);
    if (code == null) {
      int next = FIRST_CODE + codes.size();
      if (next > LAST_CODE) {
        throw new IllegalStateException(
            "the taxonomy uses more than " + (LAST_CODE - FIRST_CODE + 1) + " distinct words");
      }
      code = (char) next;
      codes.put(word, code);
    }
    return code;
  }

  private static String stripPossessive(String word) {
    String w = word.replace('\u2019', '\'');
    return w.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
  }
}
