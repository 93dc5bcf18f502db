package eu.sectoralerts.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sectoralerts.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report into its run's directory as {@code report.json} and {@code report.html}, each
 * first to a temporary file then moved into place, so a reader never sees half a report.
 */
public final class ReportFiles {

  public static final String JSON_FILE = "report.json";
  public static final String HTML_FILE = "report.html";

  private static final ObjectMapper JSON =
      Json.newMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ReportFiles() {}

  /** Writes both files into {@code dir} (created when missing); returns the JSON file. */
  public static Path write(ReplayReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve(JSON_FILE);
      replace(json, toJson(report));
      replace(dir.resolve(HTML_FILE), HtmlReport.render(report));
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir, e);
    }
  }

  /** The report as the JSON written to {@code report.json}. */
  public static String toJson(ReplayReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("a report cannot be written as JSON", e);
    }
  }

  /**
   * The part of a {@code report.json} that depends on the inputs only: everything but {@code
   * execution}. Two runs over the same inputs give equal trees.
   */
  public static JsonNode comparable(String reportJson) {
    try {
      JsonNode tree = JSON.readTree(reportJson);
      ((ObjectNode) tree).remove("execution");
      return tree;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a report: " + e.getMessage(), e);
    }
  }

  private static void replace(Path target, String text) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
