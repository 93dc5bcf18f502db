package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServiceLauncherTest {

  private static final Map<String, String> FLAGS = Map.of("--port", "http.port");

  @Test
  void shouldStartNothingWhenHelpIsAsked() {
    AtomicBoolean loaded = new AtomicBoolean();

    var launched =
        ServiceLauncher.launch(
            "demo",
            FLAGS,
            new String[] {"--help"},
            commandLine -> {
              loaded.set(true);
              return commandLine;
            },
            config -> (AutoCloseable) () -> {});

    assertThat(launched).isEmpty();
    assertThat(loaded).isFalse();
  }

  @Test
  void shouldStartTheServiceFromTheConfigTheFlagsDescribe() {
    var launched =
        ServiceLauncher.launch(
            "demo",
            FLAGS,
            new String[] {"--port=7999"},
            commandLine -> ConfigSource.ofMap(commandLine.overrides()).getInt("http.port", 0),
            FakeService::new);

    assertThat(launched).get().extracting(l -> l.service().port()).isEqualTo(7999);
    assertThat(launched.get().closed().getCount()).isEqualTo(1);
  }

  record FakeService(int port) implements AutoCloseable {
    @Override
    public void close() {}
  }
}
