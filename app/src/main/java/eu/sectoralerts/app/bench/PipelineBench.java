package eu.sectoralerts.app.bench;

import eu.sectoralerts.app.bench.BenchReport.Flow;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.enrich.taxonomy.Taxonomy;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import eu.sectoralerts.workload.WatchlistGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Runs one bench against a pipeline that is up: generates items that the shipped taxonomy rates in
 * the level mix of real briefings ({@link RealisticItems}), registers generated watchlists plus one
 * catch-all watchlist (so that every item ends in at least one alert, and its arrival marks the
 * item done), passes the run's item bytes through a topic of its own with a plain producer and
 * consumer (the raw Kafka baseline), then publishes the items onto the items topic, exactly as
 * ingest-service would, and reads the alerts topic ({@code read_committed}) until every item's
 * catch-all alert has come. Latency is taken from the moment an item was due to be sent (at a fixed
 * rate, a late send counts against the pipeline), to the moment its alert is read. Afterwards the
 * run's watchlists are deleted (tombstones) and the baseline topic dropped; the run's items and
 * alerts stay in their topics, under ids and subscriber ids starting with {@code bench-<run id>-},
 * which no real subscriber has.
 */
public final class PipelineBench {

  /** Items passed through the baseline topic at most (enough for a steady rate). */
  static final int MAX_BASELINE_ITEMS = 50_000;

  /** Items in the pipeline at most during the warm-up, so that no backlog outlasts it. */
  static final int WARMUP_IN_FLIGHT = 200;

  /** How long the pipeline may go without delivering anything before the run gives up. */
  static final Duration STALL_TIMEOUT = Duration.ofSeconds(120);

  private final BenchSettings settings;
  private final BenchProgress progress;
  private final ResourceProbe probe;
  private final String prefix;
  private final String catchAllId;
  private final SchemaRegistryClient registry;
  private final AvroSerde<NewsItem> itemSerde;

  private PipelineBench(BenchSettings settings, BenchProgress progress, ResourceProbe probe) {
    this.settings = settings;
    this.progress = progress;
    this.probe = probe;
    this.prefix = "bench-" + settings.runId() + "-";
    this.catchAllId = prefix + "all";
    this.registry = SchemaRegistryClients.forUrl(settings.registryUrl());
    this.itemSerde = AvroSerde.forValues(registry, NewsItem.class);
  }

  /**
   * Runs the bench.
   *
   * @param startupSeconds how long the embedded pipeline took to start, or null
   * @throws BenchException when the pipeline cannot be reached or stops delivering
   */
  public static BenchReport run(
      BenchSettings settings, BenchProgress progress, ResourceProbe probe, Double startupSeconds) {
    return new PipelineBench(settings, progress, probe).run(startupSeconds);
  }

  private BenchReport run(Double startupSeconds) {
    progress.update("items", 0, BenchSettings.TEXTS, "generating items in the labelled level mix");
    List<NewsItem> texts =
        RealisticItems.draw(
            BenchSettings.TEXTS,
            settings.seed(),
            TaxonomyTagger.compile(Taxonomy.loadDefault(), Clock.systemUTC()));
    try (Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
        KafkaProducer<String, byte[]> producer = producer();
        AlertReader alerts = new AlertReader()) {
      TopicDescription itemsTopic = describe(admin, settings.topics().items());
      int partitions = itemsTopic.partitions().size();
      short replication = (short) itemsTopic.partitions().get(0).replicas().size();
      List<Watchlist> watchlists = registerWatchlists(producer, alerts);
      try {
        Warmup warmup = warmUp(producer, alerts, texts);
        Flow baseline = baseline(admin, producer, texts, partitions, replication);
        Measured pipeline = pipeline(producer, alerts, texts);
        return report(startupSeconds, partitions, warmup, baseline, pipeline);
      } finally {
        for (Watchlist watchlist : watchlists) {
          producer.send(
              new ProducerRecord<>(settings.topics().watchlists(), watchlist.getId(), null));
        }
        producer.flush();
      }
    }
  }

