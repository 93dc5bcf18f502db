package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.enrich.taxonomy.TaxonomyException;
import eu.sectoralerts.enrich.taxonomy.TestTaxonomies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting with a broken rule set: the service must refuse before it touches any cluster. */
class EnrichServiceTest {

  @TempDir Path dir;

  @Test
  void shouldRefuseToStartWithATaxonomyThatBreaksARuleNamingFileAndLine() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(
        file,
        TestTaxonomies.minimal()
            .replace("      - id: sector.rail", "      - id: sector.automotive"));
    EnrichConfig config =
        EnrichConfig.load(
            Map.of(
                "taxonomy.path",
                file.toString(),
                // Nothing listens here: reaching the cluster would fail differently.
                "kafka.bootstrap.servers",
                "localhost:1",
                "schema.registry.url",
                "mock://enrich-service-test",
                "state.dir",
                dir.resolve("state").toString()),
            Map.of(),
            Optional.empty());

    assertThatThrownBy(() -> EnrichService.start(config))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining(
            file + ":" + TestTaxonomies.lineOf("id: sector.rail") + ": duplicate rule id");
  }

  @Test
  void shouldRefuseToStartWithAMissingTaxonomyFile() {
    Path missing = dir.resolve("nowhere.yaml");
    EnrichConfig config =
        EnrichConfig.load(
            Map.of(
                "taxonomy.path", missing.toString(),
                "kafka.bootstrap.servers", "localhost:1",
                "state.dir", dir.resolve("state").toString()),
            Map.of(),
            Optional.empty());

    assertThatThrownBy(() -> EnrichService.start(config))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining(missing + ": does not exist");
  }
}
