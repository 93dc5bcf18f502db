package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.common.ConfigSource.ConfigException;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

  @TempDir Path dir;

  @Test
  void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
    IngestConfig config = IngestConfig.load(Map.of(), Map.of(), Optional.empty());

    assertThat(config)
        .isEqualTo(
            new IngestConfig(
                "localhost:9092",
                "http://localhost:8081",
                "0.0.0.0",
                7070,
                65_536,
                1_048_576,
                KeyDigests.none(),
                PipelineTopics.defaults(),
                3,
                (short) 1,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
  }

  @Test
  void shouldLetOverridesBeatEnvironmentBeatFileBeatDefaults() throws IOException {
    Path file =
        write(
            """
            kafka.bootstrap.servers=file-broker:9092
            schema.registry.url=http://file-registry:8081
            http.port=7001
            max.body.bytes=1000
            topics.items=file-items
            """);
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "env-broker:9092",
            "SCHEMA_REGISTRY_URL", "http://env-registry:8081",
            "HTTP_PORT", "7002");
    Map<String, String> overrides = Map.of("kafka.bootstrap.servers", "flag-broker:9092");

    IngestConfig config = IngestConfig.load(overrides, env, Optional.of(file));

    assertThat(config.bootstrapServers()).isEqualTo("flag-broker:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://env-registry:8081");
    assertThat(config.httpPort()).isEqualTo(7002);
    assertThat(config.maxBodyBytes()).isEqualTo(1000);
    assertThat(config.topics().items()).isEqualTo("file-items");
    assertThat(config.topics().tagged()).isEqualTo(PipelineTopics.DEFAULT_TAGGED);
    assertThat(config.topicPartitions()).isEqualTo(3);
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void shouldReadTopicLayoutAndTimeouts() {
    IngestConfig config =
        IngestConfig.load(
            Map.of(
                "topics.partitions", "6",
                "topics.replication.factor", "3",
                "publish.timeout", "PT2S",
                "startup.timeout", "5000",
                "http.port", "0"),
            Map.of(),
            Optional.empty());

    assertThat(config.topicPartitions()).isEqualTo(6);
    assertThat(config.topicReplicationFactor()).isEqualTo((short) 3);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.httpPort()).isZero();
  }

  @Test
  void shouldNameTheKeyOfAMalformedNumber() {
    assertThatThrownBy(
            () -> IngestConfig.load(Map.of(), Map.of("HTTP_PORT", "seventy"), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("seventy");
  }

  @Test
  void shouldNameTheKeyOfAMalformedNumberInTheFile() throws IOException {
    Path file = write("max.body.bytes=64k\n");

    assertThatThrownBy(() -> IngestConfig.load(Map.of(), Map.of(), Optional.of(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max.body.bytes")
        .hasMessageContaining("64k");
  }

  @Test
  void shouldRejectOutOfRangeValuesNamingTheKey() {
    assertThatThrownBy(
            () -> IngestConfig.load(Map.of("http.port", "70000"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port");
    assertThatThrownBy(
            () -> IngestConfig.load(Map.of("max.body.bytes", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max.body.bytes");
    assertThatThrownBy(
            () ->
                IngestConfig.load(
                    Map.of("topics.replication.factor", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topics.replication.factor");
    assertThatThrownBy(
            () -> IngestConfig.load(Map.of("publish.timeout", "PT0S"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("publish.timeout");
  }

  @Test
  void shouldReadAnalystKeyDigestsAndTheBriefingLimit() {
    String first = KeyDigests.digestOf("first-key");
    String second = KeyDigests.digestOf("second-key");

    IngestConfig config =
        IngestConfig.load(
            Map.of("max.briefing.bytes", "2048"),
            Map.of("ANALYST_KEYS", " " + first.toUpperCase() + " , " + second + ","),
            Optional.empty());

    assertThat(config.analystKeys()).isEqualTo(new KeyDigests(List.of(first, second)));
    assertThat(config.maxBriefingBytes()).isEqualTo(2048);
  }

  @Test
  void shouldRefuseAKeyInPlaceOfADigestWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                IngestConfig.load(
                    Map.of("analyst.keys", "my-secret-key"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("analyst.keys must hold SHA-256 hex digests")
        .hasMessageNotContaining("my-secret-key");
    assertThatThrownBy(
            () -> IngestConfig.load(Map.of("max.briefing.bytes", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max.briefing.bytes");
  }

  @Test
  void shouldRefuseAMissingConfigFile() {
    Path missing = dir.resolve("absent.properties");

    assertThatThrownBy(() -> IngestConfig.load(Map.of(), Map.of(), Optional.of(missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.properties");
  }

  private Path write(String properties) throws IOException {
    Path file = dir.resolve("ingest.properties");
    Files.writeString(file, properties);
    return file;
  }
}
