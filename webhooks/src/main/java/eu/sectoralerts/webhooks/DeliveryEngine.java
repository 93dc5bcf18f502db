package eu.sectoralerts.webhooks;

import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.DeliveryAttempt;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.avro.WebhookTarget;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules and runs the attempts of the deliveries this instance owns. All state changes happen on
 * one scheduler thread, which never blocks: timers wake deliveries when their attempt is due, due
 * deliveries queue per endpoint, and an attempt starts when both the global and the endpoint's
 * in-flight caps have room (endpoints take turns, so one slow endpoint's backlog does not hold up
 * others). The watchlist lookup, the URL check (with its DNS lookup) and the signing run on a
 * worker; the POST itself is asynchronous. A delivery waiting for its next attempt holds no thread.
 * After every attempt the updated delivery record (and, when it gives up, the dead letter before
 * it) is written and acknowledged before the delivery's next step is scheduled.
 */
final class DeliveryEngine {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
  private static final Duration WRITE_RETRY = Duration.ofSeconds(1);
  private static final Duration SEND_MARGIN = Duration.ofSeconds(5);
  private static final Duration REDELIVER_WAIT = Duration.ofSeconds(30);
  private static final String NO_ENDPOINT = "(no webhook)";
  static final String DELIVERY_ERROR = "DELIVERY";

  enum Phase {
    /** Ended, or not yet scheduled. */
    IDLE,
    /** Waiting for its timer. */
    TIMED,
    /** Due, waiting for room under the in-flight caps. */
    QUEUED,
    /** An attempt is running. */
    SENDING,
    /** Its new state is being written. */
    WRITING
  }

  /** One delivery this instance owns. */
  static final class Entry {
    final String id;
    final int partition;
    final long alertOffset;
    volatile WebhookDelivery current;
    // The fields below are only touched on the scheduler thread.
    boolean active = true;
    Phase phase = Phase.IDLE;
    ScheduledFuture<?> timer;
    boolean redeliverAfterwards;

    Entry(int partition, long alertOffset, WebhookDelivery current) {
      this.id = current.getId();
      this.partition = partition;
      this.alertOffset = alertOffset;
      this.current = current;
    }
  }

  /** How an attempt ended: the watchlist was gone (cancelled) or a recorded attempt. */
  private record AttemptResult(boolean cancelled, DeliveryAttempt attempt) {}

  private final WebhookSettings settings;
  private final RetryPolicy policy;
  private final WatchlistLookup watchlists;
  private final WebhookSender sender;
  private final AddressResolver resolver;
  private final Clock clock;
  private final DeliveryLog log;
  private final String alertsTopic;
  private final String service;
  private final ScheduledExecutorService loop;
  private final ExecutorService workers;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  // Scheduler-thread state.
  private final Map<String, ArrayDeque<Entry>> queued = new HashMap<>();
  private final LinkedHashSet<String> runnable = new LinkedHashSet<>();
  private final Map<String, Integer> inFlightByEndpoint = new HashMap<>();
  private final Map<Integer, Integer> busyByPartition = new HashMap<>();
  private final Map<Integer, CompletableFuture<Void>> drains = new HashMap<>();
  private int inFlight;
  private int busy;
  private boolean closing;
  private CompletableFuture<Void> closeDrain;

  DeliveryEngine(
      WebhookSettings settings,
      RetryPolicy policy,
      WatchlistLookup watchlists,
      WebhookSender sender,
      AddressResolver resolver,
      Clock clock,
      DeliveryLog log,
      String alertsTopic,
      String service) {
    this.settings = settings;
    this.policy = policy;
    this.watchlists = watchlists;
    this.sender = sender;
    this.resolver = resolver;
    this.clock = clock;
    this.log = log;
    this.alertsTopic = alertsTopic;
    this.service = service;
    this.loop = Executors.newSingleThreadScheduledExecutor(named("webhooks-scheduler-" + service));
    this.workers = Executors.newCachedThreadPool(named("webhooks-attempt-" + service));
  }

