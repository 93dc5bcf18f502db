package eu.sectoralerts.replay;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.enrich.TransientErrors;
import eu.sectoralerts.enrich.tagging.TaxonomyTagger;
import eu.sectoralerts.matcher.WatchlistIndex;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay: plans the offsets of the time range, optionally reads them once with a plain
 * consumer (the baseline), then reads them again, decoding each item (Confluent wire format) and
 * handing it to {@link ItemReplayer} on a pool of workers, and builds the {@link ReplayReport}.
 *
 * <p>Isolation: the consumers have no group (nothing is committed, no group appears on the
 * cluster), nothing is produced, the schema registry is only read, and no webhook or subscriber is
 * ever contacted: the run's only output is the report. {@link #stop()} (from a shutdown hook, say)
 * ends reading at the next poll; the workers finish the items already handed to them and the report
 * says {@code complete: false}. A record that cannot be decoded or tagged is listed in the report;
 * a registry that cannot be reached ends the run with a {@link ReplayException}.
 */
public final class ReplayEngine {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayEngine.class);

  /** The replay rate the speed target asks for, as a fraction of the baseline's. */
  public static final double TARGET_RATIO = 0.5;

  /** Records per task handed to a worker. */
  static final int CHUNK = 64;

  /** What a running replay tells about itself (on the thread that called {@link #run}). */
  public interface Listener {

    /** The offsets are planned; {@code offsets} bounds the records to read. */
    default void planned(String runId, List<PartitionRange> plan, long offsets) {}

    /** A step begins: "baseline", "indexing watchlists", "replay". */
    default void phase(String phase) {}

    /** {@code records} of the planned offsets are done in the current phase. */
    default void progress(long records, long offsets) {}
  }

  private final ReplayRequest request;
  private final Clock clock;
  private final Listener listener;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicReference<KafkaConsumer<byte[], byte[]>> active = new AtomicReference<>();

  public ReplayEngine(ReplayRequest request, Clock clock, Listener listener) {
    this.request = Objects.requireNonNull(request, "request");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Asks a running replay to stop soon; its report is then marked incomplete. Any thread. */
  public void stop() {
    stopped.set(true);
    KafkaConsumer<byte[], byte[]> consumer = active.get();
    if (consumer != null) {
      consumer.wakeup();
    }
  }

  /**
   * The id of a run: {@code rpl-} and 12 hex digits of SHA-256 over the topic, the range and the
   * digests of both taxonomies and of the watchlists, so the same inputs always get the same id
   * (and directory): replaying them again replaces that run's report.
   */
  public static String runId(ReplayRequest request) {
    String inputs =
        String.join(
            "\n",
            request.itemsTopic(),
            request.range().from().toString(),
            request.range().to().toString(),
            request.live().sha256(),
            request.candidate().sha256(),
            request.watchlists().sha256());
    return "rpl-" + Digests.sha256(inputs).substring(0, 12);
  }

  /**
   * Runs the replay and returns its report (complete unless {@link #stop()} was called).
   *
   * @throws ReplayException when the cluster or the registry cannot be used
   */
  public ReplayReport run() {
    Instant startedAt = clock.instant();
    String topic = request.itemsTopic();
    ItemsTopic.Planned planned;
    try (KafkaConsumer<byte[], byte[]> consumer =
        ItemsTopic.consumer(request, "sector-alerts-replay-plan")) {
      planned = ItemsTopic.plan(consumer, topic, request.range());
    }
    List<PartitionRange> plan = planned.ranges();
    long offsets = planned.estimate();
    String runId = request.runId().orElseGet(() -> runId(request));
    listener.planned(runId, plan, offsets);

    ReplayReport.Rate baseline = null;
    if (request.baseline() && !stopped.get()) {
      listener.phase("baseline");
      try (KafkaConsumer<byte[], byte[]> consumer =
          ItemsTopic.consumer(request, "sector-alerts-replay-baseline")) {
        active.set(consumer);
        long[] read = new long[1];
        RangeReader.Read result =
            new RangeReader(consumer, topic, request.range())
                .read(
                    plan,
                    stopped::get,
                    record -> read[0]++,
                    () -> listener.progress(read[0], offsets));
        baseline = ReplayReport.Rate.of(result.records(), result.bytes(), result.nanos());
      } catch (WakeupException e) {
        baseline = null;
      } finally {
        active.set(null);
      }
    }

    listener.phase("indexing watchlists");
    long indexing = System.nanoTime();
    ReplayAccumulator accumulator = new ReplayAccumulator();
    Map<String, String> invalid;
    try (WatchlistIndex index = WatchlistIndex.create()) {
      index.putAll(request.watchlists().watchlists());
      invalid = new TreeMap<>(index.invalid());
      int indexedMs = (int) ((System.nanoTime() - indexing) / 1_000_000);
      // Tagged items are stamped with the range's end, never the wall clock.
      Clock fixed = Clock.fixed(request.range().to(), clock.getZone());
      TaxonomyTagger live = TaxonomyTagger.compile(request.live().taxonomy(), fixed);
      TaxonomyTagger candidate =
          request.candidate().sameRulesAs(request.live())
              ? null
              : TaxonomyTagger.compile(request.candidate().taxonomy(), fixed);
      ItemReplayer replayer = new ItemReplayer(live, candidate, index);
      Deserializer<NewsItem> items =
          AvroSerde.forValues(SchemaRegistryClients.forUrl(request.registryUrl()), NewsItem.class)
              .deserializer();
      listener.phase("replay");
      RangeReader.Read read = replay(topic, plan, offsets, replayer, items, accumulator);
      ReplayReport.Rate replay =
          read == null
              ? ReplayReport.Rate.of(0, 0, 0)
              : ReplayReport.Rate.of(read.records(), read.bytes(), read.nanos());
      List<PartitionRange> covered = read == null ? plan : read.ranges();
      ReplayReport.Results results = accumulator.results(request.watchlists().watchlists());
      Double ratio =
          baseline == null || baseline.recordsPerSecond() <= 0
              ? null
              : replay.recordsPerSecond() / baseline.recordsPerSecond();
      ReplayReport.Execution execution =
          new ReplayReport.Execution(
              startedAt,
              clock.instant(),
              request.threads(),
              indexedMs,
              replay,
              baseline,
              ratio,
              TARGET_RATIO,
              ratio == null ? null : ratio >= TARGET_RATIO);
      boolean complete = read != null && read.finished();
      return new ReplayReport(complete, runId, inputs(covered, invalid), results, execution);
    }
  }

  private ReplayReport.Inputs inputs(List<PartitionRange> plan, Map<String, String> invalid) {
    WatchlistInput watchlists = request.watchlists();
    return new ReplayReport.Inputs(
        request.itemsTopic(),
        request.range().from(),
        request.range().to(),
        plan,
        ReplayReport.TaxonomyRef.of(request.live()),
        ReplayReport.TaxonomyRef.of(request.candidate()),
        new ReplayReport.WatchlistsRef(
            watchlists.source(),
            watchlists.sha256(),
            watchlists.watchlists().size(),
            watchlists.idsBySubscriber().size(),
            invalid,
            watchlists.problems()));
  }

  /** Reads and replays the range; null when stopped before reading began. */
  private RangeReader.Read replay(
      String topic,
      List<PartitionRange> plan,
      long offsets,
      ItemReplayer replayer,
      Deserializer<NewsItem> items,
      ReplayAccumulator accumulator) {
    int threads = request.threads();
    AtomicInteger workerIds = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "replay-worker-" + workerIds.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Bounded hand-over: the consumer never runs far ahead of the workers.
    Semaphore slots = new Semaphore(threads * 4);
    AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    AtomicLong done = new AtomicLong();
    RangeReader.Read read = null;
    long started = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        ItemsTopic.consumer(request, "sector-alerts-replay")) {
      active.set(consumer);
      if (stopped.get()) {
        consumer.wakeup();
      }
      List<List<ConsumerRecord<byte[], byte[]>>> chunk =
          new ArrayList<>(List.of(new ArrayList<>()));
      started = System.nanoTime();
      read =
          new RangeReader(consumer, topic, request.range())
              .read(
                  plan,
                  () -> stopped.get() || fatal.get() != null,
                  record -> {
                    accumulator.recordRead();
                    chunk.get(0).add(record);
                    if (chunk.get(0).size() == CHUNK) {
                      submit(
                          workers, slots, chunk.get(0), replayer, items, accumulator, fatal, done);
                      chunk.set(0, new ArrayList<>(CHUNK));
                    }
                  },
                  () -> {
                    if (!chunk.get(0).isEmpty()) {
                      submit(
                          workers, slots, chunk.get(0), replayer, items, accumulator, fatal, done);
                      chunk.set(0, new ArrayList<>(CHUNK));
                    }
                    listener.progress(done.get(), offsets);
                  });
    } catch (WakeupException e) {
      LOG.info("Replay stopped before the end of the range");
    } catch (KafkaException e) {
      workers.shutdownNow();
      throw new ReplayException("Reading topic '" + topic + "' failed: " + e.getMessage(), e);
    } finally {
      active.set(null);
      workers.shutdown();
      awaitWorkers(workers);
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    listener.progress(done.get(), offsets);
    if (read == null) {
      return null;
    }
    // The time to the last outcome, not just to the last record read.
    return new RangeReader.Read(
        read.ranges(), read.records(), read.bytes(), System.nanoTime() - started, read.finished());
  }

  private void submit(
      ExecutorService workers,
      Semaphore slots,
      List<ConsumerRecord<byte[], byte[]>> chunk,
      ItemReplayer replayer,
      Deserializer<NewsItem> items,
      ReplayAccumulator accumulator,
      AtomicReference<RuntimeException> fatal,
      AtomicLong done) {
    slots.acquireUninterruptibly();
    workers.execute(
        () -> {
          try {
            for (ConsumerRecord<byte[], byte[]> record : chunk) {
              if (fatal.get() == null) {
                replayOne(record, replayer, items, accumulator, fatal);
              }
              done.incrementAndGet();
            }
          } catch (Throwable e) {
            // Not one item's problem (those are caught per item): the run cannot be trusted.
            fatal.compareAndSet(null, new ReplayException("A replay worker failed: " + e, e));
            stop();
          } finally {
            slots.release();
          }
        });
  }

  private void replayOne(
      ConsumerRecord<byte[], byte[]> record,
      ItemReplayer replayer,
      Deserializer<NewsItem> items,
      ReplayAccumulator accumulator,
      AtomicReference<RuntimeException> fatal) {
    if (!request.range().contains(record.timestamp())) {
      accumulator.outsideRange();
      return;
    }
    if (record.value() == null) {
      accumulator.tombstone();
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    NewsItem item;
    try {
      item = items.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      if (TransientErrors.isTransient(e)) {
        fatal.compareAndSet(
            null,
            new ReplayException(
                "Cannot decode items: the schema registry at "
                    + request.registryUrl()
                    + " is not reachable ("
                    + e.getMessage()
                    + ")",
                e));
        stop();
        return;
      }
      accumulator.failed(
          record.partition(), record.offset(), key, "cannot be decoded: " + e.getMessage());
      return;
    }
    try {
      accumulator.add(
          replayer.replay(item, record.partition(), record.offset(), record.timestamp()));
    } catch (RuntimeException e) {
      LOG.warn(
          "Item {} at {}-{}@{} failed",
          item.getId(),
          record.topic(),
          record.partition(),
          record.offset(),
          e);
      accumulator.failed(
          record.partition(), record.offset(), item.getId(), "cannot be tagged or matched: " + e);
    }
  }

  private static void awaitWorkers(ExecutorService workers) {
    try {
      if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
        LOG.warn("Replay workers did not finish within 5 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
