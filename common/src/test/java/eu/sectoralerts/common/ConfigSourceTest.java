package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

  @TempDir Path dir;

  @Test
  void shouldPreferFlagsThenEnvironmentThenFileThenDefault() throws Exception {
    Path file = dir.resolve("service.properties");
    Files.writeString(
        file,
        """
        kafka.bootstrap.servers=file:9092
        schema.registry.url=http://file:8081
        http.port=1111
        topics.items=file-items
        """);
    ConfigSource config =
        ConfigSource.of(
            Map.of("kafka.bootstrap.servers", "flag:9092"),
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "SCHEMA_REGISTRY_URL", "http://env:8081"),
            Optional.of(file));

    assertThat(config.getString("kafka.bootstrap.servers", "default:9092")).isEqualTo("flag:9092");
    assertThat(config.getString("schema.registry.url", "http://default"))
        .isEqualTo("http://env:8081");
    assertThat(config.getInt("http.port", 7070)).isEqualTo(1111);
    assertThat(config.getString("state.dir", "/default/state")).isEqualTo("/default/state");
    assertThat(PipelineTopics.from(config).items()).isEqualTo("file-items");
    assertThat(PipelineTopics.from(config).alerts()).isEqualTo(PipelineTopics.DEFAULT_ALERTS);
  }

  @Test
  void shouldNameTheKeyTheEnvironmentVariableAndTheFileOfAMalformedValue() throws Exception {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "http.port=seventy\n");
    ConfigSource config = ConfigSource.of(Map.of(), Map.of(), Optional.of(file));

    assertThatThrownBy(() -> config.getInt("http.port", 7070))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("HTTP_PORT")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'seventy'");
  }

  @Test
  void shouldRefuseAConfigFileThatDoesNotExist() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> ConfigSource.of(Map.of(), Map.of(), Optional.of(missing)))
        .isInstanceOf(ConfigSource.ConfigException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void shouldReadDurationsAsIsoOrMilliseconds() {
    ConfigSource config = ConfigSource.ofMap(Map.of("a", "PT2S", "b", "1500", "c", "soon"));

    assertThat(config.getDuration("a", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.getDuration("b", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> config.getDuration("c", Duration.ZERO))
        .hasMessageContaining("must be a duration");
  }

  @Test
  void shouldAcceptOnlyTrueOrFalseAsBooleans() {
    ConfigSource config = ConfigSource.ofMap(Map.of("on", "TRUE", "odd", "yes"));

    assertThat(config.getBoolean("on", false)).isTrue();
    assertThatThrownBy(() -> config.getBoolean("odd", false)).hasMessageContaining("true or false");
  }

  @Test
  void shouldCollectPrefixedKeysWithFlagsWinning() throws Exception {
    Path file = dir.resolve("p.properties");
    Files.writeString(file, "streams.linger.ms=5\nstreams.batch.size=100\nother=1\n");
    ConfigSource config =
        ConfigSource.of(Map.of("streams.linger.ms", "20"), Map.of(), Optional.of(file));

    assertThat(config.withPrefix("streams."))
        .isEqualTo(Map.of("linger.ms", "20", "batch.size", "100"));
  }

  @Test
  void shouldReadPrefixedKeysFromTheEnvironmentBetweenFileAndFlags() throws Exception {
    Path file = dir.resolve("p.properties");
    Files.writeString(
        file, "streams.linger.ms=5\nstreams.batch.size=100\nstreams.compression.type=lz4\n");
    ConfigSource config =
        ConfigSource.of(
            Map.of("streams.linger.ms", "20"),
            Map.of(
                "STREAMS_LINGER_MS", "10",
                "STREAMS_COMPRESSION_TYPE", "zstd",
                "STREAMS_PRODUCER_MAX_REQUEST_SIZE", "2097152",
                "STREAMS_", "no key",
                "STREAMSX_ACKS", "not prefixed",
                "HOME", "/root"),
            Optional.of(file));

    assertThat(config.withPrefix("streams."))
        .isEqualTo(
            Map.of(
                "linger.ms", "20",
                "batch.size", "100",
                "compression.type", "zstd",
                "producer.max.request.size", "2097152"));
  }
}
