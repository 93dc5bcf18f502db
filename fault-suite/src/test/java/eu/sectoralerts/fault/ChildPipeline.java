package eu.sectoralerts.fault;

import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * enrich-streams and alert-service of one {@link Namespace}, each in a JVM of its own started from
 * its {@code main} ({@code EnrichMain}, {@code AlertMain}) with a config file, as an operator would
 * run them. alert-service keeps one HTTP port across restarts, allows webhooks to loopback over
 * plain HTTP, and retries them quickly (initial backoff 500 ms, at most 2 s apart).
 */
public final class ChildPipeline implements AutoCloseable {

  public final ServiceProcess enrich;
  public final ServiceProcess alert;
  private final int alertPort;

  /**
   * @param adminKey the operator key alert-service accepts (it is given its digest only)
   */
  public ChildPipeline(FaultRig rig, Namespace ns, String adminKey) {
    TopicAdmin.ensureTopics(
        rig.bootstrapServers(), ns.topics().specs(3, (short) 1), Duration.ofSeconds(30));
    Path work = rig.dir(ns.prefix());
    Map<String, String> common = new LinkedHashMap<>(ns.topicConfig());
    common.put("kafka.bootstrap.servers", rig.bootstrapServers());
    common.put("schema.registry.url", rig.registryUrl());
    common.put("commit.interval.ms", "100");

    Map<String, String> enrichConfig = new LinkedHashMap<>(common);
    enrichConfig.put("application.id", ns.enrichApplicationId());
    enrichConfig.put("state.dir", work.resolve("enrich-state").toString());
    enrich =
        new ServiceProcess(
            ns.prefix() + "-enrich",
            "eu.sectoralerts.enrich.EnrichMain",
            enrichConfig,
            work,
            rig.childClasspath());

    alertPort = FaultRig.freePort();
    Map<String, String> alertConfig = new LinkedHashMap<>(common);
    alertConfig.put("application.id", ns.alertApplicationId());
    alertConfig.put("state.dir", work.resolve("alert-state").toString());
    alertConfig.put("http.host", "127.0.0.1");
    alertConfig.put("http.port", Integer.toString(alertPort));
    alertConfig.put("admin.keys", KeyDigests.digestOf(adminKey));
    alertConfig.put("webhooks.allow-http", "true");
    alertConfig.put("webhooks.allow-private-addresses", "true");
    alertConfig.put("webhooks.retry.initial", "PT0.5S");
    alertConfig.put("webhooks.retry.max", "PT2S");
    alert =
        new ServiceProcess(
            ns.prefix() + "-alert",
            "eu.sectoralerts.alert.AlertMain",
            alertConfig,
            work,
            rig.childClasspath());
  }

  public String alertUrl() {
    return "http://127.0.0.1:" + alertPort;
  }

  /** Stops both and keeps their output in {@code target/fault-logs} for whoever reads a failure. */
  @Override
  public void close() {
    try {
      alert.close();
    } finally {
      enrich.close();
      keep(alert.logFile());
      keep(enrich.logFile());
    }
  }

  private static void keep(Path log) {
    try {
      Path dir = java.nio.file.Files.createDirectories(Path.of("target", "fault-logs"));
      if (java.nio.file.Files.exists(log)) {
        java.nio.file.Files.copy(
            log, dir.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot keep " + log, e);
    }
  }
}