  // ---- called from other threads ----

  /** Whether a delivery with this id exists (on the partitions this instance owns). */
  boolean knows(String id) {
    return entries.containsKey(id);
  }

  /** Takes over deliveries (new or loaded) and schedules those with an attempt due. */
  void adopt(Collection<Entry> adopted) {
    if (adopted.isEmpty()) {
      return;
    }
    List<Entry> copy = List.copyOf(adopted);
    copy.forEach(e -> entries.put(e.id, e));
    onLoop(() -> copy.forEach(this::schedule));
  }

  /**
   * Stops scheduling the deliveries of these partitions; the future completes once their running
   * attempts have finished and been written.
   */
  CompletableFuture<Void> release(Set<Integer> partitions) {
    CompletableFuture<Void> released = new CompletableFuture<>();
    boolean submitted =
        onLoop(
            () -> {
              for (Entry e : entries.values()) {
                if (partitions.contains(e.partition)) {
                  deactivate(e);
                }
              }
              List<CompletableFuture<Void>> waits = new ArrayList<>();
              for (int p : partitions) {
                if (busyByPartition.getOrDefault(p, 0) > 0) {
                  waits.add(drains.computeIfAbsent(p, k -> new CompletableFuture<>()));
                }
              }
              CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                  .whenComplete((ok, error) -> released.complete(null));
            });
    if (!submitted) {
      released.complete(null);
    }
    return released;
  }

  /** Forgets the deliveries of these partitions (after {@link #release}). */
  void forget(Set<Integer> partitions) {
    entries.values().removeIf(e -> partitions.contains(e.partition));
  }

  Optional<WebhookDelivery> get(String id) {
    Entry e = entries.get(id);
    return e == null ? Optional.empty() : Optional.of(e.current);
  }

  List<WebhookDelivery> list(String subscriberId, Optional<String> watchlistId, int limit) {
    return entries.values().stream()
        .map(e -> e.current)
        .filter(d -> d.getSubscriberId().equals(subscriberId))
        .filter(d -> watchlistId.isEmpty() || d.getWatchlistId().equals(watchlistId.get()))
        .sorted(
            Comparator.comparing(WebhookDelivery::getCreatedAt)
                .reversed()
                .thenComparing(WebhookDelivery::getId))
        .limit(limit)
        .toList();
  }

  WebhookDelivery redeliver(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new NoSuchElementException("There is no webhook delivery " + id);
    }
    CompletableFuture<WebhookDelivery> result = new CompletableFuture<>();
    if (!onLoop(() -> redeliverOnLoop(e, result))) {
      throw new IllegalStateException("The webhook dispatcher is closing");
    }
    try {
      return result.get(REDELIVER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking for a redelivery of " + id, ex);
    } catch (ExecutionException ex) {
      throw new IllegalStateException(
          "Could not schedule a redelivery of " + id + ": " + ex.getCause().getMessage(),
          ex.getCause());
    } catch (TimeoutException ex) {
      throw new IllegalStateException(
          "Could not record a redelivery of " + id + " within " + REDELIVER_WAIT, ex);
    }
  }

