package eu.sectoralerts.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's metrics: a Prometheus registry whose every meter carries the tag {@code
 * service=<name>}, with the JVM's memory, GC, thread, class-loading, CPU and uptime figures, and
 * whatever Kafka clients and Streams applications the service binds. {@link #scrape()} is the body
 * of {@code GET /metrics}. Several services in one JVM each have their own.
 *
 * <p>The service's own meters are named {@code sector.alerts.*} (Prometheus: {@code
 * sector_alerts_*}).
 */
public final class ServiceMetrics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

  /** The tag naming the service on every meter. */
  public static final String SERVICE_TAG = "service";

  private final PrometheusMeterRegistry registry;
  private final Deque<AutoCloseable> binders = new ArrayDeque<>();
  private boolean closed;

  private ServiceMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A registry for {@code service} with the JVM's metrics bound. */
  public static ServiceMetrics create(String service) {
    Objects.requireNonNull(service, "service");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(SERVICE_TAG, service);
    ServiceMetrics metrics = new ServiceMetrics(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    metrics.binders.push(gc);
    return metrics;
  }

  /** Where the service registers its own meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Binds the metrics of a Kafka Streams client ({@code kafka_stream_*}, its clients'). */
  public synchronized void bind(KafkaStreams streams) {
    KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty());
    binder.bindTo(registry);
    binders.push(binder);
  }

  /**
   * Binds the metrics of a producer ({@code kafka_producer_*}). Producers only: a consumer's
   * metrics may not be read while another thread polls it.
   */
  public synchronized void bind(Producer<?, ?> producer) {
    KafkaClientMetrics binder = new KafkaClientMetrics(producer, Tags.empty());
    binder.bindTo(registry);
    binders.push(binder);
  }

  /** Every meter in Prometheus' text format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** Unbinds the Kafka clients (before they close) and closes the registry; again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!binders.isEmpty()) {
      try {
        binders.pop().close();
      } catch (Exception e) {
        LOG.debug("Closing a metrics binder failed: {}", e.toString());
      }
    }
    registry.close();
  }
}
