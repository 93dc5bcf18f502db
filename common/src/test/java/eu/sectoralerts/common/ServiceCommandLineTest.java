package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.common.ServiceCommandLine.UsageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceCommandLineTest {

  private static final Map<String, String> FLAGS =
      Map.of(
          "--bootstrap-servers", "kafka.bootstrap.servers",
          "--port", "http.port",
          "--state-dir", "state.dir");

  private static ServiceCommandLine parse(String... args) {
    return ServiceCommandLine.parse(args, FLAGS);
  }

  @Test
  void shouldTurnFlagsInBothStylesIntoConfigOverrides() {
    assertThat(
            parse(
                "--bootstrap-servers",
                "broker:9092",
                "--port=0",
                "--state-dir",
                "/data/state",
                "--config",
                "service.properties"))
        .isEqualTo(
            new ServiceCommandLine(
                Map.of(
                    "kafka.bootstrap.servers", "broker:9092",
                    "http.port", "0",
                    "state.dir", "/data/state"),
                Optional.of(Path.of("service.properties")),
                false));
  }

  @Test
  void shouldAcceptNoArguments() {
    assertThat(parse()).isEqualTo(new ServiceCommandLine(Map.of(), Optional.empty(), false));
  }

  @Test
  void shouldReadTheConfigFileInTheEqualsStyleToo() {
    assertThat(parse("--config=conf/alert.properties"))
        .isEqualTo(
            new ServiceCommandLine(Map.of(), Optional.of(Path.of("conf/alert.properties")), false));
  }

  @Test
  void shouldKeepEverythingAfterTheFirstEqualsSignAsTheValue() {
    assertThat(parse("--bootstrap-servers=a=b").overrides())
        .isEqualTo(Map.of("kafka.bootstrap.servers", "a=b"));
  }

  @Test
  void shouldKeepTheLastValueOfARepeatedFlag() {
    assertThat(parse("--port", "7070", "--port=7071", "--config", "a", "--config", "b"))
        .isEqualTo(
            new ServiceCommandLine(Map.of("http.port", "7071"), Optional.of(Path.of("b")), false));
  }

  @Test
  void shouldRejectAnUnknownFlag() {
    assertThatThrownBy(() -> parse("--bootstrap", "x"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option: --bootstrap");
  }

  @Test
  void shouldNameTheWholeArgumentOfAnUnknownFlagInTheEqualsStyle() {
    assertThatThrownBy(() -> parse("--prot=7070"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option: --prot=7070");
  }

  @Test
  void shouldRejectAnArgumentThatIsNoFlag() {
    assertThatThrownBy(() -> parse("broker:9092"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option: broker:9092");
  }

  @Test
  void shouldRejectAFlagWithoutItsValue() {
    assertThatThrownBy(() -> parse("--state-dir"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --state-dir needs a value");
    assertThatThrownBy(() -> parse("--port", "1", "--config"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --config needs a value");
  }

  @Test
  void shouldRejectAFlagWhereItsValueShouldBe() {
    assertThatThrownBy(() -> parse("--config", "--state-dir", "x"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --config needs a value");
    assertThatThrownBy(() -> parse("--state-dir", "-h"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --state-dir needs a value");
  }

  @Test
  void shouldRejectABlankValue() {
    assertThatThrownBy(() -> parse("--state-dir="))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --state-dir needs a value");
    assertThatThrownBy(() -> parse("--port", "  "))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --port needs a value");
    assertThatThrownBy(() -> parse("--config="))
        .isInstanceOf(UsageException.class)
        .hasMessage("Option --config needs a value");
  }

  @Test
  void shouldRecogniseAHelpRequestInEitherSpelling() {
    ServiceCommandLine help = new ServiceCommandLine(Map.of(), Optional.empty(), true);

    assertThat(parse("--help")).isEqualTo(help);
    assertThat(parse("-h")).isEqualTo(help);
    assertThat(parse("--port", "1", "--help", "--unknown")).isEqualTo(help);
  }

  @Test
  void shouldReportAMistakeThatComesBeforeAHelpRequest() {
    assertThatThrownBy(() -> parse("--unknown", "--help"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option: --unknown");
  }

  @Test
  void shouldNotLetTheParsedOverridesBeChanged() {
    assertThatThrownBy(() -> parse("--port", "1").overrides().put("http.port", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRejectAMalformedFlagTable() {
    assertThatThrownBy(() -> ServiceCommandLine.parse(new String[0], Map.of("port", "http.port")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a flag: port");
    assertThatThrownBy(() -> ServiceCommandLine.parse(new String[0], Map.of("--config", "file")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--config is reserved");
    assertThatThrownBy(() -> ServiceCommandLine.parse(new String[0], Map.of("--port", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Flag --port has no config key");
  }

  @Test
  void shouldListEveryFlagWithItsConfigKeyInTheUsage() {
    assertThat(ServiceCommandLine.usage("some-service", FLAGS))
        .isEqualTo(
            String.join(
                "\n",
                "Usage: some-service [--option value | --option=value]... [--config FILE]",
                "Options set the config key shown; they win over environment, file and defaults.",
                "  --bootstrap-servers  kafka.bootstrap.servers",
                "  --port               http.port",
                "  --state-dir          state.dir",
                "  --config FILE        read config keys from a properties file",
                "  -h, --help           print this help and exit"));
  }
}
