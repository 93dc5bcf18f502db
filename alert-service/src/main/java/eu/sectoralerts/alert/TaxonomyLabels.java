package eu.sectoralerts.alert;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.common.TaxonomyIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The answer of {@code GET /v1/taxonomy}: every sector and risk id of {@link TaxonomyIds} with the
 * label and description people read, from {@code taxonomy-labels.properties} beside this class,
 * plus the levels and item kinds. Loading fails when an id has no label, so a new id cannot reach
 * subscribers unlabelled.
 */
final class TaxonomyLabels {

  static final String RESOURCE = "taxonomy-labels.properties";

  private TaxonomyLabels() {}

  /**
   * Reads the labels.
   *
   * @throws IllegalStateException when the resource is missing or lacks a label
   */
  static ApiJson.TaxonomyJson load() {
    Properties labels = new Properties();
    try (InputStream in = TaxonomyLabels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + RESOURCE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        labels.load(reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
    return new ApiJson.TaxonomyJson(
        terms("sector", TaxonomyIds.SECTORS, labels),
        terms("risk", TaxonomyIds.RISKS, labels),
        Arrays.stream(RiskLevel.values()).map(Enum::name).toList(),
        Arrays.stream(ItemKind.values()).map(Enum::name).toList());
  }

  private static List<ApiJson.TermJson> terms(String kind, List<String> ids, Properties labels) {
    List<ApiJson.TermJson> terms = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      String label = labels.getProperty(kind + "." + id + ".label");
      String description = labels.getProperty(kind + "." + id + ".description", "");
      if (label == null || label.isBlank()) {
        missing.add(id);
      } else {
        terms.add(new ApiJson.TermJson(id, label.strip(), description.strip()));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          RESOURCE + " has no label for the " + kind + " ids " + String.join(", ", missing));
    }
    return List.copyOf(terms);
  }
}
