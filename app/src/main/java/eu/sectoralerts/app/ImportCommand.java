package eu.sectoralerts.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.SourceRef;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.ingest.IngestApi;
import eu.sectoralerts.ingest.briefing.BriefingParseException;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import eu.sectoralerts.ingest.briefing.ParsedBriefing;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts import FILE...}: parses each briefing here (a file that cannot be read or
 * parsed is reported and skipped, the others go on), then publishes it through ingest-service's
 * {@code POST /v1/briefings}, which skips items already published. Progress goes to stderr, the
 * items and a summary to stdout (as a table, or as JSON lines with {@code --format json}). With
 * {@code --dry-run} nothing is published and no server is needed. Exit status 1 when any file
 * failed.
 */
@Command(
    name = "import",
    description = {
      "Parse briefing documents into items and publish them through ingest-service.",
      "Importing the same briefing again publishes nothing new."
    })
final class ImportCommand implements Callable<Integer> {

  static final String KEY_VARIABLE = "SECTOR_ALERTS_ANALYST_KEY";
  private static final int TITLE_WIDTH = 70;

  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Briefings (text or markdown).")
  List<Path> files;

  @Option(
      names = "--ingest-url",
      defaultValue = "http://localhost:7070",
      description = "ingest-service (default: ${DEFAULT-VALUE}).")
  String ingestUrl;

