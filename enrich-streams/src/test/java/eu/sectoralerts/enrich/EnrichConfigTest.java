package eu.sectoralerts.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichConfigTest {

  @TempDir Path dir;

  @Test
  void shouldUseTheDocumentedDefaults() {
    EnrichConfig config = EnrichConfig.load(Map.of(), Map.of(), Optional.empty());

    assertThat(config)
        .isEqualTo(
            new EnrichConfig(
                "localhost:9092",
                "http://localhost:8081",
                "sector-alerts-enrich",
                Path.of(System.getProperty("java.io.tmpdir"), "sector-alerts", "enrich"),
                PipelineTopics.defaults(),
                3,
                (short) 1,
                100,
                1,
                Map.of(),
                Optional.empty(),
                "0.0.0.0",
                0));
  }

  @Test
  void shouldLayerFlagsOverEnvironmentOverFileOverDefaults() throws IOException {
    Path file = dir.resolve("enrich.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "kafka.bootstrap.servers=file:9092",
            "schema.registry.url=http://file:8081",
            "application.id=from-file",
            "topics.items=file-items",
            "topics.partitions=6",
            "topics.replication.factor=3",
            "commit.interval.ms=250",
            "num.stream.threads=2",
            "streams.max.task.idle.ms=5",
            "streams.processing.guarantee=at_least_once",
            "taxonomy.path=/etc/sector-alerts/taxonomy.yaml"));

    EnrichConfig config =
        EnrichConfig.load(
            Map.of("kafka.bootstrap.servers", "flag:9092", "state.dir", "/var/enrich"),
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "SCHEMA_REGISTRY_URL", "http://env:8081",
                "TOPICS_TAGGED", "env-tagged"),
            Optional.of(file));

    assertThat(config.bootstrapServers()).isEqualTo("flag:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://env:8081");
    assertThat(config.applicationId()).isEqualTo("from-file");
    assertThat(config.stateDir()).isEqualTo(Path.of("/var/enrich"));
    assertThat(config.topics().items()).isEqualTo("file-items");
    assertThat(config.topics().tagged()).isEqualTo("env-tagged");
    assertThat(config.topics().enrichDeadLetters()).isEqualTo("enrich-dead-letters");
    assertThat(config.partitions()).isEqualTo(6);
    assertThat(config.replicationFactor()).isEqualTo((short) 3);
    assertThat(config.commitIntervalMs()).isEqualTo(250);
    assertThat(config.numStreamThreads()).isEqualTo(2);
    assertThat(config.streamsOverrides())
        .isEqualTo(Map.of("max.task.idle.ms", "5", "processing.guarantee", "at_least_once"));
    assertThat(config.taxonomyPath()).contains(Path.of("/etc/sector-alerts/taxonomy.yaml"));
  }

  @Test
  void shouldBuildStreamsPropertiesWithExactlyOnceAndFailingHandlers() {
    EnrichConfig config =
        EnrichConfig.load(
            Map.of(
                "state.dir", "/tmp/enrich-test",
                "topics.replication.factor", "3",
                "streams.max.task.idle.ms", "5"),
            Map.of(),
            Optional.empty());

    Properties props = config.toStreamsProperties();

    assertThat(props)
        .containsEntry("application.id", "sector-alerts-enrich")
        .containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("state.dir", "/tmp/enrich-test")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("replication.factor", "3")
        .containsEntry("commit.interval.ms", "100")
        .containsEntry("num.stream.threads", "1")
        .containsEntry(
            "deserialization.exception.handler",
            "org.apache.kafka.streams.errors.LogAndFailExceptionHandler")
        .containsEntry(
            "processing.exception.handler",
            "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler")
        .containsEntry(
            "production.exception.handler",
            "org.apache.kafka.streams.errors.DefaultProductionExceptionHandler")
        .containsEntry("max.task.idle.ms", "5");
  }

  @Test
  void shouldLetAStreamsPrefixedKeyOverrideADerivedSetting() {
    EnrichConfig config =
        EnrichConfig.load(
            Map.of("streams.processing.guarantee", "at_least_once"), Map.of(), Optional.empty());

    assertThat(config.toStreamsProperties()).containsEntry("processing.guarantee", "at_least_once");
  }

  @Test
  void shouldTakeStreamsSettingsFromTheEnvironmentAsADeploymentGivesThem() {
    EnrichConfig config =
        EnrichConfig.load(
            Map.of(), Map.of("STREAMS_PROCESSING_GUARANTEE", "at_least_once"), Optional.empty());

    assertThat(config.toStreamsProperties()).containsEntry("processing.guarantee", "at_least_once");
  }

  @Test
  void shouldCreateOnlyTheTopicsItUses() {
    EnrichConfig config =
        EnrichConfig.load(
            Map.of("topics.partitions", "4", "topics.replication.factor", "2"),
            Map.of(),
            Optional.empty());

    assertThat(config.topicSpecs())
        .extracting(TopicSpec::name, TopicSpec::replicationFactor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("news-items", (short) 2),
            org.assertj.core.groups.Tuple.tuple("tagged-items", (short) 2),
            org.assertj.core.groups.Tuple.tuple("enrich-dead-letters", (short) 2));
    assertThat(config.topicSpecs()).extracting(TopicSpec::partitions).containsExactly(4, 4, 1);
  }

  @Test
  void shouldRejectMalformedNumbersNamingTheKey() {
    assertThatThrownBy(
            () ->
                EnrichConfig.load(Map.of("topics.partitions", "many"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topics.partitions");
  }

  @Test
  void shouldRejectOutOfRangeValues() {
    assertThatThrownBy(
            () -> EnrichConfig.load(Map.of("num.stream.threads", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("num.stream.threads");
    assertThatThrownBy(
            () ->
                EnrichConfig.load(
                    Map.of("topics.replication.factor", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topics.replication.factor");
    assertThatThrownBy(
            () -> EnrichConfig.load(Map.of("application.id", " "), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("application.id");
  }

  @Test
  void shouldRejectAMissingConfigFile() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> EnrichConfig.load(Map.of(), Map.of(), Optional.of(missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.properties");
  }
}
