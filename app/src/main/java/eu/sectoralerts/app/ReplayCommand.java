package eu.sectoralerts.app;

import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.ConfigSource;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.enrich.EnrichConfig;
import eu.sectoralerts.enrich.taxonomy.TaxonomyException;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.replay.ReplayEngine;
import eu.sectoralerts.replay.ReplayException;
import eu.sectoralerts.replay.ReplayReport;
import eu.sectoralerts.replay.ReplayRequest;
import eu.sectoralerts.replay.ReportFiles;
import eu.sectoralerts.replay.TaxonomyInput;
import eu.sectoralerts.replay.TimeRange;
import eu.sectoralerts.replay.WatchlistInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts replay --from DATE --to DATE [--taxonomy PATH] [--watchlists live|PATH]}:
 * backtests a taxonomy or watchlist change against the item history of a running pipeline (the
 * embedded default's ports, or {@code --bootstrap-servers} and {@code --registry-url}). Reads only:
 * no group, no commit, nothing produced, no subscriber notified; the report goes to {@code
 * report.json} and {@code report.html} under {@code --out} (default {@code
 * DATA_DIR/replays/RUN_ID/}). Progress on stderr, a summary on stdout. Ctrl-C stops reading and
 * writes the partial report ({@code "complete": false}); exit status 130 then, 1 on errors.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay item history to backtest a taxonomy or watchlist change: which alerts would have",
      "appeared or disappeared, for whom, and when. Reads only; notifies nobody."
    })
final class ReplayCommand implements Callable<Integer> {

