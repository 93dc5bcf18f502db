package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Finds the watchlists without a keyword query that an item may match, by hash lookups: each such
 * watchlist is filed under route keys, one of which an item must have to match it, and an item
 * looks up the few dozen keys it has. The route of a watchlist is its most selective criterion: its
 * entities (any of them) when it names some; else its sector, risk, minimum level and kind combined
 * (like the monitor's combined tags); else the European-firms flag; else every item. Candidates are
 * then checked against all their criteria, so a route only has to be a necessary condition.
 *
 * <p>Most watchlists have no keyword query and most alerts come from them; the monitor would spend
 * a presearch, an index lookup and a query cache lookup on each, where a map lookup finds them.
 *
 * <p>Thread-safety: updates are the caller's to serialize; {@link #candidates} takes no lock and
 * may run during an update. Each key's watchlists are an array replaced, never changed, on update.
 * A watchlist being updated is filed under its new keys before it leaves its old ones, so a match
 * during the update finds it under one of them (and the caller checks the current version).
 */
final class StructuredRoutes {

  private static final String ANY = "*";

  /** Combined tag keys a watchlist may expand to before its widest tag is left out of them. */
  static final int MAX_TAG_KEYS = 64;

  private static final CompiledWatchlist[] NONE = new CompiledWatchlist[0];

  private final Map<String, CompiledWatchlist[]> byKey = new ConcurrentHashMap<>();

  /** The keys each watchlist is filed under; updates only. */
  private final Map<String, List<String>> keysOf = new HashMap<>();

  /** Files {@code watchlist} under its keys, replacing the version with its id. */
  void put(CompiledWatchlist watchlist) {
    List<String> keys = keys(watchlist);
    for (String key : keys) {
      byKey.merge(key, new CompiledWatchlist[] {watchlist}, StructuredRoutes::withoutIdsThenAddAll);
    }
    List<String> previous = keysOf.put(watchlist.id(), keys);
    if (previous != null) {
      for (String key : previous) {
        if (!keys.contains(key)) {
          removeFrom(key, watchlist.id());
        }
      }
    }
  }

  /** Files every watchlist of {@code batch} (distinct ids) as {@link #put} does, key by key. */
  void putAll(Collection<CompiledWatchlist> batch) {
    Map<String, List<CompiledWatchlist>> added = new HashMap<>();
    Map<String, List<String>> stale = new HashMap<>();
    for (CompiledWatchlist watchlist : batch) {
      List<String> keys = keys(watchlist);
      for (String key : keys) {
        added.computeIfAbsent(key, k -> new ArrayList<>()).add(watchlist);
      }
      List<String> previous = keysOf.put(watchlist.id(), keys);
      if (previous != null) {
        for (String key : previous) {
          if (!keys.contains(key)) {
            stale.computeIfAbsent(key, k -> new ArrayList<>()).add(watchlist.id());
          }
        }
      }
    }
    added.forEach(
        (key, watchlists) ->
            byKey.merge(key, watchlists.toArray(NONE), StructuredRoutes::withoutIdsThenAddAll));
    stale.forEach((key, ids) -> ids.forEach(id -> removeFrom(key, id)));
  }

  /** Unfiles watchlist {@code id}; nothing when it is not filed. */
  void remove(String id) {
    List<String> keys = keysOf.remove(id);
    if (keys != null) {
      for (String key : keys) {
        removeFrom(key, id);
      }
    }
  }

  /** Whether watchlist {@code id} is filed here. */
  boolean contains(String id) {
    return keysOf.containsKey(id);
  }

  /**
   * Gives {@code candidates} each watchlist filed under a key {@code item} has; one filed under
   * several of them comes several times.
   */
  void candidates(ItemFacts item, Consumer<CompiledWatchlist> candidates) {
    visit(byKey.get(ANY), candidates);
    for (String entity : item.normalizedNames()) {
      visit(byKey.get(entityKey(entity)), candidates);
    }
    if (!item.europeanFirms().isEmpty()) {
      visit(byKey.get(EUROPEAN), candidates);
    }
    List<String> sectors = withAny(item.sectors());
    List<String> risks = withAny(item.risks());
    String[] kinds = {item.kind().name(), ANY};
    RiskLevel[] levels = RiskLevel.values();
    for (String sector : sectors) {
      for (String risk : risks) {
        for (int level = 0; level <= item.level().ordinal(); level++) {
          for (String kind : kinds) {
            visit(byKey.get(tagKey(sector, risk, levels[level], kind)), candidates);
          }
        }
      }
    }
  }

  private static void visit(CompiledWatchlist[] watchlists, Consumer<CompiledWatchlist> to) {
    if (watchlists != null) {
      for (CompiledWatchlist watchlist : watchlists) {
        to.accept(watchlist);
      }
    }
  }

  private static final String EUROPEAN = "eu";

  /** The keys {@code watchlist} is filed under: one of them is a key of each item it matches. */
  static List<String> keys(CompiledWatchlist watchlist) {
    if (!watchlist.entities().isEmpty()) {
      return watchlist.entities().stream().map(StructuredRoutes::entityKey).toList();
    }
    boolean tags =
        !watchlist.sectors().isEmpty()
            || !watchlist.risks().isEmpty()
            || watchlist.minLevel() != RiskLevel.NONE
            || !watchlist.kinds().isEmpty();
    if (tags) {
      return tagKeys(watchlist);
    }
    return List.of(watchlist.europeanFirmsOnly() ? EUROPEAN : ANY);
  }

  private static List<String> tagKeys(CompiledWatchlist watchlist) {
    List<List<String>> parts =
        new ArrayList<>(
            List.of(
                orAny(watchlist.sectors()),
                orAny(watchlist.risks()),
                orAny(watchlist.kinds().stream().map(ItemKind::name).toList())));
    while (parts.stream().mapToLong(List::size).reduce(1, (a, b) -> a * b) > MAX_TAG_KEYS) {
      int widest = 0;
      for (int i = 1; i < parts.size(); i++) {
        if (parts.get(i).size() > parts.get(widest).size()) {
          widest = i;
        }
      }
      parts.set(widest, List.of(ANY));
    }
    List<String> keys = new ArrayList<>();
    for (String sector : parts.get(0)) {
      for (String risk : parts.get(1)) {
        for (String kind : parts.get(2)) {
          keys.add(tagKey(sector, risk, watchlist.minLevel(), kind));
        }
      }
    }
    return List.copyOf(keys);
  }

  private static String tagKey(String sector, String risk, RiskLevel minLevel, String kind) {
    // Tag values are ids without '|' or white space; an odd one only shares a key, never misses.
    return "t:" + sector + '|' + risk + '|' + minLevel.name() + '|' + kind;
  }

  private static String entityKey(String normalizedEntity) {
    return "e:" + normalizedEntity;
  }

  private static List<String> orAny(List<String> values) {
    return values.isEmpty() ? List.of(ANY) : values.stream().distinct().toList();
  }

  private static List<String> withAny(List<String> values) {
    List<String> all = new ArrayList<>(values.size() + 1);
    all.addAll(values);
    all.add(ANY);
    return all;
  }

  private void removeFrom(String key, String id) {
    byKey.computeIfPresent(
        key,
        (k, watchlists) -> {
          CompiledWatchlist[] kept = without(watchlists, List.of(id));
          return kept.length == 0 ? null : kept;
        });
  }

  private static CompiledWatchlist[] withoutIdsThenAddAll(
      CompiledWatchlist[] current, CompiledWatchlist[] added) {
    List<String> ids = new ArrayList<>(added.length);
    for (CompiledWatchlist watchlist : added) {
      ids.add(watchlist.id());
    }
    CompiledWatchlist[] kept = without(current, added.length > 8 ? new HashSet<>(ids) : ids);
    CompiledWatchlist[] all = Arrays.copyOf(kept, kept.length + added.length);
    System.arraycopy(added, 0, all, kept.length, added.length);
    return all;
  }

  private static CompiledWatchlist[] without(
      CompiledWatchlist[] watchlists, Collection<String> ids) {
    List<CompiledWatchlist> kept = new ArrayList<>(watchlists.length);
    for (CompiledWatchlist watchlist : watchlists) {
      if (!ids.contains(watchlist.id())) {
        kept.add(watchlist);
      }
    }
    return kept.size() == watchlists.length ? watchlists : kept.toArray(NONE);
  }
}
