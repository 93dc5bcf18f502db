package eu.sectoralerts.app.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.sectoralerts.common.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an {@link EvalReport}: as tables and a list of the items with errors for people, or as one
 * JSON document for machines.
 */
public final class ReportPrinter {

  private static final ObjectMapper JSON =
      Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportPrinter() {}

  /** The report for people: one table per kind of figure, then what each wrong item missed. */
  public static void printText(EvalReport report, PrintWriter out) {
    out.printf(
        "Taxonomy %s on %d labels of %s%n%n",
        report.taxonomyVersion(), report.items().size(), report.labelsFile());
    out.printf(
        "%-16s %9s %9s %9s %5s %5s %5s%n", "field", "precision", "recall", "F1", "tp", "fp", "fn");
    for (Map.Entry<String, SetScore> row : sets(report).entrySet()) {
      SetScore s = row.getValue();
      out.printf(
          Locale.ROOT,
          "%-16s %9.3f %9.3f %9.3f %5d %5d %5d%n",
          row.getKey(),
          s.precision(),
          s.recall(),
          s.f1(),
          s.truePositives(),
          s.falsePositives(),
          s.falseNegatives());
    }
    out.println();
    out.printf("%-16s %9s %9s%n", "field", "accuracy", "correct");
    for (Map.Entry<String, Accuracy> row : accuracies(report).entrySet()) {
      Accuracy a = row.getValue();
      out.printf(
          Locale.ROOT, "%-16s %9.3f %9s%n", row.getKey(), a.value(), a.correct() + "/" + a.total());
    }
    List<ItemResult> wrong = report.itemsWithErrors();
    out.println();
    out.printf("Items with errors: %d of %d%n", wrong.size(), report.items().size());
    for (ItemResult r : wrong) {
      out.printf("%n  %s  \"%s\"%n", r.label().briefing(), r.label().key());
      if (!r.problem().isEmpty()) {
        out.println("    problem: " + r.problem());
        continue;
      }
      out.printf(
          "    got: sectors %s, risks %s, level %s, firms %s, bodies %s%n",
          r.sectors(), r.risks(), r.level(), r.europeanFirms(), r.issuingBodies());
      for (String difference : r.differences()) {
        out.println("    " + difference);
      }
    }
    out.flush();
  }

  /** The report as one JSON document. */
  public static void printJson(EvalReport report, PrintWriter out) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("labels", report.labelsFile());
    json.put("taxonomyVersion", report.taxonomyVersion());
    json.put("items", report.items().size());
    Map<String, Object> fields = new LinkedHashMap<>();
    sets(report)
        .forEach(
            (name, score) -> {
              Map<String, Object> field = new LinkedHashMap<>();
              field.put("precision", round(score.precision()));
              field.put("recall", round(score.recall()));
              field.put("f1", round(score.f1()));
              field.put("tp", score.truePositives());
              field.put("fp", score.falsePositives());
              field.put("fn", score.falseNegatives());
              fields.put(name, field);
            });
    accuracies(report)
        .forEach(
            (name, accuracy) -> {
              Map<String, Object> field = new LinkedHashMap<>();
              field.put("accuracy", round(accuracy.value()));
              field.put("correct", accuracy.correct());
              field.put("total", accuracy.total());
              fields.put(name, field);
            });
    json.put("fields", fields);
    json.put(
        "errors",
        report.itemsWithErrors().stream()
            .map(
                r -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("briefing", r.label().briefing());
                  item.put("key", r.label().key());
                  item.put("itemId", r.itemId());
                  item.put("problem", r.problem());
                  item.put("differences", r.differences());
                  return item;
                })
            .toList());
    try {
      out.println(JSON.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
    out.flush();
  }

  private static Map<String, SetScore> sets(EvalReport report) {
    Map<String, SetScore> sets = new LinkedHashMap<>();
    sets.put("sectors", report.sectors());
    sets.put("risks", report.risks());
    sets.put("european_firms", report.europeanFirms());
    sets.put("issuing_bodies", report.issuingBodies());
    return sets;
  }

  private static Map<String, Accuracy> accuracies(EvalReport report) {
    Map<String, Accuracy> accuracies = new LinkedHashMap<>();
    accuracies.put("level", report.level());
    accuracies.put("primary_sector", report.primarySector());
    return accuracies;
  }

  private static double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