  // ---------------------------------------------------------------- watchlists

  private List<Watchlist> registerWatchlists(
      KafkaProducer<String, byte[]> producer, AlertReader alerts) {
    AvroSerde<Watchlist> serde = AvroSerde.forValues(registry, Watchlist.class);
    String topic = settings.topics().watchlists();
    List<Watchlist> watchlists = new ArrayList<>(settings.watchlists() + 1);
    for (Watchlist generated :
        WatchlistGenerator.watchlists(settings.watchlists(), settings.seed())) {
      watchlists.add(
          Watchlist.newBuilder(generated)
              .setId(prefix + generated.getId())
              .setSubscriberId(prefix + generated.getSubscriberId())
              .build());
    }
    Instant now = Instant.now();
    // Last: the alert service reads the topic in order, so once the catch-all matches, every
    // watchlist before it is loaded too.
    watchlists.add(
        Watchlist.newBuilder()
            .setId(catchAllId)
            .setSubscriberId(prefix + "catch-all")
            .setName("bench " + settings.runId() + ": every item")
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build());
    int sent = 0;
    for (Watchlist watchlist : watchlists) {
      producer.send(
          new ProducerRecord<>(topic, watchlist.getId(), serde.serialize(topic, watchlist)));
      if (++sent % 1000 == 0) {
        progress.update("watchlists", sent, watchlists.size(), "registering");
      }
    }
    producer.flush();
    // Probe items until one comes back through the catch-all watchlist.
    long deadline = System.nanoTime() + STALL_TIMEOUT.toNanos();
    int probes = 0;
    while (alerts.arrived() == 0) {
      if (System.nanoTime() > deadline) {
        throw new BenchException(
            "No alert came back within "
                + STALL_TIMEOUT.toSeconds()
                + " s of registering the watchlists: is alert-service running on this cluster,"
                + " reading topic '"
                + topic
                + "'?");
      }
      String id = prefix + "probe-" + probes++;
      alerts.expect(id, System.nanoTime());
      producer.send(itemRecord(id, probeItem(id)));
      producer.flush();
      progress.update("watchlists", sent, watchlists.size(), "waiting for alert-service");
      awaitQuietly(Duration.ofMillis(500), () -> alerts.arrived() > 0);
    }
    // Let the answers to the other probes come in, so they are not counted with the run.
    awaitQuietly(Duration.ofSeconds(2), () -> alerts.arrived() >= alerts.expected());
    alerts.reset();
    return watchlists;
  }

  private NewsItem probeItem(String id) {
    Instant now = Instant.now();
    return NewsItem.newBuilder()
        .setId(id)
        .setKind(eu.sectoralerts.avro.ItemKind.POLICY)
        .setTitle("Bench probe")
        .setBody("A short item that only the catch-all watchlist of the bench matches.")
        .setPublisher("sector-alerts bench")
        .setPublishedAt(now)
        .build();
  }

  // ---------------------------------------------------------------- warm-up

  private record Warmup(long items, double seconds) {}

