package eu.sectoralerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Matching on several threads while another puts, replaces and removes watchlists: no exception,
 * the watchlists nobody touches always match as they should, and every other match reported is a
 * true match of the version reported.
 */
class ConcurrencyTest {

  private static final int MATCHING_THREADS = 3;
  private static final int UPDATES = 400;

  @Test
  void shouldMatchConsistentlyWhileAnotherThreadUpdatesTheWatchlists() throws Exception {
    List<Watchlist> stable = RandomFixtures.watchlists(300, 11L, "wl-stable-");
    List<Watchlist> versions = RandomFixtures.watchlists(200, 12L, "wl-v");
    List<TaggedItem> items = RandomFixtures.items(40, 13L);
    Map<String, MatchResult> expectedStable = new java.util.HashMap<>();
    LinearScanMatcher stableOnly = LinearScanMatcher.of(stable);
    for (TaggedItem item : items) {
      expectedStable.put(item.getItem().getId(), stableOnly.match(item));
    }
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicBoolean updating = new AtomicBoolean(true);
    AtomicInteger matched = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(MATCHING_THREADS + 1);
    try (WatchlistIndex index = WatchlistIndex.create()) {
      index.putAll(stable);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < MATCHING_THREADS; t++) {
        int offset = t;
        running.add(
            threads.submit(
                () -> {
                  await(start);
                  for (int round = 0; updating.get() || round < items.size(); round++) {
                    TaggedItem item = items.get((round + offset) % items.size());
                    check(item, index.match(item), expectedStable, problems);
                    matched.incrementAndGet();
                  }
                  return null;
                }));
      }
      running.add(
          threads.submit(
              () -> {
                await(start);
                try {
                  update(index, versions);
                } finally {
                  updating.set(false);
                }
                return null;
              }));
      start.countDown();
      for (Future<?> future : running) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(problems).isEmpty();
    assertThat(matched.get()).isGreaterThanOrEqualTo(MATCHING_THREADS * items.size());
  }

  /** Puts, replaces (sometimes by an invalid version) and removes watchlists {@code wl-c0..19}. */
  private static void update(WatchlistIndex index, List<Watchlist> versions) {
    Random random = new Random(14L);
    for (int i = 0; i < UPDATES; i++) {
      String id = "wl-c" + random.nextInt(20);
      switch (random.nextInt(5)) {
        case 0 -> index.remove(id);
        case 1 -> index.put(Fixtures.watchlist(id).setQuery("title:(broken").build());
        default -> {
          Watchlist version = versions.get(random.nextInt(versions.size()));
          index.put(Watchlist.newBuilder(version).setId(id).build());
        }
      }
    }
  }

  private static void check(
      TaggedItem item,
      MatchResult result,
      Map<String, MatchResult> expectedStable,
      Queue<String> problems) {
    String id = item.getItem().getId();
    if (!result.failures().isEmpty()) {
      problems.add(id + ": failures " + result.failures());
    }
    List<WatchlistMatch> stableMatches =
        result.matches().stream()
            .filter(m -> m.watchlist().getId().startsWith("wl-stable-"))
            .collect(Collectors.toList());
    if (!new MatchResult(stableMatches, List.of()).equals(expectedStable.get(id))) {
      problems.add(id + ": untouched watchlists matched differently");
    }
    for (WatchlistMatch match : result.matches()) {
      if (!match.watchlist().getId().startsWith("wl-stable-")) {
        MatchResult alone = LinearScanMatcher.of(List.of(match.watchlist())).match(item);
        if (!alone.equals(new MatchResult(List.of(match), List.of()))) {
          problems.add(id + ": " + match.watchlist().getId() + " reported but does not match");
        }
      }
    }
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("threads did not start");
    }
  }
}
