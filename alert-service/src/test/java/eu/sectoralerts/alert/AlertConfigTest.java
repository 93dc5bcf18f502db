package eu.sectoralerts.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.common.ConfigSource;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.webhooks.WebhookSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertConfigTest {

  @TempDir Path dir;

  @Test
  void shouldUseTheDocumentedDefaults() {
    AlertConfig config = AlertConfig.load(Map.of(), Map.of(), Optional.empty());

    assertThat(config)
        .isEqualTo(
            new AlertConfig(
                "localhost:9092",
                "http://localhost:8081",
                "sector-alerts-alert",
                Path.of(System.getProperty("java.io.tmpdir"), "sector-alerts", "alert"),
                "0.0.0.0",
                7071,
                PipelineTopics.defaults(),
                3,
                (short) 1,
                100L,
                Map.of(),
                KeyDigests.none(),
                1000,
                "sector-alerts-alert-webhooks",
                WebhookSettings.defaults(),
                Optional.empty(),
                1,
                1));
  }

  @Test
  void shouldReadOperatorKeysAndWebhookSettings() {
    String digest = KeyDigests.digestOf("operator");

    AlertConfig config =
        AlertConfig.load(
            Map.of("webhooks.retry.initial", "200", "webhooks.allow-http", "true"),
            Map.of(
                "ADMIN_KEYS", digest,
                "WEBHOOKS_GIVE_UP_AFTER", "PT2H",
                "WATCHLISTS_MAX_PER_SUBSCRIBER", "20"),
            Optional.empty());

    assertThat(config.adminKeys().accepts("operator")).isTrue();
    assertThat(config.maxWatchlistsPerSubscriber()).isEqualTo(20);
    assertThat(config.webhooks().initialBackoff()).isEqualTo(java.time.Duration.ofMillis(200));
    assertThat(config.webhooks().giveUpAfter()).isEqualTo(java.time.Duration.ofHours(2));
    assertThat(config.webhooks().allowHttp()).isTrue();
    assertThat(config.webhooks().allowPrivateAddresses()).isFalse();
  }

  @Test
  void shouldRefuseAKeyInPlaceOfADigestWithoutEchoingIt() {
    assertThatThrownBy(
            () -> AlertConfig.load(Map.of("admin.keys", "hunter2"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("admin.keys must hold SHA-256 hex digests")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldPreferFlagsOverEnvironmentOverFile() throws IOException {
    Path file = dir.resolve("alert.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "kafka.bootstrap.servers=file:9092",
            "schema.registry.url=http://file:8081",
            "http.port=9000",
            "application.id=from-file",
            "topics.alerts=file-alerts",
            "topics.partitions=6",
            "streams.num.stream.threads=4",
            "streams.processing.guarantee=at_least_once"));

    AlertConfig config =
        AlertConfig.load(
            Map.of("kafka.bootstrap.servers", "flag:9092", "state.dir", "/var/lib/alerts"),
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "HTTP_PORT", "0"),
            Optional.of(file));

    assertThat(config.bootstrapServers()).isEqualTo("flag:9092");
    assertThat(config.httpPort()).isZero();
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://file:8081");
    assertThat(config.applicationId()).isEqualTo("from-file");
    assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/alerts"));
    assertThat(config.topics().alerts()).isEqualTo("file-alerts");
    assertThat(config.topics().tagged()).isEqualTo("tagged-items");
    assertThat(config.partitions()).isEqualTo(6);
    assertThat(config.streamsOverrides())
        .isEqualTo(Map.of("num.stream.threads", "4", "processing.guarantee", "at_least_once"));
  }

  @Test
  void shouldBuildExactlyOnceStreamsPropertiesWithErrorHandlers() {
    AlertConfig config =
        AlertConfig.load(
            Map.of("state.dir", "/data/alert", "streams.num.stream.threads", "2"),
            Map.of(),
            Optional.empty());

    Properties props = config.toStreamsProperties();

    Properties expected = new Properties();
    expected.put("application.id", "sector-alerts-alert");
    expected.put("bootstrap.servers", "localhost:9092");
    expected.put("state.dir", "/data/alert");
    expected.put("processing.guarantee", "exactly_once_v2");
    expected.put("commit.interval.ms", "100");
    expected.put("replication.factor", "1");
    expected.put("num.standby.replicas", "1");
    expected.put(
        "deserialization.exception.handler",
        "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler");
    expected.put(
        "processing.exception.handler",
        "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler");
    expected.put(
        "production.exception.handler",
        "org.apache.kafka.streams.errors.DefaultProductionExceptionHandler");
    expected.put("compression.type", "lz4");
    expected.put("batch.size", "262144");
    expected.put("num.stream.threads", "2");
    assertThat(props).isEqualTo(expected);
  }

  @Test
  void shouldLetAStreamsOverrideReplaceTheProducersCompression() {
    AlertConfig config =
        AlertConfig.load(
            Map.of("streams.compression.type", "zstd", "streams.batch.size", "65536"),
            Map.of(),
            Optional.empty());

    assertThat(config.toStreamsProperties())
        .containsEntry("compression.type", "zstd")
        .containsEntry("batch.size", "65536");
  }

  @Test
  void shouldTakeStreamsSettingsFromTheEnvironmentAsADeploymentGivesThem() {
    AlertConfig config =
        AlertConfig.load(
            Map.of(),
            Map.of(
                "STREAMS_COMPRESSION_TYPE", "zstd", "STREAMS_MAIN_CONSUMER_MAX_POLL_RECORDS", "50"),
            Optional.empty());

    assertThat(config.toStreamsProperties())
        .containsEntry("compression.type", "zstd")
        .containsEntry("main.consumer.max.poll.records", "50");
  }

  @Test
  void shouldNameTheKeyOfAMalformedValue() {
    assertThatThrownBy(
            () -> AlertConfig.load(Map.of(), Map.of("HTTP_PORT", "seventy"), Optional.empty()))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("seventy");
  }

  @Test
  void shouldRejectAPortOutOfRange() {
    assertThatThrownBy(
            () -> AlertConfig.load(Map.of("http.port", "70000"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("http.port");
  }

  @Test
  void shouldRejectAMissingConfigFile() {
    assertThatThrownBy(
            () ->
                AlertConfig.load(
                    Map.of(), Map.of(), Optional.of(dir.resolve("missing.properties"))))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("missing.properties");
  }

  @Test
  void shouldAdvertiseThisInstanceAndKeepStandbysFromTheEnvironment() {
    AlertConfig config =
        AlertConfig.load(
            Map.of(),
            Map.of(
                "APPLICATION_SERVER", "alert-service-2:7071",
                "NUM_STANDBY_REPLICAS", "2",
                "NUM_STREAM_THREADS", "3"),
            Optional.empty());

    assertThat(config.applicationServer()).contains("alert-service-2:7071");
    Properties props = config.toStreamsProperties();
    assertThat(props.getProperty("application.server")).isEqualTo("alert-service-2:7071");
    assertThat(props.getProperty("num.standby.replicas")).isEqualTo("2");
    assertThat(props.getProperty("num.stream.threads")).isEqualTo("3");
  }

  @Test
  void shouldRefuseFewerThanOneStreamThread() {
    assertThatThrownBy(
            () -> AlertConfig.load(Map.of("num.stream.threads", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("num.stream.threads must be >= 1, got 0");
  }

  @Test
  void shouldRefuseAnApplicationServerWithoutAPort() {
    assertThatThrownBy(
            () ->
                AlertConfig.load(
                    Map.of("application.server", "alert-service-2"), Map.of(), Optional.empty()))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("application.server must be host:port");
  }
}
