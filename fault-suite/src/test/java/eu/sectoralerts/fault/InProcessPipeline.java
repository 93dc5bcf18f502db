package eu.sectoralerts.fault;

import eu.sectoralerts.alert.AlertConfig;
import eu.sectoralerts.alert.AlertService;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.TopicAdmin;
import eu.sectoralerts.enrich.EnrichConfig;
import eu.sectoralerts.enrich.EnrichService;
import eu.sectoralerts.ingest.IngestConfig;
import eu.sectoralerts.ingest.IngestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The services of one {@link Namespace} in this JVM, started with the same {@code start(config)}
 * the command line uses, for the cases that need no crash but want the services' log lines (a
 * {@link LogCapture} sees them). Which services run is the caller's choice.
 */
public final class InProcessPipeline implements AutoCloseable {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private IngestService ingest;
  private AlertService alert;

  /**
   * Which services to start and how.
   *
   * @param analystKey the analyst key ingest-service accepts; null: no ingest-service
   * @param enrich whether to start enrich-streams
   * @param adminKey the operator key alert-service accepts; null: no alert-service
   * @param alertOverrides extra alert-service config ({@code webhooks.*} ...)
   */
  public record Services(
      String analystKey, boolean enrich, String adminKey, Map<String, String> alertOverrides) {
    public Services {
      alertOverrides = Map.copyOf(alertOverrides);
    }
  }

  public static InProcessPipeline start(FaultRig rig, Namespace ns, Services services) {
    InProcessPipeline pipeline = new InProcessPipeline();
    try {
      pipeline.startAll(rig, ns, services);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  private void startAll(FaultRig rig, Namespace ns, Services services) {
    TopicAdmin.ensureTopics(
        rig.bootstrapServers(), ns.topics().specs(3, (short) 1), Duration.ofSeconds(30));
    Path work = rig.dir(ns.prefix());
    Map<String, String> common = new LinkedHashMap<>(ns.topicConfig());
    common.put("kafka.bootstrap.servers", rig.bootstrapServers());
    common.put("schema.registry.url", rig.registryUrl());
    common.put("commit.interval.ms", "100");
    Map<String, String> noEnv = Map.of();

    if (services.analystKey() != null) {
      Map<String, String> config = new LinkedHashMap<>(common);
      config.put("http.host", "127.0.0.1");
      config.put("http.port", "0");
      config.put(IngestConfig.ANALYST_KEYS, KeyDigests.digestOf(services.analystKey()));
      ingest = IngestService.start(IngestConfig.load(config, noEnv, Optional.empty()));
      started.push(ingest);
    }
    EnrichService enrich = null;
    if (services.enrich()) {
      Map<String, String> config = new LinkedHashMap<>(common);
      config.put("application.id", ns.enrichApplicationId());
      config.put("state.dir", work.resolve("enrich-state").toString());
      enrich = EnrichService.start(EnrichConfig.load(config, noEnv, Optional.empty()));
      started.push(enrich);
    }
    if (services.adminKey() != null) {
      Map<String, String> config = new LinkedHashMap<>(common);
      config.put("application.id", ns.alertApplicationId());
      config.put("state.dir", work.resolve("alert-state").toString());
      config.put("http.host", "127.0.0.1");
      config.put("http.port", "0");
      config.put(AlertConfig.ADMIN_KEYS, KeyDigests.digestOf(services.adminKey()));
      config.putAll(services.alertOverrides());
      alert = AlertService.start(AlertConfig.load(config, noEnv, Optional.empty()));
      started.push(alert);
    }
    if (enrich != null) {
      enrich.awaitRunning(Duration.ofSeconds(120));
    }
    if (alert != null) {
      alert.awaitRunning(Duration.ofSeconds(120));
    }
  }

  public String ingestUrl() {
    return "http://127.0.0.1:" + ingest.port();
  }

  public String alertUrl() {
    return "http://127.0.0.1:" + alert.port();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // closing the rest matters more than this one's complaint
      }
    }
  }
}
