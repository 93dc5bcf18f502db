package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.ingest.IngestConfig;
import eu.sectoralerts.ingest.IngestService;
import eu.sectoralerts.ingest.briefing.BriefingParser;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An analyst imports the same briefing twice, with the command line and over HTTP through a second
 * ingest-service instance that starts after the first import: the items topic holds each item once
 * and a subscriber whose watchlist matches everything gets exactly one alert per item.
 */
@ExtendWith(KafkaClusterExtension.class)
class BriefingImportIntegrationTest {

  private static final Duration WAIT = PipelineTestSupport.ALERT_WAIT;
  private final PipelineTestSupport api = new PipelineTestSupport();

  @Test
  void shouldPublishEachItemOnceAndAlertOncePerItemWhenABriefingIsImportedTwice(
      KafkaCluster kafka, @TempDir Path dataDir) throws Exception {
    Path briefing = dataDir.resolve("sample-briefing.md");
    try (InputStream in = getClass().getResourceAsStream("/briefings/sample-briefing.md")) {
      Files.write(briefing, in.readAllBytes());
    }
    Set<String> ids =
        new BriefingParser(Clock.systemUTC())
            .parse("sample-briefing.md", Files.readString(briefing), "test").items().stream()
                .map(NewsItem::getId)
                .collect(Collectors.toSet());
    Map<String, String> topics = PipelineTestSupport.isolated(kafka);
    Map<String, String> overrides = new HashMap<>(topics);
    PipelineSettings settings =
        PipelineSettings.embeddedDefault(dataDir)
            .onFreePorts()
            .withCluster(kafka.bootstrapServers())
            .withServiceOverrides(overrides);

    try (Pipeline pipeline = Pipeline.start(settings, step -> {})) {
      String key = Files.readString(pipeline.analystKeyFile()).strip();
      String reader = api.createSubscriber(pipeline, "reads-everything");
      api.createWatchlist(
          pipeline.alertUrl(),
          reader,
          """
          {"name": "All news", "minLevel": "NONE"}
          """);

      StringWriter first = new StringWriter();
      StringWriter second = new StringWriter();
      assertThat(importCommand(first, pipeline.ingestUrl(), key, briefing)).isZero();
      assertThat(importCommand(second, pipeline.ingestUrl(), key, briefing)).isZero();
      assertThat(first.toString()).contains("Items parsed: 5. Published: 5. Already published: 0.");
      assertThat(second.toString())
          .contains("Items parsed: 5. Published: 0. Already published: 5.");

      // A new instance learns what is published from the items topic itself.
      try (IngestService another = IngestService.start(secondInstance(pipeline, topics, key))) {
        JsonNode answer =
            api.post(
                "http://127.0.0.1:" + another.port() + "/v1/briefings?source=again.md",
                "text/markdown",
                "Bearer " + key,
                Files.readString(briefing),
                202);
        assertThat(answer.get("published").asInt()).isZero();
        assertThat(answer.get("alreadyPublished").asInt()).isEqualTo(5);
      }

      Map<String, Integer> onTopic = countKeys(kafka, topics.get("topics.items"));
      assertThat(onTopic.keySet()).isEqualTo(ids);
      assertThat(onTopic.values()).containsOnly(1);

      // A later item is alerted too: by then every earlier alert has come out.
      JsonNode later =
          api.post(
              pipeline.ingestUrl() + "/v1/items",
              "application/json",
              "Bearer " + key,
              """
              {"kind": "CORPORATE", "title": "Tram maker opens a plant",
               "body": "A tram maker opens a plant for low-floor trams.",
               "publisher": "integration-test"}
              """,
              202);
      JsonNode alerts = api.awaitAlerts(pipeline.alertUrl(), reader, ids.size() + 1);
      List<String> alerted = alerts.findValuesAsText("itemId");
      assertThat(alerted).hasSize(ids.size() + 1).doesNotHaveDuplicates();
      assertThat(alerted).containsAll(ids).contains(later.get("id").asText());
    }
  }

  private static int importCommand(StringWriter out, String ingestUrl, String key, Path file) {
    ImportCommand command = new ImportCommand();
    command.environment = name -> null;
    command.terminal = false;
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    return commandLine.execute("--ingest-url", ingestUrl, "--api-key", key, file.toString());
  }

  private static IngestConfig secondInstance(
      Pipeline pipeline, Map<String, String> topics, String key) {
    Map<String, String> config = new HashMap<>(topics);
    config.put("kafka.bootstrap.servers", pipeline.bootstrapServers());
    config.put("schema.registry.url", pipeline.registryUrl());
    config.put("http.host", "127.0.0.1");
    config.put("http.port", "0");
    config.put("analyst.keys", KeyDigests.digestOf(key));
    return IngestConfig.load(config, Map.of(), Optional.empty());
  }

  /** How often each key is on the topic, reading committed records from the beginning. */
  private static Map<String, Integer> countKeys(KafkaCluster kafka, String topic) {
    Map<String, Integer> counts = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Awaitility.await("the end of " + topic)
          .atMost(WAIT)
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  counts.merge(record.key(), 1, Integer::sum);
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
    }
    return counts;
  }
}
