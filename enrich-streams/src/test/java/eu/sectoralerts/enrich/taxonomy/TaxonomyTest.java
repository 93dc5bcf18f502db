package eu.sectoralerts.enrich.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.common.TaxonomyIds;
import eu.sectoralerts.enrich.taxonomy.Taxonomy.Concept;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {

  private static final String SOURCE = "test.yaml";

  @TempDir Path dir;

  private static String edited(String from, String to) {
    List<String> lines = new ArrayList<>(TestTaxonomies.minimalLines());
    int index = TestTaxonomies.lineOf(from) - 1;
    lines.set(index, lines.get(index).replace(from, to));
    return String.join("\n", lines) + "\n";
  }

  private static TaxonomyException failure(String yaml) {
    try {
      Taxonomy.parse(SOURCE, yaml);
    } catch (TaxonomyException e) {
      return e;
    }
    throw new AssertionError("expected the taxonomy to be rejected");
  }

  @Test
  void shouldLoadTheShippedTaxonomyWithRulesForEveryId() {
    Taxonomy taxonomy = Taxonomy.loadDefault();

    assertThat(taxonomy.version()).isNotBlank();
    assertThat(taxonomy.source()).isEqualTo("classpath:taxonomy/taxonomy.yaml");
    assertThat(taxonomy.sectorConcepts().stream().map(Concept::target))
        .containsAll(TaxonomyIds.SECTORS);
    assertThat(taxonomy.riskConcepts().stream().map(Concept::target))
        .containsAll(TaxonomyIds.RISKS);
    assertThat(taxonomy.companies().known()).anyMatch(c -> c.name().equals("SAP") && c.european());
    assertThat(taxonomy.bodies()).anyMatch(b -> b.name().equals("MIIT"));
  }

  @Test
  void shouldGiveEveryRuleOfTheShippedTaxonomyItsOwnId() {
    Taxonomy taxonomy = Taxonomy.loadDefault();
    Set<String> ids = new HashSet<>();

    taxonomy.sectorConcepts().forEach(c -> assertThat(ids.add(c.id())).as(c.id()).isTrue());
    taxonomy.riskConcepts().forEach(c -> assertThat(ids.add(c.id())).as(c.id()).isTrue());
  }

  @Test
  void shouldReadAValidFileIntoItsRules() {
    Taxonomy taxonomy = Taxonomy.parse(SOURCE, TestTaxonomies.minimal());

    assertThat(taxonomy.version()).isEqualTo("test-1");
    assertThat(taxonomy.titleWeight()).isEqualTo(2.0);
    assertThat(taxonomy.sectorSelection()).isEqualTo(new Taxonomy.Selection(2, 0.5, 3));
    assertThat(taxonomy.sectorConcepts()).hasSize(TaxonomyIds.SECTORS.size());
    Concept rail = taxonomy.sectorConcepts().get(TaxonomyIds.SECTORS.indexOf("rail"));
    assertThat(rail.id()).isEqualTo("sector.rail");
    assertThat(rail.weight()).isEqualTo(2.0);
    assertThat(rail.terms()).extracting(Term::text).containsExactly("term-rail");
    assertThat(rail.line()).isEqualTo(TestTaxonomies.lineOf("id: sector.rail"));
    assertThat(taxonomy.levels().cues())
        .extracting(Taxonomy.LevelCue::allowsHigh)
        .containsExactly(false, true);
    assertThat(taxonomy.companies().known().get(0).european()).isTrue();
    assertThat(taxonomy.companies().known().get(0).sectors())
        .containsExactly("machinery-equipment");
    assertThat(taxonomy.companies().known().get(1).european()).isFalse();
    assertThat(taxonomy.companies().nationalities()).containsEntry("German", "DE");
  }

  @Test
  void shouldNameFileAndLineOfAnUnknownSectorId() {
    TaxonomyException e = failure(edited("    rail:", "    railways:"));

    assertThat(e.problems())
        .extracting(TaxonomyException.Problem::line)
        .contains(TestTaxonomies.lineOf("    rail:"));
    assertThat(e.getMessage())
        .contains(
            "test.yaml:" + TestTaxonomies.lineOf("    rail:") + ": unknown sector id 'railways'")
        .contains("missing sector id 'rail'");
  }

  @Test
  void shouldNameFileAndLineOfAnUnknownRiskId() {
    TaxonomyException e = failure(edited("    supply-chain:", "    supply-chains:"));

    assertThat(e.getMessage())
        .contains(
            "test.yaml:"
                + TestTaxonomies.lineOf("    supply-chain:")
                + ": unknown risk id 'supply-chains'");
  }

  @Test
  void shouldRejectADuplicateRuleIdNamingBothLines() {
    TaxonomyException e = failure(edited("id: sector.rail", "id: sector.automotive"));

    int first = TestTaxonomies.lineOf("id: sector.automotive");
    int second = TestTaxonomies.lineOf("id: sector.rail");
    assertThat(e.getMessage())
        .contains(
            "test.yaml:"
                + second
                + ": duplicate rule id 'sector.automotive' (first on line "
                + first
                + ")");
  }

  @Test
  void shouldRejectWeightsOutsideTheirRange() {
    List<String> lines = new ArrayList<>(TestTaxonomies.minimalLines());
    int zero = TestTaxonomies.lineOf("id: sector.rail");
    int huge = TestTaxonomies.lineOf("id: risk.competition");
    int text = TestTaxonomies.lineOf("id: risk.opportunity");
    lines.set(zero, "        weight: 0");
    lines.set(huge, "        weight: 11");
    lines.set(text, "        weight: heavy");

    TaxonomyException e = failure(String.join("\n", lines));

    assertThat(e.problems())
        .extracting(TaxonomyException.Problem::line)
        .containsExactly(zero + 1, huge + 1, text + 1);
    assertThat(e.getMessage())
        .contains("weight 0.0 is out of range")
        .contains("weight 11.0 is out of range")
        .contains("'weight' must be a number, got 'heavy'");
  }

  @Test
  void shouldReportAYamlSyntaxErrorWithItsLine() {
    List<String> lines = new ArrayList<>(TestTaxonomies.minimalLines());
    int broken = TestTaxonomies.lineOf("terms: [term-rail]");
    lines.set(broken - 1, "        terms: [term-rail");

    TaxonomyException e = failure(String.join("\n", lines));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).line()).isGreaterThanOrEqualTo(broken);
    assertThat(e.getMessage())
        .startsWith("Invalid taxonomy: test.yaml:")
        .contains("not valid YAML");
  }

  @Test
  void shouldRejectAKeyWrittenTwice() {
    TaxonomyException e = failure(TestTaxonomies.minimal() + "version: test-2\n");

    assertThat(e.getMessage()).contains("key 'version' is written twice in one mapping");
  }

  @Test
  void shouldRejectUnknownKeysAndMissingSections() {
    TaxonomyException e = failure(edited("matching:", "matchng:"));

    assertThat(e.getMessage()).contains("unknown key 'matchng'").contains("missing 'matching'");
  }

  @Test
  void shouldRejectBadThresholdsScopesCountriesAndPhrases() {
    String yaml =
        edited("{low: 15, medium: 40, high: 70}", "{low: 50, medium: 40, high: 70}")
            .replace("scope: item", "scope: everywhere")
            .replace("country: DE, sectors", "country: Germany, sectors")
            .replace("terms: [term-rail]", "terms: [(term-rail]");

    TaxonomyException e = failure(yaml);

    assertThat(e.getMessage())
        .contains("thresholds must rise")
        .contains("unknown scope 'everywhere'")
        .contains("'Germany' is not a two-letter country code")
        .contains("unclosed '('");
  }

  @Test
  void shouldRefuseAnOpportunityScoreThatReachesMedium() {
    TaxonomyException e = failure(edited("opportunityOnlyScore: 20", "opportunityOnlyScore: 45"));

    assertThat(e.getMessage()).contains("would rate an opportunity above LOW");
  }

  @Test
  void shouldRejectAnUnknownSectorOfACompany() {
    TaxonomyException e = failure(edited("sectors: [machinery-equipment]", "sectors: [robots]"));

    assertThat(e.getMessage()).contains("unknown sector id 'robots'");
  }

  @Test
  void shouldLoadAFileByPathAndNameAMissingOne() throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, TestTaxonomies.minimal());

    assertThat(Taxonomy.load(file).source()).isEqualTo(file.toString());
    assertThatThrownBy(() -> Taxonomy.load(dir.resolve("missing.yaml")))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("missing.yaml")
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldRejectAnEmptyFile() {
    assertThatThrownBy(() -> Taxonomy.parse(SOURCE, ""))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("is empty");
  }
}