  static final String LIVE = "live";

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DATE",
      description = "First day (2025-01-01, UTC) or instant (2025-01-01T12:00:00Z).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DATE",
      description = "Last day, included (or an instant, excluded).")
  String to;

  @Option(
      names = "--taxonomy",
      paramLabel = "PATH",
      description = "Candidate taxonomy (default: the live one: a watchlist-only backtest).")
  Path taxonomy;

  @Option(
      names = "--live-taxonomy",
      paramLabel = "PATH",
      description = {
        "The taxonomy production tags with. Default: taxonomy.path of --config or",
        "TAXONOMY_PATH, else the one shipped with enrich-streams."
      })
  Path liveTaxonomy;

  @Option(
      names = "--watchlists",
      paramLabel = "live|PATH",
      defaultValue = LIVE,
      description = {
        "'live': the watchlists topic as it is now; or a JSON file of watchlists as the",
        "alert API takes them, each with its subscriberId (default: ${DEFAULT-VALUE})."
      })
  String watchlists;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Run id (default: derived from the inputs, so a rerun replaces its report).")
  String runId;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Report directory (default: DATA_DIR/replays/RUN_ID).")
  Path out;

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description = "Data directory of 'up' (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka cluster (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = {"--registry-url", "--schema-registry-url"},
      defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081}",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties of the live enrich-streams: taxonomy.path, topics.*.")
  Path config;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Extra Kafka consumer properties (security settings of a cluster).")
  Path kafkaConfig;

  @Option(names = "--items-topic", description = "Items topic (default: topics.items).")
  String itemsTopic;

  @Option(
      names = "--watchlists-topic",
      description = "Watchlists topic for --watchlists live (default: topics.watchlists).")
  String watchlistsTopic;

  @Option(
      names = "--baseline",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = {
        "First read the same records with a plain consumer and report both rates and",
        "their ratio (default: on; --no-baseline skips it)."
      })
  boolean baseline;

  @Option(
      names = "--threads",
      description = "Workers tagging and matching (default: the number of processors).")
  Integer threads;

  /** The environment; replaced in tests. */
  Map<String, String> environment = System.getenv();

  /** Whether stderr is a terminal; replaced in tests. */
  boolean terminal = System.console() != null;

  /** Whether Ctrl-C stops the replay (off in tests, which run in one JVM). */
  boolean installShutdownHook = true;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReplayRequest request;
    try {
      request = request(err);
    } catch (IllegalArgumentException | TaxonomyException | ConfigSource.ConfigException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return 1;
    }
    ReplayProgress progress = new ReplayProgress(err, terminal, System::nanoTime);
    ReplayEngine engine = new ReplayEngine(request, Clock.systemUTC(), progress);
    CountDownLatch written = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              engine.stop();
              try {
                // Let the partial report be written before the JVM goes.
                written.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "replay-shutdown");
    if (installShutdownHook) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try {
      ReplayReport report = engine.run();
      progress.finish();
      Path dir = out != null ? out : dataDir.resolve("replays").resolve(report.runId());
      ReportFiles.write(report, dir);
      summarise(report, dir, stdout);
      return report.complete() ? 0 : 130;
    } catch (ReplayException e) {
      progress.finish();
      err.println("Error: " + e.getMessage() + hint());
      err.flush();
      return 1;
    } finally {
      written.countDown();
      if (installShutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running: it waits for the latch counted down above.
        }
      }
    }
  }

  private ReplayRequest request(PrintWriter err) {
    TimeRange range = TimeRange.parse(from, to);
    ConfigSource source = ConfigSource.of(Map.of(), environment, Optional.ofNullable(config));
    PipelineTopics topics = PipelineTopics.from(source);
    Optional<Path> livePath =
        liveTaxonomy != null
            ? Optional.of(liveTaxonomy)
            : EnrichConfig.load(Map.of(), environment, Optional.ofNullable(config)).taxonomyPath();
    TaxonomyInput live = TaxonomyInput.load(livePath);
    TaxonomyInput candidate = taxonomy == null ? live : TaxonomyInput.load(Optional.of(taxonomy));
    Map<String, String> clientConfig = clientConfig();
    WatchlistInput watchlistInput;
    if (LIVE.equals(watchlists)) {
      String topic = watchlistsTopic != null ? watchlistsTopic : topics.watchlists();
      err.println("replay: reading the live watchlists from " + topic + " ...");
      err.flush();
      try {
        watchlistInput =
            WatchlistInput.fromTopic(
                bootstrapServers,
                topic,
                AvroSerde.forValues(SchemaRegistryClients.forUrl(registryUrl), Watchlist.class)
                    .deserializer(),
                Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        throw new ReplayException(
            "Cannot read the live watchlists from topic '" + topic + "': " + e.getMessage(), e);
      }
    } else {
      watchlistInput = WatchlistInput.fromFile(Path.of(watchlists));
    }
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    return new ReplayRequest(
        bootstrapServers,
        registryUrl,
        itemsTopic != null ? itemsTopic : topics.items(),
        range,
        live,
        candidate,
        watchlistInput,
        Optional.ofNullable(runId),
        baseline,
        workers,
        clientConfig);
  }

  private Map<String, String> clientConfig() {
    Map<String, String> config = new HashMap<>();
    if (kafkaConfig == null) {
      return config;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + kafkaConfig + ": " + e.getMessage(), e);
    }
    properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
    return config;
  }

  private String hint() {
    return bootstrapServers.equals("localhost:9092")
        ? " (is 'sector-alerts up' running? see --bootstrap-servers and --registry-url)"
        : "";
  }

  private static void summarise(ReplayReport report, Path dir, PrintWriter out) {
    ReplayReport.Results r = report.results();
    out.printf(
        Locale.ROOT,
        "Replay %s%s: %,d items from %s to %s%n",
        report.runId(),
        report.complete() ? "" : " (INCOMPLETE: stopped before the end of the range)",
        r.items().replayed(),
        report.inputs().from(),
        report.inputs().to());
    out.printf(
        Locale.ROOT,
        "Taxonomy %s -> %s; watchlists %s (%d)%n",
        report.inputs().liveTaxonomy().version(),
        report.inputs().candidateTaxonomy().version(),
        report.inputs().watchlists().source(),
        report.inputs().watchlists().count());
    out.printf(
        Locale.ROOT,
        "Alerts: live %,d, candidate %,d, added %,d, removed %,d%n",
        r.alerts().live(),
        r.alerts().candidate(),
        r.alerts().added(),
        r.alerts().removed());
    out.printf(
        "%n  %-24s %-32s %8s %9s %7s %7s%n",
        "SUBSCRIBER", "WATCHLIST", "LIVE", "CANDIDATE", "ADDED", "REMOVED");
    for (ReplayReport.SubscriberAlerts s : r.subscribers()) {
      for (ReplayReport.WatchlistAlerts w : s.watchlists()) {
        out.printf(
            Locale.ROOT,
            "  %-24s %-32s %8d %9d %7s %7s%n",
            s.subscriberId(),
            abbreviate(w.name()),
            w.live(),
            w.candidate(),
            "+" + w.added(),
            "-" + w.removed());
      }
    }
    ReplayReport.Execution e = report.execution();
    out.printf(
        Locale.ROOT,
        "%nReplay rate %,.0f records/s (%,d records in %.2f s, %d threads)%n",
        e.replay().recordsPerSecond(),
        e.replay().records(),
        e.replay().seconds(),
        e.threads());
    if (e.baseline() != null) {
      out.printf(
          Locale.ROOT,
          "Plain consumer %,.0f records/s; ratio %s (target >= %.2f: %s)%n",
          e.baseline().recordsPerSecond(),
          e.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", e.ratio()),
          e.target(),
          Boolean.TRUE.equals(e.targetMet()) ? "met" : "not met");
    }
    out.println("Report: " + dir.resolve(ReportFiles.HTML_FILE));
    out.println("        " + dir.resolve(ReportFiles.JSON_FILE));
    out.flush();
  }

  private static String abbreviate(String name) {
    return name.length() > 32 ? name.substring(0, 31) + "\u2026" : name;
  }
}
