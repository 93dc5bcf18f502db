package eu.sectoralerts.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic contract must read what its previous released version wrote (BACKWARD), as the schema
 * registry will insist on the live subjects.
 */
class SchemaCompatibilityTest {

  private static final Path RELEASED = Path.of("released");

  static Stream<Arguments> topicSchemas() {
    return Map.of(
            "NewsItem", NewsItem.getClassSchema(),
            "TaggedItem", TaggedItem.getClassSchema(),
            "Watchlist", Watchlist.getClassSchema(),
            "Alert", Alert.getClassSchema(),
            "DeadLetter", DeadLetter.getClassSchema(),
            "Subscriber", Subscriber.getClassSchema(),
            "WebhookDelivery", WebhookDelivery.getClassSchema())
        .entrySet()
        .stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topicSchemas")
  void shouldReadDataWrittenWithEveryReleasedVersion(String name, Schema current)
      throws IOException {
    Path latest = latestReleaseDir().resolve(name + ".avsc");
    assertThat(latest).as("latest released snapshot of %s", name).exists();
    assertThat(new Schema.Parser().parse(Files.readString(latest)))
        .as("%s changed since %s: release it as a new version", name, latest)
        .isEqualTo(current);
    for (Path released : releasedVersionsOf(name)) {
      Schema previous = new Schema.Parser().parse(Files.readString(released));

      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, previous);

      assertThat(result.getType())
          .as("%s must read %s: %s", name, released, result.getResult().getIncompatibilities())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void shouldRejectAddingARequiredFieldWithoutDefault() {
    Schema previous = NewsItem.getClassSchema();
    String broken =
        previous
            .toString()
            .replaceFirst(
                "\"fields\":\\[",
                "\"fields\":[{\"name\":\"mandatoryNewField\",\"type\":\"string\"},");
    Schema candidate = new Schema.Parser().parse(broken);

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldKeepTheReleasedSnapshotsParseable() throws IOException {
    try (Stream<Path> files = Files.list(latestReleaseDir())) {
      assertThat(files.filter(f -> f.toString().endsWith(".avsc")))
          .allSatisfy(f -> new Schema.Parser().parse(Files.readString(f)))
          .hasSize((int) topicSchemas().count());
    }
  }

  private static java.util.List<Path> releasedVersionsOf(String name) throws IOException {
    try (Stream<Path> dirs = Files.list(RELEASED)) {
      return dirs.map(d -> d.resolve(name + ".avsc")).filter(Files::exists).toList();
    }
  }

  private static Path latestReleaseDir() throws IOException {
    try (Stream<Path> dirs = Files.list(RELEASED)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().matches("v\\d+"))
          .max(
              Comparator.comparingInt(
                  d -> Integer.parseInt(d.getFileName().toString().substring(1))))
          .orElseThrow(() -> new AssertionError("no released schema versions under " + RELEASED));
    }
  }
}
