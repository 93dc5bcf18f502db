package eu.sectoralerts.app.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.enrich.Tagger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Measures a {@link Tagger} against a labels file. Each label names a briefing, found in the {@code
 * briefings/} folder beside the labels file's folder ({@code <labels>/../briefings/}), and a key
 * phrase; the item of that briefing whose title or body contains the phrase (letter case and runs
 * of white space ignored) is tagged and compared with the label. A label whose briefing cannot be
 * read or parsed, or whose key is in no item, counts as wholly missed and says why.
 */
public final class Evaluation {

  private static final ObjectMapper JSON = Json.newMapper();

  private final Tagger tagger;
  private final BriefingSource briefings;

  public Evaluation(Tagger tagger, BriefingSource briefings) {
    this.tagger = Objects.requireNonNull(tagger, "tagger");
    this.briefings = Objects.requireNonNull(briefings, "briefings");
  }

  /** The labels in {@code file}: a JSON array of label objects. */
  public static List<Label> readLabels(Path file) throws IOException {
    return JSON.readValue(file.toFile(), new TypeReference<List<Label>>() {});
  }

  /** The folder where the briefings of the labels in {@code labelsFile} are. */
  public static Path briefingsFolder(Path labelsFile) {
    Path folder = labelsFile.toAbsolutePath().normalize().getParent();
    return folder.resolveSibling("briefings");
  }

  /** Evaluates the tagger on every label of {@code labelsFile}. */
  public EvalReport evaluate(Path labelsFile) throws IOException {
    List<Label> labels = readLabels(labelsFile);
    Path folder = briefingsFolder(labelsFile);
    Map<String, Loaded> loaded = new HashMap<>();
    SetScore sectors = SetScore.ZERO;
    SetScore risks = SetScore.ZERO;
    SetScore firms = SetScore.ZERO;
    SetScore bodies = SetScore.ZERO;
    Accuracy level = Accuracy.ZERO;
    Accuracy primary = Accuracy.ZERO;
    List<ItemResult> results = new ArrayList<>();
    for (Label label : labels) {
      Loaded briefing = loaded.computeIfAbsent(label.briefing(), name -> load(folder, name));
      ItemResult result = judge(label, briefing);
      results.add(result);
      sectors = sectors.plus(SetScore.of(label.sectors(), result.sectors()));
      risks = risks.plus(SetScore.of(label.risks(), result.risks()));
      firms = firms.plus(SetScore.of(label.europeanFirms(), result.europeanFirms()));
      bodies = bodies.plus(SetScore.of(label.issuingBodies(), result.issuingBodies()));
      level = level.plus(label.level().equals(result.level()));
      primary =
          primary.plus(
              !result.sectors().isEmpty()
                  && result.sectors().get(0).equals(label.sectors().get(0)));
    }
    return new EvalReport(
        labelsFile.toString(),
        tagger.version(),
        sectors,
        risks,
        firms,
        bodies,
        level,
        primary,
        results);
  }

  /** A briefing's items, or why there are none. */
  private record Loaded(List<NewsItem> items, String problem) {}

  private Loaded load(Path folder, String name) {
    Path file = folder.resolve(name);
    try {
      return new Loaded(briefings.items(file), "");
    } catch (IOException e) {
      return new Loaded(List.of(), "cannot read briefing " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return new Loaded(List.of(), "cannot parse briefing " + file + ": " + e.getMessage());
    }
  }

  private ItemResult judge(Label label, Loaded briefing) {
    if (!briefing.problem().isEmpty()) {
      return ItemResult.unjudged(label, briefing.problem());
    }
    String key = simplify(label.key());
    List<NewsItem> matching =
        briefing.items().stream()
            .filter(item -> simplify(item.getTitle() + "\n" + item.getBody()).contains(key))
            .toList();
    if (matching.isEmpty()) {
      return ItemResult.unjudged(
          label, "no item of " + label.briefing() + " contains the key \"" + label.key() + "\"");
    }
    NewsItem item = matching.get(0);
    TaggedItem tagged;
    try {
      tagged = tagger.tag(item);
    } catch (RuntimeException e) {
      return ItemResult.unjudged(label, "the tagger failed on item " + item.getId() + ": " + e);
    }
    List<String> differences = new ArrayList<>();
    if (matching.size() > 1) {
      differences.add("key: found in " + matching.size() + " items, judged the first");
    }
    if (!tagged.getSectors().isEmpty()
        && !tagged.getSectors().get(0).equals(label.sectors().get(0))) {
      differences.add(
          "primary sector: expected "
              + label.sectors().get(0)
              + ", got "
              + tagged.getSectors().get(0));
    }
    compareSets("sectors", label.sectors(), tagged.getSectors(), differences);
    compareSets("risks", label.risks(), tagged.getRisks(), differences);
    if (!label.level().equals(tagged.getLevel().name())) {
      differences.add(
          "level: expected "
              + label.level()
              + ", got "
              + tagged.getLevel()
              + " (score "
              + tagged.getScore()
              + ")");
    }
    compareSets("european_firms", label.europeanFirms(), tagged.getEuropeanFirms(), differences);
    compareSets("issuing_bodies", label.issuingBodies(), tagged.getIssuingBodies(), differences);
    return new ItemResult(
        label,
        item.getId(),
        item.getTitle(),
        tagged.getSectors(),
        tagged.getRisks(),
        tagged.getLevel().name(),
        tagged.getEuropeanFirms(),
        tagged.getIssuingBodies(),
        differences,
        "");
  }

  private static void compareSets(
      String field, List<String> expected, List<String> given, List<String> differences) {
    List<String> missing = expected.stream().filter(v -> !given.contains(v)).toList();
    List<String> extra = given.stream().filter(v -> !expected.contains(v)).toList();
    if (missing.isEmpty() && extra.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder(field).append(':');
    if (!missing.isEmpty()) {
      b.append(" missing ").append(String.join(", ", missing));
    }
    if (!extra.isEmpty()) {
      b.append(missing.isEmpty() ? "" : ";").append(" extra ").append(String.join(", ", extra));
    }
    differences.add(b.toString());
  }

  private static String simplify(String text) {
    return text.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
