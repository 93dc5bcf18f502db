package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sectoralerts.avro.DatePrecision;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.TopicSpec;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.replay.ReportFiles;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sector-alerts replay} on the real broker: items about a maglev-like "hyperloop" and about
 * batteries over four months, the watchlists of two subscribers in a JSON file, and a candidate
 * taxonomy that makes hyperloop items rail items.
 */
@ExtendWith(KafkaClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandTest {

  @TempDir Path dir;

  private KafkaCluster kafka;
  private String registryUrl;
  private String itemsTopic;
  private Path candidate;
  private Path watchlists;

  @BeforeAll
  void publish(KafkaCluster cluster) throws Exception {
    kafka = cluster;
    registryUrl = "mock://" + cluster.uniqueName("replay-command");
    itemsTopic = cluster.uniqueName("items");
    cluster.createTopics(List.of(TopicSpec.history(itemsTopic, 2, (short) 1)));
    AvroSerde<NewsItem> serde =
        AvroSerde.forValues(SchemaRegistryClients.forUrl(registryUrl), NewsItem.class);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (NewsItem item :
          List.of(
              hyperloop("itm-loop-jan", LocalDate.of(2025, 1, 20)),
              battery("itm-cell-feb", LocalDate.of(2025, 2, 11)),
              hyperloop("itm-loop-apr", LocalDate.of(2025, 4, 2)))) {
        long timestamp = item.getEventDate().atTime(10, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        producer.send(
            new ProducerRecord<>(
                itemsTopic, null, timestamp, item.getId(), serde.serialize(itemsTopic, item)));
      }
    }
    Path files = Files.createTempDirectory("replay-command");
    candidate = files.resolve("candidate.yaml");
    Files.writeString(candidate, candidateTaxonomy(), StandardCharsets.UTF_8);
    watchlists = files.resolve("watchlists.json");
    Files.writeString(
        watchlists,
        """
        [
          {"subscriberId": "northrail", "id": "wl-north-rail", "name": "Rail in China",
           "sectors": ["rail"]},
          {"subscriberId": "voltcell", "id": "wl-volt-cells", "name": "Cells",
           "sectors": ["batteries"], "webhookUrl": "https://voltcell.example/hooks"}
        ]
        """);
  }

  @Test
  void shouldWriteAReportListingTheAddedAlertsAndTheSameReportWhenRunAgain() throws Exception {
    Path first = dir.resolve("first");
    Run run = replay(first, "--taxonomy", candidate.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Alerts: live 1, candidate 3, added 2, removed 0")
        .contains("northrail", "voltcell")
        .contains("Plain consumer")
        .contains(first.resolve("report.html").toString());
    assertThat(run.err()).contains("replay: baseline", "replay: replay");
    JsonNode report = new ObjectMapper().readTree(first.resolve("report.json").toFile());
    assertThat(report.get("complete").asBoolean()).isTrue();
    List<String> added = new ArrayList<>();
    report
        .at("/results/added")
        .forEach(
            a ->
                added.add(
                    a.get("subscriberId").asText()
                        + " "
                        + a.get("watchlistId").asText()
                        + " "
                        + a.get("itemId").asText()));
    assertThat(added)
        .containsExactly(
            "northrail wl-north-rail itm-loop-jan", "northrail wl-north-rail itm-loop-apr");
    assertThat(report.at("/results/removed")).isEmpty();
    assertThat(Files.readString(first.resolve("report.html")))
        .contains("<svg")
        .doesNotContain("<script");

    Path second = dir.resolve("second");
    Run again = replay(second, "--taxonomy", candidate.toString(), "--no-baseline");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(ReportFiles.comparable(Files.readString(second.resolve("report.json"))))
        .isEqualTo(ReportFiles.comparable(Files.readString(first.resolve("report.json"))));
  }

  @Test
  void shouldShowNoChangeWithoutACandidateTaxonomy() {
    Run run = replay(dir.resolve("same"), "--run-id", "watchlists-only");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Replay watchlists-only: 3 items")
        .contains("Alerts: live 1, candidate 1, added 0, removed 0");
  }

  @Test
  void shouldNameTheProblemsOfAnInvalidWatchlistFile() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[{\"name\": \"nobody's\", \"sectors\": [\"trains\"]}]");

    Run run = replay(dir.resolve("bad"), "--watchlists", bad.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("watchlists[0]: subscriberId is required");
    assertThat(dir.resolve("bad")).doesNotExist();
  }

  @Test
  void shouldSayWhenTheClusterDoesNotAnswer() {
    ReplayCommand command = command();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err))
            .execute(
                "--from=2025-01-01",
                "--to=2025-01-31",
                "--watchlists=" + watchlists,
                "--bootstrap-servers=localhost:1",
                "--registry-url=" + registryUrl,
                "--kafka-config=" + writeClientConfig());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Error: Cannot read the offsets of topic 'news-items'");
  }

  /** The progress line: bar, counts, rate, time left. */
  @Test
  void shouldShowRateAndTimeLeftInTheProgressLine() {
    assertThat(ReplayProgress.line("replay", 250, 1000, 5.0))
        .isEqualTo("[######------------------] 250/1,000 50 items/s ETA 0:15 replay");
    assertThat(ReplayProgress.line("baseline", 0, 0, 0))
        .isEqualTo("[########################] 0/0 0 items/s ETA --:-- baseline");
  }

  private Path writeClientConfig() {
    try {
      Path file = dir.resolve("client.properties");
      // Short timeouts: the test is about the message, not about waiting.
      Files.writeString(file, "default.api.timeout.ms=3000\nrequest.timeout.ms=2000\n");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run replay(Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--from=2025-01-01",
                "--to=2025-04-30",
                "--items-topic=" + itemsTopic,
                "--bootstrap-servers=" + kafka.bootstrapServers(),
                "--registry-url=" + registryUrl,
                "--out=" + out,
                "--threads=2"));
    if (!List.of(extra).contains("--watchlists")) {
      args.add("--watchlists=" + watchlists);
    }
    args.addAll(List.of(extra));
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int exit =
        new CommandLine(command())
            .setOut(new PrintWriter(stdout))
            .setErr(new PrintWriter(stderr))
            .execute(args.toArray(String[]::new));
    return new Run(exit, stdout.toString(), stderr.toString());
  }

  private static ReplayCommand command() {
    ReplayCommand command = new ReplayCommand();
    command.environment = Map.of();
    command.terminal = false;
    command.installShutdownHook = false;
    return command;
  }

  /** The shipped taxonomy with another version and one more rail concept, for hyperloops. */
  private static String candidateTaxonomy() throws Exception {
    String shipped;
    try (InputStream in =
        Taxonomy.class.getClassLoader().getResourceAsStream(Taxonomy.DEFAULT_RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return shipped
        .replace("version: \"2026.11-1\"", "version: \"2026.11-1-loop\"")
        .replace(
            "    rail:\n",
            "    rail:\n      - id: rail.loop-transit\n        weight: 3\n        terms:\n"
                + "          - hyperloop\n");
  }

  private static NewsItem item(String id, LocalDate date, String title, String body) {
    return NewsItem.newBuilder()
        .setId(id)
        .setKind(ItemKind.CORPORATE)
        .setTitle(title)
        .setBody(body)
        .setEventDate(date)
        .setEventDatePrecision(DatePrecision.DAY)
        .setPublisher("replay-command-test")
        .setPublishedAt(Instant.parse("2025-05-01T00:00:00Z"))
        .build();
  }

  private static NewsItem hyperloop(String id, LocalDate date) {
    return item(
        id,
        date,
        "City signs deal for a hyperloop pilot line",
        "A municipal investment fund signed an agreement to build a short hyperloop pilot line"
            + " linking the airport with a business district.");
  }

  private static NewsItem battery(String id, LocalDate date) {
    return item(
        id,
        date,
        "Battery maker opens a new cell plant",
        "A battery maker started production at a plant making lithium iron phosphate cells for"
            + " electric buses.");
  }
}