  /**
   * Passes items through the pipeline for the warm-up time, at the run's rate but never more than
   * {@link #WARMUP_IN_FLIGHT} unanswered, then waits for the last ones: what is measured next meets
   * compiled code, and no backlog.
   */
  private Warmup warmUp(
      KafkaProducer<String, byte[]> producer, AlertReader alerts, List<NewsItem> texts) {
    if (settings.warmup().isZero()) {
      return new Warmup(0, 0);
    }
    long intervalNanos =
        settings.rate().isPresent() ? Math.round(1e9 / settings.rate().getAsDouble()) : 0;
    long start = System.nanoTime();
    long endBy = start + settings.warmup().toNanos();
    long total = settings.warmup().toSeconds();
    long published = 0;
    long nextReport = start;
    while (System.nanoTime() < endBy) {
      long inFlight = published - alerts.arrived();
      if (inFlight >= WARMUP_IN_FLIGHT) {
        long waitingFor = published - WARMUP_IN_FLIGHT;
        awaitQuietly(Duration.ofMillis(50), () -> alerts.arrived() > waitingFor);
      } else {
        long due = start + published * intervalNanos;
        while (intervalNanos > 0 && System.nanoTime() < Math.min(due, endBy)) {
          LockSupport.parkNanos(Math.min(due, endBy) - System.nanoTime());
        }
        String id = prefix + "warmup-" + published;
        alerts.expect(id, System.nanoTime());
        producer.send(itemRecord(id, withId(texts.get((int) (published % texts.size())), id)));
        published++;
      }
      long now = System.nanoTime();
      if (now >= nextReport) {
        progress.update(
            "warm-up",
            (now - start) / 1_000_000_000L,
            total,
            alerts.arrived() + " items through (not measured)");
        nextReport = now + 250_000_000L;
      }
    }
    producer.flush();
    awaitArrivals(alerts, published, "warm-up", start);
    double seconds = (System.nanoTime() - start) / 1e9;
    alerts.reset();
    return new Warmup(published, seconds);
  }

  /** Waits until {@code published} items arrived, giving up when nothing arrives for a while. */
  private void awaitArrivals(AlertReader alerts, long published, String phase, long start) {
    long lastProgress = System.nanoTime();
    long lastArrived = -1;
    while (alerts.arrived() < published) {
      long arrived = alerts.arrived();
      long now = System.nanoTime();
      if (arrived != lastArrived) {
        lastArrived = arrived;
        lastProgress = now;
      } else if (now - lastProgress > STALL_TIMEOUT.toNanos()) {
        return;
      }
      progress.update(
          phase,
          arrived,
          published,
          rate(arrived, now - start) + " items/s through, all " + published + " published");
      awaitQuietly(Duration.ofMillis(250), () -> false);
    }
  }

  // ---------------------------------------------------------------- baseline

