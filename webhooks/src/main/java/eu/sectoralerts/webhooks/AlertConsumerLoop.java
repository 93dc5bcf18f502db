package eu.sectoralerts.webhooks;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.common.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's consumer thread. On assignment of alerts partition p it reads partition p of the
 * deliveries topic to its end and hands those deliveries to the {@link DeliveryEngine} (which
 * resumes the pending ones); only then does it go on polling. For each new alert whose watchlist
 * has a webhook it writes a PENDING delivery to partition p of the deliveries topic, and commits
 * the alerts offsets of a batch only once all its writes are acknowledged: an alert is either
 * consumed again or has its delivery on the topic. On revocation it stops the partition's
 * deliveries and waits (bounded) for their running attempts to be recorded, so the next owner
 * starts from their outcome.
 */
final class AlertConsumerLoop implements Runnable, ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(AlertConsumerLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<byte[], byte[]> consumer;
  private final Consumer<byte[], byte[]> loader;
  private final Topic<String, Alert> alerts;
  private final Topic<String, WebhookDelivery> deliveries;
  private final DeliveryEngine engine;
  private final DeliveryLog log;
  private final WatchlistLookup watchlists;
  private final Function<Alert, String> payload;
  private final WebhookSettings settings;
  private final Clock clock;
  private final String service;
  private final Duration revokeWait;
  private final Duration closeGrace;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile boolean ready;

  AlertConsumerLoop(
      Consumer<byte[], byte[]> consumer,
      Consumer<byte[], byte[]> loader,
      Topic<String, Alert> alerts,
      Topic<String, WebhookDelivery> deliveries,
      DeliveryEngine engine,
      DeliveryLog log,
      WatchlistLookup watchlists,
      Function<Alert, String> payload,
      WebhookSettings settings,
      Clock clock,
      String service,
      Duration closeGrace) {
    this.consumer = consumer;
    this.loader = loader;
    this.alerts = alerts;
    this.deliveries = deliveries;
    this.engine = engine;
    this.log = log;
    this.watchlists = watchlists;
    this.payload = payload;
    this.settings = settings;
    this.clock = clock;
    this.service = service;
    this.closeGrace = closeGrace;
    this.revokeWait = settings.requestTimeout().plusSeconds(10);
  }

  /** Whether the partitions assigned last have been loaded. */
  boolean isReady() {
    return ready && running;
  }

  /** Asks the thread to stop; it leaves the group and closes its consumers. */
  void stop() {
    running = false;
    stopRequested.countDown();
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(alerts.name()), this);
      while (running) {
        try {
          handle(consumer.poll(POLL));
        } catch (WakeupException e) {
          // stop() was called
        } catch (KafkaException e) {
          if (!running) {
            break;
          }
          LOG.warn("Reading alerts for webhooks failed, retrying: {}", e.toString());
          pause();
        }
      }
    } catch (RuntimeException e) {
      LOG.error("The webhook dispatcher's consumer stopped", e);
    } finally {
      ready = false;
      try {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        LOG.warn("Closing the alerts consumer failed: {}", e.toString());
      }
      try {
        loader.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        LOG.warn("Closing the deliveries reader failed: {}", e.toString());
      }
    }
  }

  // ---- one batch of alerts ----

  private record Pending(
      ConsumerRecord<byte[], byte[]> record,
      DeliveryEngine.Entry entry,
      CompletableFuture<RecordMetadata> write) {}

  private void handle(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    List<CompletableFuture<RecordMetadata>> letters = new ArrayList<>();
    Set<String> inBatch = new HashSet<>();
    int tooOld = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      first.putIfAbsent(tp, r.offset());
      commits.put(tp, new OffsetAndMetadata(r.offset() + 1));
      // Alerts are keyed by subscriber: one with no webhook anywhere needs no decoding. (A record
      // that cannot be decoded is still dead-lettered, by the inbox that files every alert.)
      if (r.key() != null
          && !watchlists.anyWebhookOf(new String(r.key(), StandardCharsets.UTF_8))) {
        continue;
      }
      Alert alert;
      try {
        alert = alerts.valueSerde().deserializer().deserialize(r.topic(), r.value());
      } catch (RuntimeException e) {
        letters.add(deadLetter(r, "DESERIALIZATION", "Cannot read the alert: " + reason(e)));
        continue;
      }
      if (alert == null || engine.knows(alert.getId()) || !inBatch.add(alert.getId())) {
        continue;
      }
      Optional<Watchlist> watchlist = watchlists.find(alert.getWatchlistId());
      if (watchlist.isEmpty() || watchlist.get().getWebhook() == null) {
        continue;
      }
      if (!WebhookIds.isValid(alert.getId())) {
        letters.add(
            deadLetter(
                r,
                DeliveryEngine.DELIVERY_ERROR,
                "Alert id cannot be sent as a webhook-id (letters, digits, - and _ only)"));
        continue;
      }
      if (alert.getCreatedAt().plus(settings.giveUpAfter()).isBefore(now)) {
        tooOld++;
        continue;
      }
      String body;
      try {
        body = Objects.requireNonNull(payload.apply(alert), "the payload renderer returned null");
      } catch (RuntimeException e) {
        letters.add(
            deadLetter(
                r,
                DeliveryEngine.DELIVERY_ERROR,
                "Cannot render the webhook payload of alert " + alert.getId() + ": " + reason(e)));
        continue;
      }
      WebhookDelivery delivery =
          WebhookDelivery.newBuilder()
              .setId(alert.getId())
              .setSubscriberId(alert.getSubscriberId())
              .setWatchlistId(alert.getWatchlistId())
              .setStatus(DeliveryStatus.PENDING)
              .setPayload(body)
              .setAttempts(List.of())
              .setNextAttemptAt(now)
              .setCreatedAt(now)
              .setUpdatedAt(now)
              .build();
      DeliveryEngine.Entry entry = new DeliveryEngine.Entry(r.partition(), r.offset(), delivery);
      pending.add(new Pending(r, entry, log.writeDelivery(r.partition(), r.offset(), delivery)));
    }
    if (tooOld > 0) {
      LOG.info(
          "Skipped {} alerts older than the webhook give-up age {}",
          tooOld,
          settings.giveUpAfter());
    }
    boolean allWritten = true;
    List<DeliveryEngine.Entry> written = new ArrayList<>();
    for (Pending p : pending) {
      try {
        p.write().get();
        written.add(p.entry());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RecordTooLargeException
            || cause instanceof RecordBatchTooLargeException
            || cause instanceof SerializationException) {
          letters.add(
              deadLetter(
                  p.record(),
                  DeliveryEngine.DELIVERY_ERROR,
                  "Cannot record the webhook delivery of alert "
                      + p.entry().id
                      + ": "
                      + reason(cause)));
        } else {
          LOG.warn(
              "Could not record the webhook delivery of {}: {}", p.entry().id, cause.toString());
          allWritten = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        allWritten = false;
      }
    }
    for (CompletableFuture<RecordMetadata> letter : letters) {
      try {
        letter.get();
      } catch (ExecutionException e) {
        LOG.warn("Could not write a dead letter: {}", e.getCause().toString());
        allWritten = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        allWritten = false;
      }
    }
    // Written deliveries are adopted in any case: they are on the topic now.
    engine.adopt(written);
    if (!allWritten) {
      // Read the batch again; alerts whose delivery was written are known by then.
      first.forEach(consumer::seek);
      return;
    }
    try {
      consumer.commitSync(commits);
    } catch (KafkaException e) {
      if (e instanceof WakeupException) {
        throw e;
      }
      // The next owner reads these alerts again and finds their deliveries on the topic.
      LOG.warn("Could not commit alert offsets for webhooks: {}", e.toString());
    }
  }

  private CompletableFuture<RecordMetadata> deadLetter(
      ConsumerRecord<byte[], byte[]> r, String errorType, String reason) {
    LOG.warn("Alert at {}-{}@{} dead-lettered: {}", r.topic(), r.partition(), r.offset(), reason);
    DeadLetter letter =
        new DeadLetter(
            r.topic(),
            r.partition(),
            r.offset(),
            r.key() == null ? null : ByteBuffer.wrap(r.key()),
            r.value() == null ? null : ByteBuffer.wrap(r.value()),
            reason,
            errorType,
            service,
            clock.instant());
    return log.writeDeadLetter(r.key(), letter);
  }

  // ---- rebalances ----

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    ready = false;
    Set<Integer> numbers = numbers(partitions);
    while (running && !numbers.isEmpty()) {
      try {
        load(numbers);
        break;
      } catch (KafkaException | IllegalStateException e) {
        LOG.warn(
            "Loading the webhook deliveries of partitions {} failed, retrying: {}",
            numbers,
            e.toString());
        pause();
      }
    }
    ready = true;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    release(numbers(partitions), running ? revokeWait : closeGrace);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    release(numbers(partitions), Duration.ZERO);
  }

  private void release(Set<Integer> numbers, Duration wait) {
    if (numbers.isEmpty()) {
      return;
    }
    try {
      engine.release(numbers).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "Webhook attempts of partitions {} still running after {}; their next owner may repeat"
              + " them",
          numbers,
          wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("Releasing webhook partitions {} failed: {}", numbers, e.getCause().toString());
    }
    engine.forget(numbers);
  }

  private void load(Set<Integer> numbers) {
    List<TopicPartition> tps =
        numbers.stream().map(p -> new TopicPartition(deliveries.name(), p)).toList();
    long started = System.nanoTime();
    loader.assign(tps);
    try {
      loader.seekToBeginning(tps);
      Map<TopicPartition, Long> end = loader.endOffsets(tps, LOAD_TIMEOUT);
      long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
      Map<String, DeliveryEngine.Entry> latest = new HashMap<>();
      while (!reached(end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + deliveries.name() + " " + numbers + " within " + LOAD_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : loader.poll(POLL)) {
          read(r, latest);
        }
      }
      engine.adopt(latest.values());
      long pendingCount =
          latest.values().stream().filter(e -> e.current.getNextAttemptAt() != null).count();
      LOG.info(
          "Loaded {} webhook deliveries of partitions {} ({} with an attempt due) in {} ms",
          latest.size(),
          numbers,
          pendingCount,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } finally {
      loader.unsubscribe();
    }
  }

  private void read(ConsumerRecord<byte[], byte[]> r, Map<String, DeliveryEngine.Entry> latest) {
    String key;
    WebhookDelivery delivery;
    try {
      key = deliveries.keySerde().deserializer().deserialize(r.topic(), r.key());
      delivery = deliveries.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.error(
          "Skipping unreadable webhook delivery at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          reason(e));
      return;
    }
    if (key == null) {
      return;
    }
    if (delivery == null) {
      latest.remove(key);
    } else {
      latest.put(
          key,
          new DeliveryEngine.Entry(r.partition(), DeliveryLog.alertOffset(r.headers()), delivery));
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (loader.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void pause() {
    try {
      stopRequested.await(PAUSE_AFTER_ERROR.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }
}