  @Option(
      names = "--api-key",
      description = {
        "Analyst key. Default: environment variable " + KEY_VARIABLE + ",",
        "else the key file DATA_DIR/analyst.key that 'up' creates."
      })
  String apiKey;

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description = "Data directory of 'up', holding analyst.key (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--dry-run",
      description = "Parse and print the items; publish nothing (no server needed).")
  boolean dryRun;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--publisher",
      defaultValue = IngestApi.DEFAULT_PUBLISHER,
      description = "Who publishes the items, stamped on each (default: ${DEFAULT-VALUE}).")
  String publisher;

  /** The environment; replaced in tests. */
  Function<String, String> environment = System::getenv;

  /** Whether stderr is a terminal; replaced in tests. */
  boolean terminal = System.console() != null;

  private final ObjectMapper json = Json.newMapper();

  /** One file's outcome. */
  private record Outcome(
      String file, int parsed, int published, int alreadyPublished, String error) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> key = Optional.empty();
    if (!dryRun) {
      key = analystKey();
      if (key.isEmpty()) {
        err.println(
            "Error: no analyst key. Pass --api-key, set "
                + KEY_VARIABLE
                + ", or point --data-dir at the data directory of 'sector-alerts up' (it holds"
                + " analyst.key); looked for "
                + KeyFile.in(dataDir));
        err.flush();
        return 1;
      }
    }
    BriefingParser parser = new BriefingParser(Clock.systemUTC());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Progress progress = new Progress(err, terminal, files.size());
    List<Outcome> outcomes = new ArrayList<>();
    int items = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
      Outcome outcome;
      List<String> lines = new ArrayList<>();
      try {
        String text = BriefingParser.decode(name, Files.readAllBytes(file));
        ParsedBriefing briefing = parser.parse(name, text, publisher);
        items += briefing.items().size();
        outcome =
            dryRun
                ? print(briefing, null, lines)
                : publish(http, key.orElseThrow(), file, briefing, text, lines);
      } catch (NoSuchFileException e) {
        outcome = failed(name, 0, "no such file: " + file);
      } catch (AccessDeniedException e) {
        outcome = failed(name, 0, "not allowed to read " + file);
      } catch (IOException e) {
        outcome = failed(name, 0, "cannot read " + file + ": " + e.getMessage());
      } catch (BriefingParseException e) {
        outcome = failed(name, 0, e.getMessage());
      } catch (PublishFailure e) {
        outcome = failed(name, e.parsed, e.getMessage());
      }
      outcomes.add(outcome);
      progress.update(i + 1, items, describe(outcome));
      if (outcome.error() != null) {
        progress.finish();
        err.println("Error: " + name + ": " + outcome.error());
        err.flush();
      }
      lines.forEach(out::println);
      out.flush();
    }
    progress.finish();
    summarise(outcomes, format == Format.json ? err : out);
    return outcomes.stream().anyMatch(o -> o.error() != null) ? 1 : 0;
  }

  private Optional<String> analystKey() {
    if (apiKey != null && !apiKey.isBlank()) {
      return Optional.of(apiKey.strip());
    }
    String fromEnvironment = environment.apply(KEY_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(fromEnvironment.strip());
    }
    return KeyFile.read(KeyFile.in(dataDir));
  }

  /** Publishes one parsed briefing; the server's answer gives each item's status. */
  private Outcome publish(
      HttpClient http,
      String key,
      Path file,
      ParsedBriefing briefing,
      String text,
      List<String> lines) {
    String name = briefing.sourceName();
    String lower = name.toLowerCase(Locale.ROOT);
    String type =
        lower.endsWith(".md") || lower.endsWith(".markdown") ? "text/markdown" : "text/plain";
    URI uri =
        URI.create(
            ingestUrl.replaceAll("/+$", "")
                + IngestApi.BRIEFINGS_PATH
                + "?source="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&publisher="
                + URLEncoder.encode(publisher, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", type + "; charset=utf-8")
                  .header("Authorization", "Bearer " + key)
                  .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new PublishFailure(
          briefing.items().size(),
          "ingest-service is not reachable at "
              + ingestUrl
              + " (is 'sector-alerts up' running? see --ingest-url)");
    } catch (IOException e) {
      throw new PublishFailure(
          briefing.items().size(), "could not send it to " + ingestUrl + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailure(briefing.items().size(), "interrupted");
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (response.statusCode() != 202 || answer == null || !answer.has("items")) {
      String message =
          answer != null && answer.hasNonNull("message")
              ? answer.get("message").asText()
              : "unexpected answer";
      throw new PublishFailure(
          briefing.items().size(),
          "ingest-service answered " + response.statusCode() + ": " + message);
    }
    List<String> statuses = new ArrayList<>();
    answer.get("items").forEach(item -> statuses.add(item.get("status").asText()));
    print(briefing, statuses, lines);
    return new Outcome(
        name,
        briefing.items().size(),
        answer.get("published").asInt(),
        answer.get("alreadyPublished").asInt(),
        null);
  }

  /** Writes a briefing's items (with their statuses, when published) as table rows or JSON. */
  private Outcome print(ParsedBriefing briefing, List<String> statuses, List<String> lines) {
    List<NewsItem> items = briefing.items();
    if (format == Format.text) {
      lines.add(
          briefing.sourceName()
              + " (briefing of "
              + briefing.briefingDate()
              + ", "
              + items.size()
              + " items)");
      lines.add(
          String.format(
              "  %-18s %-10s %-9s %-9s %-20s %s",
              "STATUS", "DATE", "KIND", "SECTION", "ID", "TITLE"));
    }
    for (int i = 0; i < items.size(); i++) {
      NewsItem item = items.get(i);
      String status = statuses == null ? "parsed" : statuses.get(i);
      if (format == Format.text) {
        lines.add(
            String.format(
                "  %-18s %-10s %-9s %-9s %-20s %s",
                status,
                IngestApi.eventDateText(item),
                item.getKind(),
                item.getSection(),
                item.getId(),
                abbreviate(item.getTitle())));
      } else {
        lines.add(jsonLine(briefing, item, statuses == null ? null : status));
      }
    }
    return new Outcome(briefing.sourceName(), items.size(), 0, 0, null);
  }

  /**
   * One item as a JSON line: every field of the item, plus the briefing it comes from and, when
   * published, its status.
   */
  record ItemLine(
      String briefing,
      LocalDate briefingDate,
      String id,
      String kind,
      String section,
      String eventDate,
      String eventDatePrecision,
      String title,
      String body,
      String issuingBody,
      String policyName,
      String policyNameOriginal,
      List<String> companies,
      List<Source> sources,
      String publisher,
      Instant publishedAt,
      String status) {}

  /** A source of an item. */
  record Source(String name, String url) {}

  private String jsonLine(ParsedBriefing briefing, NewsItem item, String status) {
    ItemLine line =
        new ItemLine(
            briefing.sourceName(),
            briefing.briefingDate(),
            item.getId(),
            item.getKind().name(),
            item.getSection(),
            IngestApi.eventDateText(item),
            item.getEventDatePrecision().name(),
            item.getTitle(),
            item.getBody(),
            item.getIssuingBody(),
            item.getPolicyName(),
            item.getPolicyNameOriginal(),
            List.copyOf(item.getCompanies()),
            item.getSources().stream().map(ImportCommand::source).toList(),
            item.getPublisher(),
            item.getPublishedAt(),
            status);
    try {
      return json.writeValueAsString(line);
    } catch (IOException e) {
      throw new IllegalStateException("An item cannot be written as JSON", e);
    }
  }

  private static Source source(SourceRef ref) {
    return new Source(ref.getName(), ref.getUrl());
  }

  private String describe(Outcome outcome) {
    if (outcome.error() != null) {
      return outcome.file() + ": failed";
    }
    if (dryRun) {
      return outcome.file() + ": " + outcome.parsed() + " items parsed";
    }
    return outcome.file()
        + ": "
        + outcome.published()
        + " published, "
        + outcome.alreadyPublished()
        + " already published";
  }

  private void summarise(List<Outcome> outcomes, PrintWriter to) {
    long failed = outcomes.stream().filter(o -> o.error() != null).count();
    int parsed = outcomes.stream().mapToInt(Outcome::parsed).sum();
    int published = outcomes.stream().mapToInt(Outcome::published).sum();
    int already = outcomes.stream().mapToInt(Outcome::alreadyPublished).sum();
    to.printf(
        "%nFiles: %d (%d failed). Items parsed: %d. Published: %d. Already published: %d.%s%n",
        outcomes.size(),
        failed,
        parsed,
        published,
        already,
        dryRun ? " (dry run: nothing was published)" : "");
    to.flush();
  }

  private static Outcome failed(String file, int parsed, String error) {
    return new Outcome(file, parsed, 0, 0, error);
  }

  private static String abbreviate(String title) {
    return title.length() > TITLE_WIDTH ? title.substring(0, TITLE_WIDTH - 1) + "\u2026" : title;
  }

  /** A parsed briefing that could not be published; the message says why. */
  private static final class PublishFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient int parsed;

    PublishFailure(int parsed, String message) {
      super(message, null, false, false);
      this.parsed = parsed;
    }
  }
}
