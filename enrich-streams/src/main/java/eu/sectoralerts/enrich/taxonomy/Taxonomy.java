package eu.sectoralerts.enrich.taxonomy;

import eu.sectoralerts.common.TaxonomyIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tagging rules of one taxonomy file, validated: concepts per sector and risk id of {@link
 * TaxonomyIds} (every id has at least one), how tags are selected from their scores, the level
 * rules of taxonomy.md, and gazetteers of issuing bodies and companies. Load it with {@link
 * #loadDefault()} (the file shipped in this module), {@link #load(Path)} or {@link #parse}; a file
 * with any problem throws {@link TaxonomyException} and yields no taxonomy at all. The format is
 * described at the top of {@code taxonomy/taxonomy.yaml}.
 *
 * @param version the version written into every tagged item
 * @param source where the rules came from (a path or {@code classpath:...}), for messages
 * @param titleWeight how many body matches one title match is worth
 * @param maxHitsPerConcept how many matches of one concept count at most
 * @param sectorSelection how sectors are chosen from their scores
 * @param fallbackSector the sector of an item no sector concept matches
 * @param sectorConcepts the concepts of every sector, in file order
 * @param riskSelection how risks are chosen from their scores
 * @param riskConcepts the concepts of every risk kind, in file order
 * @param levels the level rules
 * @param bodies the issuing bodies gazetteer
 * @param companies the companies gazetteer and how unknown European firms are recognised
 */
public record Taxonomy(
    String version,
    String source,
    double titleWeight,
    int maxHitsPerConcept,
    Selection sectorSelection,
    String fallbackSector,
    List<Concept> sectorConcepts,
    Selection riskSelection,
    List<Concept> riskConcepts,
    LevelRules levels,
    List<Organisation> bodies,
    CompanyRules companies) {

  /** The classpath resource of the taxonomy shipped with enrich-streams. */
  public static final String DEFAULT_RESOURCE = "taxonomy/taxonomy.yaml";

  public Taxonomy {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sectorSelection, "sectorSelection");
    Objects.requireNonNull(fallbackSector, "fallbackSector");
    sectorConcepts = List.copyOf(sectorConcepts);
    Objects.requireNonNull(riskSelection, "riskSelection");
    riskConcepts = List.copyOf(riskConcepts);
    Objects.requireNonNull(levels, "levels");
    bodies = List.copyOf(bodies);
    Objects.requireNonNull(companies, "companies");
  }

  /** The taxonomy shipped in this module's resources. */
  public static Taxonomy loadDefault() {
    String source = "classpath:" + DEFAULT_RESOURCE;
    try (InputStream in = Taxonomy.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new TaxonomyException(
            List.of(new TaxonomyException.Problem(source, 0, "is missing from the classpath")));
      }
      return parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TaxonomyException(
          List.of(new TaxonomyException.Problem(source, 0, "cannot be read: " + e.getMessage())));
    }
  }

  /** The taxonomy in the file at {@code path}. */
  public static Taxonomy load(Path path) {
    String source = path.toString();
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TaxonomyException(
          List.of(new TaxonomyException.Problem(source, 0, "does not exist")));
    } catch (IOException e) {
      throw new TaxonomyException(
          List.of(new TaxonomyException.Problem(source, 0, "cannot be read: " + e)));
    }
    return parse(source, text);
  }

  /** The taxonomy written in {@code text}; {@code source} names it in messages. */
  public static Taxonomy parse(String source, String text) {
    return new TaxonomyReader(source).read(YamlNode.parse(source, text));
  }

  /**
   * How tags are chosen: ranked by score, a tag is kept when its score reaches {@code minScore} and
   * {@code relativeToTop} times the best score, up to {@code max} tags.
   */
  public record Selection(double minScore, double relativeToTop, int max) {}

  /**
   * Words that signal one sector or risk kind.
   *
   * @param id the rule id, reported in the evidence
   * @param target the sector or risk id
   * @param weight what one match adds to the target's score
   * @param terms the phrases that match
   * @param unless phrases that cancel a match of this concept lying inside them
   * @param line where the concept is written
   */
  public record Concept(
      String id, String target, double weight, List<Term> terms, List<Term> unless, int line) {
    public Concept {
      terms = List.copyOf(terms);
      unless = List.copyOf(unless);
    }
  }

  /**
   * The level rules (taxonomy.md, "Risk level"). An item without risks scores 0; with only {@code
   * opportunity} it scores {@code opportunityOnlyScore}, never reaching MEDIUM; otherwise {@code
   * riskScore} plus {@code extraRiskScore} per further risk, plus the points of the {@code
   * exposure} and the {@code cues} that fire. A named European firm with a risk other than {@code
   * opportunity} lifts the score to at least MEDIUM; only a cue with {@code allowsHigh} lifts it to
   * HIGH.
   *
   * @param low the lowest LOW score
   * @param medium the lowest MEDIUM score
   * @param high the lowest HIGH score
   * @param riskScore the score of one risk other than opportunity
   * @param extraRiskScore added for each further risk other than opportunity
   * @param opportunityOnlyScore the score of an item whose only risk is opportunity
   * @param exposure foreign or European firms named as a group, counted where a sentence also
   *     signals a risk other than opportunity and no opportunity
   * @param exposureAdjectives words such as "foreign" that, followed within a few words by a
   *     company noun ("foreign device makers"), also name foreign firms as a group
   * @param cues further cues
   */
  public record LevelRules(
      int low,
      int medium,
      int high,
      int riskScore,
      int extraRiskScore,
      int opportunityOnlyScore,
      LevelCue exposure,
      List<Term> exposureAdjectives,
      List<LevelCue> cues) {
    public LevelRules {
      Objects.requireNonNull(exposure, "exposure");
      exposureAdjectives = List.copyOf(exposureAdjectives);
      cues = List.copyOf(cues);
    }
  }

  /** Where a level cue counts. */
  public enum Scope {
    /** Anywhere in the item. */
    ITEM,
    /** In a sentence that signals a risk other than opportunity, and no opportunity. */
    RISK_SENTENCE,
    /** In a sentence naming a foreign (not Chinese) company or foreign firms as a group. */
    FOREIGN_FIRM_SENTENCE
  }

  /**
   * Words that move the level.
   *
   * @param id the rule id, reported in the evidence
   * @param points added to the score when the cue fires
   * @param scope where a match counts
   * @param allowsHigh whether the cue may lift the level to HIGH (direct restriction, pressure or
   *     displacement of foreign firms)
   * @param terms the phrases that match
   * @param unless phrases that cancel a match lying inside them
   * @param line where the cue is written
   */
  public record LevelCue(
      String id,
      int points,
      Scope scope,
      boolean allowsHigh,
      List<Term> terms,
      List<Term> unless,
      int line) {
    public LevelCue {
      terms = List.copyOf(terms);
      unless = List.copyOf(unless);
    }
  }

  /**
   * A named organisation: an issuing body, or a company with its home country.
   *
   * @param name the canonical name, as tags report it
   * @param country ISO 3166 alpha-2 home country; empty for issuing bodies
   * @param european whether the home country is European (companies only)
   * @param aliases the names it goes by, matched letter case and all
   * @param unless phrases in which an alias does not name it ("Continental Europe")
   * @param sectors a company's sectors, given to an item that names it and no sector at all; empty
   *     for bodies and for companies active in many sectors
   * @param line where it is written
   */
  public record Organisation(
      String name,
      String country,
      boolean european,
      List<Term> aliases,
      List<Term> unless,
      List<String> sectors,
      int line) {
    public Organisation {
      aliases = List.copyOf(aliases);
      unless = List.copyOf(unless);
      sectors = List.copyOf(sectors);
    }
  }

  /**
   * Companies: the gazetteer, and the pattern that recognises a European firm the gazetteer does
   * not know ("the Swedish telecom equipment maker Ericsson": a European nationality, then a
   * company noun within a few words, then a capitalised name).
   *
   * @param europeanCountries the countries whose firms count as European
   * @param nationalities adjectives of nationality, each with its country ("German" to DE)
   * @param nouns words for a company ("supplier", "carmaker")
   * @param known the gazetteer
   */
  public record CompanyRules(
      Set<String> europeanCountries,
      Map<String, String> nationalities,
      List<Term> nouns,
      List<Organisation> known) {
    public CompanyRules {
      europeanCountries = Set.copyOf(europeanCountries);
      nationalities = Map.copyOf(nationalities);
      nouns = List.copyOf(nouns);
      known = List.copyOf(known);
    }
  }
}
