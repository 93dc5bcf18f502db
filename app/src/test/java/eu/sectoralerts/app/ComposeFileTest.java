package eu.sectoralerts.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.common.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code docker-compose.yml}: valid for the compose tool (where one is installed;
 * there is no Docker engine to run it here), and its topic list the one the services use.
 */
class ComposeFileTest {

  private static final Path ROOT = repositoryRoot();

  @Test
  void shouldBeAValidComposeFile() throws Exception {
    Optional<List<String>> tool = composeTool();
    assumeTrue(
        tool.isPresent(),
        "Neither `docker compose` nor `docker-compose` is installed; the file is not validated");
    List<String> command = new ArrayList<>(tool.get());
    command.addAll(List.of("-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ANALYST_KEYS", "0".repeat(64));
    builder.environment().put("ADMIN_KEYS", "1".repeat(64));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  @Test
  void shouldCreateEveryPipelineTopicAsTheServicesWould() throws IOException {
    String script = Files.readString(ROOT.resolve("docker/create-topics.sh"));
    Matcher create =
        Pattern.compile("^create (\\S+) (\\S+)((?: \\S+=\\S+)*)$", Pattern.MULTILINE)
            .matcher(script);
    List<TopicSpec> created = new ArrayList<>();
    while (create.find()) {
      Map<String, String> configs = new java.util.HashMap<>();
      for (String config : create.group(3).strip().split(" ")) {
        int eq = config.indexOf('=');
        configs.put(config.substring(0, eq), config.substring(eq + 1));
      }
      int partitions =
          create.group(2).equals("\"$PARTITIONS\"") ? 6 : Integer.parseInt(create.group(2));
      created.add(new TopicSpec(create.group(1), partitions, (short) 3, configs));
    }

    assertThat(created).containsExactlyElementsOf(PipelineTopics.defaults().specs(6, (short) 3));
    assertThat(script).contains("min.insync.replicas=${MIN_ISR}", "--if-not-exists");
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    assertThat(compose)
        .contains(
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"false\"",
            "KAFKA_MIN_INSYNC_REPLICAS: 2",
            "TOPICS_REPLICATION_FACTOR: 3",
            "TOPIC_PARTITIONS: 6",
            "TOPICS_PARTITIONS: 6");
  }

  private static Optional<List<String>> composeTool() throws InterruptedException {
    for (List<String> candidate :
        List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      List<String> version = new ArrayList<>(candidate);
      version.add("version");
      try {
        Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
          return Optional.of(candidate);
        }
      } catch (IOException e) {
        // not installed: try the next one
      }
    }
    return Optional.empty();
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "No docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
