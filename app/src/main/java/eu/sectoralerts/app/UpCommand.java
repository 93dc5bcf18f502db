package eu.sectoralerts.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sector-alerts up}: the whole pipeline in this process, on an embedded broker whose data
 * lives under {@code --data-dir}, until Ctrl-C or SIGTERM.
 */
@Command(
    name = "up",
    description =
        "Start the whole pipeline (broker, schema registry, all services) in one process.")
final class UpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description =
          "Where broker data, stream state and the analyst key live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--bootstrap-servers",
      description = "Use this Kafka cluster instead of starting an embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      description = "Use this schema registry instead of starting the embedded one.")
  String registryUrl;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded broker port.")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "Embedded KRaft controller port.")
  int controllerPort;

  @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port.")
  int registryPort;

  @Option(names = "--ingest-port", defaultValue = "7070", description = "ingest-service port.")
  int ingestPort;

  @Option(names = "--alert-port", defaultValue = "7071", description = "alert-service port.")
  int alertPort;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long startedAt = System.nanoTime();
    PipelineSettings settings =
        new PipelineSettings(
            dataDir,
            java.util.Optional.ofNullable(bootstrapServers),
            java.util.Optional.ofNullable(registryUrl),
            "localhost",
            kafkaPort,
            controllerPort,
            registryPort,
            ingestPort,
            alertPort,
            java.util.Map.of());
    Pipeline pipeline =
        Pipeline.start(
            settings,
            step -> {
              out.println("  " + step + " ...");
              out.flush();
            });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping sector-alerts ...");
                  out.flush();
                  pipeline.close();
                  out.println("Stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "sector-alerts-shutdown"));
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    out.printf(
        "%nsector-alerts is up (ready in %.1f s). Press Ctrl-C to stop.%n%n"
            + "  Kafka bootstrap servers  %s%n"
            + "  Schema registry          %s%n"
            + "  Ingest API (analysts)    %s/v1/items  %s/v1/briefings%n"
            + "  Analyst key              %s%n"
            + "                           (send it as: -H \"Authorization: Bearer $(cat %s)\")%n"
            + "  Alert API (subscribers)  %s/v1/watchlists  %s/v1/alerts  %s/v1/alerts/stream%n"
            + "  Operator key             %s%n"
            + "                           (creates subscribers: ./sector-alerts subscribers add NAME)%n"
            + "  Data directory           %s%n%n",
        seconds,
        pipeline.bootstrapServers(),
        pipeline.registryUrl(),
        pipeline.ingestUrl(),
        pipeline.ingestUrl(),
        pipeline.analystKeyFile().toAbsolutePath().normalize(),
        pipeline.analystKeyFile(),
        pipeline.alertUrl(),
        pipeline.alertUrl(),
        pipeline.alertUrl(),
        pipeline.adminKeyFile().toAbsolutePath().normalize(),
        dataDir.toAbsolutePath().normalize());
    out.flush();
    stopped.await();
    return 0;
  }
}
