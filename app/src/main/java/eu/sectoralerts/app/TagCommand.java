package eu.sectoralerts.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.Evidence;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.ingest.briefing.BriefingParseException;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts tag FILE... [--taxonomy PATH]}: parses briefing documents and prints, for
 * each item, one JSON line with its tags and their evidence, exactly as enrich-streams would tag it
 * (no cluster needed). A file that cannot be read or parsed is reported on stderr and the others go
 * on; the exit status is then 1.
 */
@Command(
    name = "tag",
    description = "Print the tags the tagger gives each item of briefings, one JSON line per item.")
final class TagCommand implements Callable<Integer> {

  static final String PUBLISHER = "sector-alerts tag";

  private static final ObjectMapper JSON = Json.newMapper();

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Briefing documents.")
  List<Path> files;

  @Option(
      names = "--taxonomy",
      paramLabel = "PATH",
      description = "Taxonomy file to tag with (default: the one shipped with enrich-streams).")
  Path taxonomy;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    TaxonomyTagger tagger = TaxonomyTagger.load(Optional.ofNullable(taxonomy), clock);
    BriefingParser parser = new BriefingParser(clock);
    int failed = 0;
    for (Path file : files) {
      List<NewsItem> items;
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        items = parser.parse(file.getFileName().toString(), text, PUBLISHER).items();
      } catch (IOException e) {
        err.println(file + ": cannot read: " + e.getMessage());
        failed++;
        continue;
      } catch (BriefingParseException e) {
        err.println(file + ": " + e.getMessage());
        failed++;
        continue;
      }
      for (NewsItem item : items) {
        out.println(JSON.writeValueAsString(line(tagger.tag(item))));
      }
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  /** The JSON line of one tagged item. */
  static Map<String, Object> line(TaggedItem tagged) {
    NewsItem item = tagged.getItem();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", item.getId());
    line.put("kind", item.getKind().name());
    line.put("date", item.getEventDate());
    line.put("title", item.getTitle());
    line.put("sectors", tagged.getSectors());
    line.put("risks", tagged.getRisks());
    line.put("level", tagged.getLevel().name());
    line.put("score", tagged.getScore());
    line.put("europeanFirms", tagged.getEuropeanFirms());
    line.put("issuingBodies", tagged.getIssuingBodies());
    line.put("taxonomyVersion", tagged.getTaxonomyVersion());
    line.put("evidence", tagged.getEvidence().stream().map(TagCommand::evidence).toList());
    return line;
  }

  private static Map<String, Object> evidence(Evidence evidence) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tag", evidence.getTag());
    json.put("ruleId", evidence.getRuleId());
    json.put("matches", evidence.getMatches().stream().map(TagCommand::match).toList());
    return json;
  }

  private static Map<String, Object> match(TextMatch match) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("field", match.getField());
    json.put("start", match.getStart());
    json.put("end", match.getEnd());
    json.put("text", match.getText());
    return json;
  }
}
