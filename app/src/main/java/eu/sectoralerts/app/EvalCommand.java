package eu.sectoralerts.app;

import eu.sectoralerts.app.eval.BriefingSource;
import eu.sectoralerts.app.eval.EvalReport;
import eu.sectoralerts.app.eval.Evaluation;
import eu.sectoralerts.app.eval.ReportPrinter;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts eval [--labels FILE] [--taxonomy PATH] [--format text|json]}: tags the
 * labelled items of the briefings beside the labels (see {@link Evaluation}) and prints micro
 * precision, recall and F1 per set-valued field, accuracy of level and primary sector, and (as
 * text) what each wrong item missed. Exit status 0 whatever the figures; 1 when the labels or the
 * taxonomy cannot be read; 2 for a bad command line.
 */
@Command(name = "eval", description = "Measure the tagger against hand-made labels.")
final class EvalCommand implements Callable<Integer> {

  static final String DEFAULT_LABELS = "../shared/eval/dev-labels.json";

  @Spec CommandSpec spec;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      defaultValue = DEFAULT_LABELS,
      description =
          "Labels file; briefings are read from the briefings/ folder beside its folder"
              + " (default: ${DEFAULT-VALUE}).")
  Path labels;

  @Option(
      names = "--taxonomy",
      paramLabel = "PATH",
      description = "Taxonomy file to measure (default: the one shipped with enrich-streams).")
  Path taxonomy;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (tables for people) or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(
          spec.commandLine(), "--format must be text or json, got '" + format + "'");
    }
    if (!Files.isRegularFile(labels)) {
      throw new IOException("labels file " + labels + " does not exist");
    }
    Clock clock = Clock.systemUTC();
    TaxonomyTagger tagger = TaxonomyTagger.load(Optional.ofNullable(taxonomy), clock);
    Evaluation evaluation =
        new Evaluation(
            tagger, BriefingSource.parsing(new BriefingParser(clock), "sector-alerts eval"));
    EvalReport report = evaluation.evaluate(labels);
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      ReportPrinter.printJson(report, out);
    } else {
      ReportPrinter.printText(report, out);
    }
    return 0;
  }
}
