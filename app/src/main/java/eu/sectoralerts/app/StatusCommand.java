package eu.sectoralerts.app;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts status}: what a running pipeline holds, read from another terminal: the
 * broker's topics with their record counts, the registry's subjects, and each service's health.
 */
@Command(
    name = "status",
    description = "Show topics, schemas and service health of a running pipeline.")
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka cluster (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081}",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(
      names = "--ingest-url",
      defaultValue = "http://localhost:7070",
      description = "ingest-service (default: ${DEFAULT-VALUE}).")
  String ingestUrl;

  @Option(
      names = "--alert-url",
      defaultValue = "http://localhost:7071",
      description = "alert-service (default: ${DEFAULT-VALUE}).")
  String alertUrl;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean healthy = printTopics(out);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    out.println();
    out.println("Services");
    healthy &= printHealth(out, http, "schema registry", registryUrl + "/subjects");
    healthy &= printHealth(out, http, "ingest-service", ingestUrl + "/health");
    healthy &= printHealth(out, http, "alert-service", alertUrl + "/health");
    out.flush();
    return healthy ? 0 : 1;
  }

  private boolean printTopics(PrintWriter out) {
    out.println("Kafka at " + bootstrapServers);
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
      Set<String> names = new TreeSet<>(admin.listTopics().names().get(5, TimeUnit.SECONDS));
      Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
      List<TopicPartition> partitions =
          topics.values().stream()
              .flatMap(
                  t ->
                      t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
              .toList();
      var earliest =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
              .all()
              .get(5, TimeUnit.SECONDS);
      var latest =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(5, TimeUnit.SECONDS);
      // Offsets, not records: under exactly-once every commit also writes a marker.
      out.printf("  %-50s %10s %10s%n", "topic", "partitions", "offsets");
      for (String name : names) {
        long offsets =
            partitions.stream()
                .filter(p -> p.topic().equals(name))
                .mapToLong(p -> latest.get(p).offset() - earliest.get(p).offset())
                .sum();
        out.printf("  %-50s %10d %10d%n", name, topics.get(name).partitions().size(), offsets);
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      out.println("  not reachable: " + (e.getCause() == null ? e : e.getCause()).getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean printHealth(PrintWriter out, HttpClient http, String name, String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      boolean ok = response.statusCode() == 200;
      out.printf(
          "  %-16s %-40s %s%n",
          name, url, ok ? "UP " + abbreviate(response.body()) : "HTTP " + response.statusCode());
      return ok;
    } catch (java.io.IOException | IllegalArgumentException e) {
      out.printf("  %-16s %-40s not reachable%n", name, url);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
  }
}