  private Flow baseline(
      Admin admin,
      KafkaProducer<String, byte[]> producer,
      List<NewsItem> texts,
      int partitions,
      short replication) {
    long planned = settings.plannedItems();
    int count = (int) Math.min(planned == Long.MAX_VALUE ? 20_000 : planned, MAX_BASELINE_ITEMS);
    String topic = prefix + "baseline";
    await(
        admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all(),
        Duration.ofSeconds(30),
        "interrupted while creating the baseline topic",
        e -> "cannot create the baseline topic " + topic + ": " + e.getMessage());
    String primer = prefix + "raw-primer";
    prime(producer, topic, partitions, primer);
    try (KafkaConsumer<String, byte[]> consumer = plainConsumer()) {
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        assigned.add(new TopicPartition(topic, p));
      }
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      // One thread produces and consumes: plain collections.
      Map<String, Long> sentAt = new HashMap<>();
      Histogram latency = histogram();
      Set<String> seen = new HashSet<>();
      long bytes = 0;
      long duplicated = 0;
      long start = System.nanoTime();
      long last = start;
      int sent = 0;
      // Produce and consume in one thread, a batch at a time: both at full speed, as the pipeline.
      while (seen.size() < count) {
        int batchEnd = Math.min(count, sent + 500);
        for (; sent < batchEnd; sent++) {
          String id = prefix + "raw-" + sent;
          byte[] value = itemSerde.serialize(topic, withId(texts.get(sent % texts.size()), id));
          bytes += value.length;
          sentAt.put(id, System.nanoTime());
          producer.send(new ProducerRecord<>(topic, id, value));
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          if (primer.equals(record.key())) {
            continue;
          }
          if (!seen.add(record.key())) {
            duplicated++;
            continue;
          }
          latency.recordValue(Math.max(0, (now - sentAt.get(record.key())) / 1000));
          last = now;
        }
        progress.update("baseline", seen.size(), count, "plain producer and consumer");
        if (System.nanoTime() - last > STALL_TIMEOUT.toNanos()) {
          throw new BenchException(
              "the baseline topic stopped delivering after " + seen.size() + " items");
        }
      }
      double seconds = (last - start) / 1e9;
      return new Flow(
          count,
          seen.size(),
          0,
          count - seen.size(),
          duplicated,
          seconds,
          seen.size() / seconds,
          0,
          bytes / 1e6 / seconds,
          BenchReport.Latency.of(latency));
    } finally {
      admin.deleteTopics(List.of(topic));
    }
  }

  /**
   * Writes one record to each partition of the new {@code topic} and waits for each. An idempotent
   * producer pipelining its first batches to a partition the broker is still creating can lose
   * them: the first fails (not the leader yet), a later one is accepted as the partition's first,
   * and every retry of the first is then out of sequence until the delivery timeout (KAFKA-15591;
   * seen here as a bench stalling in its baseline). A partition that took one acknowledged write
   * has the producer's state, and checks every later write in order.
   */
  private static void prime(
      KafkaProducer<String, byte[]> producer, String topic, int partitions, String key) {
    for (int p = 0; p < partitions; p++) {
      await(
          producer.send(new ProducerRecord<>(topic, p, key, new byte[0])),
          STALL_TIMEOUT,
          "interrupted while preparing the baseline topic",
          e ->
              "cannot write to the baseline topic "
                  + topic
                  + ": "
                  + (e instanceof ExecutionException ? e.getCause() : e).getMessage());
    }
  }

  /**
   * The value of {@code future} within {@code timeout}. Interrupted, it throws a {@link
   * BenchException} saying {@code interrupted}; failed or late, one with {@code failure}'s message
   * about the exception caught ({@link ExecutionException} or {@link TimeoutException}).
   */
  private static <T> T await(
      Future<T> future, Duration timeout, String interrupted, Function<Exception, String> failure) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException(interrupted);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException(failure.apply(e));
    }
  }

  // ---------------------------------------------------------------- pipeline

  private record Measured(Flow flow, BenchReport.Resources resources, double meanBytes) {}

  private Measured pipeline(
      KafkaProducer<String, byte[]> producer, AlertReader alerts, List<NewsItem> texts) {
    long planned = settings.plannedItems();
    long intervalNanos =
        settings.rate().isPresent() ? Math.round(1e9 / settings.rate().getAsDouble()) : 0;
    long endBy =
        settings.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    ResourceSampler sampler = new ResourceSampler(probe);
    long start = System.nanoTime();
    long bytes = 0;
    long published = 0;
    long nextReport = start;
    while (published < planned) {
      long due = intervalNanos == 0 ? System.nanoTime() : start + published * intervalNanos;
      if (due > endBy || System.nanoTime() > endBy) {
        break;
      }
      while (intervalNanos > 0 && System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      String id = prefix + published;
      NewsItem item = withId(texts.get((int) (published % texts.size())), id);
      byte[] value = itemSerde.serialize(settings.topics().items(), item);
      bytes += value.length;
      alerts.expect(id, due);
      producer.send(new ProducerRecord<>(settings.topics().items(), id, value));
      published++;
      long now = System.nanoTime();
      if (now >= nextReport) {
        progress.update(
            "pipeline",
            alerts.arrived(),
            planned == Long.MAX_VALUE ? -1 : planned,
            rate(alerts.arrived(), now - start) + " items/s through, " + published + " published");
        nextReport = now + 250_000_000L;
      }
    }
    producer.flush();
    awaitArrivals(alerts, published, "pipeline", start);
    BenchReport.Resources resources = sampler.stop();
    double seconds = Math.max(1e-9, (alerts.lastArrivalNanos() - start) / 1e9);
    Flow flow =
        new Flow(
            published,
            alerts.arrived(),
            alerts.alerts(),
            published - alerts.arrived(),
            alerts.duplicated(),
            seconds,
            alerts.arrived() / seconds,
            alerts.alerts() / seconds,
            bytes / 1e6 / seconds,
            BenchReport.Latency.of(alerts.latency()));
    return new Measured(flow, resources, published == 0 ? 0 : (double) bytes / published);
  }

  private static String rate(long count, long nanos) {
    return String.format(Locale.ROOT, "%,.0f", nanos <= 0 ? 0 : count / (nanos / 1e9));
  }

  // ---------------------------------------------------------------- report

  private BenchReport report(
      Double startupSeconds, int partitions, Warmup warmup, Flow baseline, Measured pipeline) {
    boolean maxRate = settings.rate().isEmpty();
    Double fraction =
        maxRate && baseline.itemsPerSecond() > 0
            ? pipeline.flow().itemsPerSecond() / baseline.itemsPerSecond()
            : null;
    List<BenchReport.Target> targets = new ArrayList<>();
    targets.add(
        new BenchReport.Target(
            "throughput vs raw Kafka (at max rate)",
            ">= 50%",
            fraction == null ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100),
            fraction == null ? null : fraction >= 0.5));
    double p99 = pipeline.flow().latencyMs().p99();
    targets.add(
        new BenchReport.Target(
            "p99 publish-to-alert (at a fixed rate)",
            "<= 250 ms",
            maxRate ? "-" : String.format(Locale.ROOT, "%.0f ms", p99),
            maxRate ? null : p99 <= 250));
    targets.add(
        new BenchReport.Target(
            "nothing lost or duplicated",
            "0 / 0",
            pipeline.flow().lost() + " / " + pipeline.flow().duplicated(),
            pipeline.flow().lost() == 0 && pipeline.flow().duplicated() == 0));
    targets.add(
        new BenchReport.Target(
            "embedded pipeline ready",
            "<= 20 s",
            startupSeconds == null ? "-" : String.format(Locale.ROOT, "%.1f s", startupSeconds),
            startupSeconds == null ? null : startupSeconds <= 20));
    Double heap = pipeline.resources().heapUsedMaxMb();
    targets.add(
        new BenchReport.Target(
            "embedded pipeline heap in use",
            "<= 1024 MB",
            heap == null ? "-" : String.format(Locale.ROOT, "%.0f MB", heap),
            heap == null ? null : heap <= 1024));
    return new BenchReport(
        BenchReport.Machine.current(),
        new BenchReport.Run(
            settings.runId(),
            settings.bootstrapServers(),
            maxRate
                ? "max"
                : String.format(Locale.ROOT, "%.0f items/s", settings.rate().getAsDouble()),
            settings.watchlists(),
            pipeline.flow().published(),
            pipeline.meanBytes(),
            partitions,
            warmup.items(),
            warmup.seconds()),
        startupSeconds,
        baseline,
        pipeline.flow(),
        fraction,
        pipeline.resources(),
        targets);
  }

  // ---------------------------------------------------------------- clients

  private NewsItem withId(NewsItem text, String id) {
    return NewsItem.newBuilder(text).setId(id).setPublishedAt(Instant.now()).build();
  }

  private ProducerRecord<String, byte[]> itemRecord(String id, NewsItem item) {
    String topic = settings.topics().items();
    return new ProducerRecord<>(topic, id, itemSerde.serialize(topic, item));
  }

  private KafkaProducer<String, byte[]> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, prefix + "producer");
    // As ingest-service publishes: every item acknowledged by all in-sync replicas.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> plainConsumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "consumer");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static TopicDescription describe(Admin admin, String topic) {
    return await(
            admin.describeTopics(List.of(topic)).allTopicNames(),
            Duration.ofSeconds(30),
            "interrupted while looking up topic " + topic,
            e ->
                "cannot find the items topic '"
                    + topic
                    + "' ("
                    + e.getMessage()
                    + "): is the pipeline running on this cluster?")
        .get(topic);
  }

  private static Histogram histogram() {
    // Microseconds, up to an hour, three significant digits.
    return new Histogram(TimeUnit.HOURS.toMicros(1), 3);
  }

  private static void awaitQuietly(Duration atMost, BooleanSupplier done) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Math.min(20_000_000L, deadline - System.nanoTime()));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted");
      }
    }
  }

  /**
   * Reads the alerts topic from its end at creation, in a thread of its own: counts each item's
   * catch-all alert once (its arrival, its latency), every alert of the run, and repeats.
   */
  private final class AlertReader implements AutoCloseable {
    private final Map<String, Long> dueAt = new ConcurrentHashMap<>();
    private final Set<String> arrivedItems = ConcurrentHashMap.newKeySet();
    private final Set<String> alertIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong alertCount = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long lastArrival;
    private volatile Histogram latency = histogram();
    private volatile boolean running = true;
    private final Thread thread;
    private final KafkaConsumer<String, Bytes> consumer;
    private final AlertHeads heads = new AlertHeads(registry);

    AlertReader() {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "alerts");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer =
          new KafkaConsumer<>(
              config,
              new StringDeserializer(),
              new org.apache.kafka.common.serialization.BytesDeserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(settings.topics().alerts(), Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      if (partitions.isEmpty()) {
        consumer.close();
        throw new BenchException(
            "the alerts topic '" + settings.topics().alerts() + "' does not exist on this cluster");
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      thread = new Thread(this::read, "bench-alert-reader");
      thread.setDaemon(true);
      thread.start();
    }

    void expect(String itemId, long dueNanos) {
      dueAt.put(itemId, dueNanos);
    }

    long expected() {
      return dueAt.size();
    }

    long arrived() {
      return arrivedItems.size();
    }

    long alerts() {
      return alertCount.get();
    }

    long duplicated() {
      return duplicates.get();
    }

    long lastArrivalNanos() {
      return lastArrival;
    }

    Histogram latency() {
      return latency;
    }

    /** Forgets the probes: what follows is the run. */
    void reset() {
      dueAt.clear();
      arrivedItems.clear();
      alertIds.clear();
      alertCount.set(0);
      duplicates.set(0);
      latency = histogram();
    }

    private void read() {
      while (running) {
        for (ConsumerRecord<String, Bytes> record : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          if (record.value() == null) {
            continue;
          }
          AlertHeads.Head alert = heads.read(record.topic(), record.value().get());
          String itemId = alert.itemId();
          Long due = dueAt.get(itemId);
          if (due == null) {
            continue;
          }
          if (!alertIds.add(alert.alertId())) {
            duplicates.incrementAndGet();
            continue;
          }
          alertCount.incrementAndGet();
          latency.recordValue(Math.max(0, (now - due) / 1000));
          if (catchAllId.equals(alert.watchlistId()) && arrivedItems.add(itemId)) {
            lastArrival = now;
          }
        }
      }
    }

    @Override
    public void close() {
      running = false;
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      consumer.close();
    }
  }

  /** Samples the pipeline's heap every 100 ms and its CPU time from start to stop. */
  private static final class ResourceSampler {
    private final ResourceProbe probe;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private final OptionalLong startCpu;
    private final AtomicLong heapMax = new AtomicLong(-1);

    ResourceSampler(ResourceProbe probe) {
      this.probe = probe;
      this.startCpu = probe.cpuNanos();
      this.timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "bench-resource-sampler");
                thread.setDaemon(true);
                return thread;
              });
      timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
      probe.heapUsedBytes().ifPresent(used -> heapMax.accumulateAndGet(used, Math::max));
    }

    BenchReport.Resources stop() {
      timer.shutdownNow();
      sample();
      double wall = (System.nanoTime() - startNanos) / 1e9;
      OptionalLong endCpu = probe.cpuNanos();
      Double cores =
          startCpu.isPresent() && endCpu.isPresent()
              ? (endCpu.getAsLong() - startCpu.getAsLong()) / 1e9 / wall
              : null;
      Double share = cores == null ? null : cores / Runtime.getRuntime().availableProcessors();
      Double heap = heapMax.get() < 0 ? null : heapMax.get() / 1048576.0;
      Double limit =
          probe.heapMaxBytes().isPresent() ? probe.heapMaxBytes().getAsLong() / 1048576.0 : null;
      return new BenchReport.Resources(cores, share, heap, limit);
    }
  }
}