  /**
   * Stops scheduling, waits up to {@code grace} for running attempts to finish and be written, then
   * stops the threads. Attempts still running stay pending on the topic and run again after the
   * next start.
   */
  void close(Duration grace) {
    CompletableFuture<Void> drained = new CompletableFuture<>();
    boolean submitted =
        onLoop(
            () -> {
              closing = true;
              for (Entry e : entries.values()) {
                if (e.timer != null) {
                  e.timer.cancel(false);
                  e.timer = null;
                }
              }
              queued.clear();
              runnable.clear();
              if (busy == 0) {
                drained.complete(null);
              } else {
                closeDrain = drained;
              }
            });
    if (submitted) {
      try {
        drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.warn(
            "Webhook attempts still running after {}; they stay pending and run again after the"
                + " next start",
            grace);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        LOG.warn("Waiting for webhook attempts failed: {}", e.getCause().toString());
      }
    }
    loop.shutdownNow();
    workers.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- scheduler thread ----

  private void schedule(Entry e) {
    if (!e.active || closing || e.phase != Phase.IDLE) {
      return;
    }
    Instant at = e.current.getNextAttemptAt();
    if (at == null) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    e.phase = Phase.TIMED;
    e.timer = loop.schedule(guarded(() -> due(e)), delay, TimeUnit.MILLISECONDS);
  }

  private void due(Entry e) {
    if (e.phase != Phase.TIMED || !e.active || closing) {
      return;
    }
    e.timer = null;
    String endpoint = endpointOf(e.current);
    e.phase = Phase.QUEUED;
    queued.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).add(e);
    if (hasRoom(endpoint)) {
      runnable.add(endpoint);
    }
    pump();
  }

  private String endpointOf(WebhookDelivery d) {
    try {
      return watchlists
          .find(d.getWatchlistId())
          .map(Watchlist::getWebhook)
          .map(t -> WebhookUrls.endpointOf(t.getUrl()))
          .orElse(NO_ENDPOINT);
    } catch (RuntimeException ex) {
      // The attempt looks the watchlist up again and records what fails.
      return NO_ENDPOINT;
    }
  }

  private boolean hasRoom(String endpoint) {
    return inFlightByEndpoint.getOrDefault(endpoint, 0) < settings.maxInFlightPerEndpoint();
  }

  private void pump() {
    while (!closing && inFlight < settings.maxInFlight() && !runnable.isEmpty()) {
      Iterator<String> it = runnable.iterator();
      String endpoint = it.next();
      it.remove();
      ArrayDeque<Entry> queue = queued.get(endpoint);
      Entry next = null;
      while (queue != null && !queue.isEmpty() && next == null) {
        Entry candidate = queue.poll();
        if (candidate.active && candidate.phase == Phase.QUEUED) {
          next = candidate;
        }
      }
      if (next == null) {
        queued.remove(endpoint);
        continue;
      }
      start(next, endpoint);
      if (queue.isEmpty()) {
        queued.remove(endpoint);
      } else if (hasRoom(endpoint)) {
        runnable.add(endpoint); // at the end: endpoints take turns
      }
    }
  }

  private void start(Entry e, String endpoint) {
    inFlight++;
    inFlightByEndpoint.merge(endpoint, 1, Integer::sum);
    busy(e.partition, 1);
    e.phase = Phase.SENDING;
    WebhookDelivery d = e.current;
    boolean redelivery = d.getStatus() != DeliveryStatus.PENDING;
    CompletableFuture<AttemptResult> attempt;
    try {
      attempt =
          CompletableFuture.supplyAsync(() -> attempt(d, redelivery), workers).thenCompose(f -> f);
    } catch (RejectedExecutionException ex) {
      attempt = CompletableFuture.failedFuture(ex);
    }
    Instant started = clock.instant();
    attempt.whenComplete(
        (result, error) -> {
          AttemptResult outcome =
              result != null
                  ? result
                  : new AttemptResult(
                      false,
                      attempt(
                          started,
                          "",
                          SendResult.failed(
                              "attempt failed: "
                                  + HttpWebhookSender.describe(error, settings.requestTimeout())),
                          0,
                          redelivery));
          if (!onLoop(() -> finished(e, endpoint, outcome))) {
            LOG.debug("Attempt of {} ended after the dispatcher closed", e.id);
          }
        });
  }

  /** Runs on a worker: current watchlist, URL check, signing, then the asynchronous POST. */
  private CompletableFuture<AttemptResult> attempt(WebhookDelivery d, boolean redelivery) {
    Instant started = clock.instant();
    Optional<WebhookTarget> target = watchlists.find(d.getWatchlistId()).map(Watchlist::getWebhook);
    if (target.isEmpty()) {
      return CompletableFuture.completedFuture(new AttemptResult(true, null));
    }
    String url = target.get().getUrl();
    Optional<String> problem = WebhookUrls.problem(url, settings, resolver);
    if (problem.isPresent()) {
      return done(started, url, SendResult.failed("URL refused: " + problem.get()), redelivery);
    }
    String secret = target.get().getSecret();
    if (!WebhookSecrets.isWellFormed(secret)) {
      return done(
          started, url, SendResult.failed("the webhook's signing secret is malformed"), redelivery);
    }
    long timestamp = clock.instant().getEpochSecond();
    byte[] body = d.getPayload().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", d.getId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", WebhookSignatures.sign(secret, d.getId(), timestamp, body));
    headers.put("content-type", "application/json");
    headers.put("user-agent", "sector-alerts-webhooks/1");
    long t0 = System.nanoTime();
    Duration timeout = settings.requestTimeout();
    CompletableFuture<SendResult> sent;
    try {
      sent = sender.send(URI.create(url), Map.copyOf(headers), body, timeout);
    } catch (RuntimeException ex) {
      sent = CompletableFuture.failedFuture(ex);
    }
    return sent.toCompletableFuture()
        .orTimeout(timeout.plus(SEND_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (result, error) -> {
              long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
              SendResult r =
                  result != null
                      ? result
                      : SendResult.failed(HttpWebhookSender.describe(error, timeout));
              return new AttemptResult(false, attempt(started, url, r, ms, redelivery));
            });
  }

  private static CompletableFuture<AttemptResult> done(
      Instant started, String url, SendResult result, boolean redelivery) {
    return CompletableFuture.completedFuture(
        new AttemptResult(false, attempt(started, url, result, 0, redelivery)));
  }

  private static DeliveryAttempt attempt(
      Instant at, String url, SendResult result, long durationMs, boolean redelivery) {
    return DeliveryAttempt.newBuilder()
        .setAttemptedAt(at)
        .setUrl(url)
        .setStatusCode(result.statusCode())
        .setError(result.error())
        .setDurationMs(durationMs)
        .setRedelivery(redelivery)
        .build();
  }

  private void finished(Entry e, String endpoint, AttemptResult result) {
    inFlight--;
    int left = inFlightByEndpoint.merge(endpoint, -1, Integer::sum);
    if (left <= 0) {
      inFlightByEndpoint.remove(endpoint);
    }
    if (queued.containsKey(endpoint)) {
      runnable.add(endpoint);
    }
    e.phase = Phase.WRITING;
    Instant now = clock.instant();
    if (result.cancelled()) {
      LOG.info("Webhook delivery {} cancelled: its watchlist or webhook is gone", e.id);
      persist(e, DeliveryTransitions.cancelled(e.current, now), Optional.empty());
    } else {
      DeliveryTransitions.Step step =
          DeliveryTransitions.afterAttempt(e.current, result.attempt(), now, policy);
      if (step.deadLetterReason().isPresent()) {
        LOG.warn("{}", step.deadLetterReason().get());
      }
      persist(e, step.next(), step.deadLetterReason());
    }
    pump();
  }

  /** Writes the dead letter (if any), then the delivery; then the delivery's next step. */
  private void persist(Entry e, WebhookDelivery next, Optional<String> deadLetterReason) {
    if (deadLetterReason.isPresent()) {
      byte[] key = next.getSubscriberId().getBytes(StandardCharsets.UTF_8);
      // The alert's key is the subscriber id; its value stays on the alerts topic at the offset.
      DeadLetter letter =
          new DeadLetter(
              alertsTopic,
              e.partition,
              e.alertOffset,
              ByteBuffer.wrap(key),
              null,
              deadLetterReason.get(),
              DELIVERY_ERROR,
              service,
              clock.instant());
      // The letter first: should the process stop in between, the delivery is still pending and
      // gives up (and dead-letters) again, rather than being given up without a letter.
      log.writeDeadLetter(key, letter)
          .whenComplete(
              (ok, error) ->
                  onLoop(
                      () -> {
                        if (error == null) {
                          persist(e, next, Optional.empty());
                        } else {
                          writeFailed(e, next, deadLetterReason, error);
                        }
                      }));
      return;
    }
    log.writeDelivery(e.partition, e.alertOffset, next)
        .whenComplete(
            (ok, error) ->
                onLoop(
                    () -> {
                      if (error == null) {
                        written(e, next);
                      } else {
                        writeFailed(e, next, Optional.empty(), error);
                      }
                    }));
  }

  private void writeFailed(
      Entry e, WebhookDelivery next, Optional<String> deadLetterReason, Throwable error) {
    if (closing) {
      LOG.warn(
          "Could not record delivery {} while closing ({}); it runs again after the next start",
          e.id,
          error.toString());
      settle(e);
      return;
    }
    LOG.warn("Could not record delivery {}, retrying: {}", e.id, error.toString());
    loop.schedule(
        guarded(() -> persist(e, next, deadLetterReason)),
        WRITE_RETRY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void written(Entry e, WebhookDelivery next) {
    e.current = next;
    settle(e);
    if (e.redeliverAfterwards && e.active && !closing) {
      e.redeliverAfterwards = false;
      requestNow(e, new CompletableFuture<>());
    } else {
      schedule(e);
    }
  }

  private void settle(Entry e) {
    e.phase = Phase.IDLE;
    busy(e.partition, -1);
  }

  private void redeliverOnLoop(Entry e, CompletableFuture<WebhookDelivery> result) {
    if (!e.active || closing) {
      result.completeExceptionally(
          new IllegalStateException("delivery " + e.id + " is no longer handled here"));
      return;
    }
    switch (e.phase) {
      case SENDING, WRITING -> {
        e.redeliverAfterwards = true;
        result.complete(e.current);
      }
      case QUEUED -> result.complete(e.current);
      case TIMED -> {
        e.timer.cancel(false);
        e.timer = null;
        e.phase = Phase.IDLE;
        requestNow(e, result);
      }
      case IDLE -> requestNow(e, result);
      default -> throw new IllegalStateException("unknown phase " + e.phase);
    }
  }

  /** Records that an attempt is due now, then schedules it. */
  private void requestNow(Entry e, CompletableFuture<WebhookDelivery> result) {
    WebhookDelivery next = DeliveryTransitions.dueNow(e.current, clock.instant());
    e.phase = Phase.WRITING;
    busy(e.partition, 1);
    log.writeDelivery(e.partition, e.alertOffset, next)
        .whenComplete(
            (ok, error) ->
                onLoop(
                    () -> {
                      if (error == null) {
                        e.current = next;
                      }
                      settle(e);
                      schedule(e);
                      if (error == null) {
                        result.complete(next);
                      } else {
                        result.completeExceptionally(error);
                      }
                    }));
  }

  private void deactivate(Entry e) {
    e.active = false;
    if (e.timer != null) {
      e.timer.cancel(false);
      e.timer = null;
    }
    if (e.phase == Phase.TIMED || e.phase == Phase.QUEUED) {
      e.phase = Phase.IDLE;
    }
  }

  private void busy(int partition, int delta) {
    busy += delta;
    int now = busyByPartition.merge(partition, delta, Integer::sum);
    if (now <= 0) {
      busyByPartition.remove(partition);
      CompletableFuture<Void> drain = drains.remove(partition);
      if (drain != null) {
        drain.complete(null);
      }
    }
    if (busy == 0 && closeDrain != null) {
      closeDrain.complete(null);
    }
  }

  /** Runs {@code task} on the scheduler thread; false when it no longer runs. */
  private boolean onLoop(Runnable task) {
    try {
      loop.execute(guarded(task));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("Webhook scheduler task failed", e);
      }
    };
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
