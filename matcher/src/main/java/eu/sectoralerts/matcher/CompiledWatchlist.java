package eu.sectoralerts.matcher;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * A watchlist ready to be checked: entity names normalised, keyword query parsed. Checks the
 * criteria in Java (cheap) before running the keyword query (not), and builds the reasons.
 */
final class CompiledWatchlist {

  final Watchlist watchlist;
  private final List<String> sectors;
  private final List<String> risks;
  private final RiskLevel minLevel;
  private final List<ItemKind> kinds;
  private final Set<String> entities;
  private final boolean europeanFirmsOnly;
  private final Query keywords;
  private final KeywordSearch.Plan plan;

  /** Set once a newer version replaced this one, or it was removed: then look the id up. */
  private volatile boolean retired;

  private CompiledWatchlist(
      Watchlist watchlist, Set<String> entities, Query keywords, KeywordSearch.Leaves leaves) {
    // A copy: Avro records are mutable, and this one is kept and handed out with every match.
    this.watchlist = Watchlist.newBuilder(watchlist).build();
    this.sectors = List.copyOf(watchlist.getSectors());
    this.risks = List.copyOf(watchlist.getRisks());
    this.minLevel = watchlist.getMinLevel();
    this.kinds = List.copyOf(watchlist.getKinds());
    this.entities = Set.copyOf(entities);
    this.europeanFirmsOnly = watchlist.getEuropeanFirmsOnly();
    this.keywords = keywords;
    this.plan = keywords == null ? null : KeywordSearch.planOnce(keywords, leaves);
  }

  /**
   * {@code watchlist} compiled, its query parsed by {@code parser}.
   *
   * @throws InvalidWatchlistException naming the criterion that is wrong
   */
  static CompiledWatchlist compile(
      Watchlist watchlist, Function<String, Query> parser, KeywordSearch.Leaves leaves) {
    Objects.requireNonNull(watchlist, "watchlist");
    Objects.requireNonNull(leaves, "leaves");
    checkValues("sectors", watchlist.getSectors());
    checkValues("risks", watchlist.getRisks());
    checkValues("entities", watchlist.getEntities());
    Set<String> entities = new LinkedHashSet<>();
    for (String name : watchlist.getEntities()) {
      String key = Entities.normalize(name);
      if (key.isEmpty()) {
        throw new InvalidWatchlistException(
            "entities: '" + name + "' has no letter or digit to compare");
      }
      entities.add(key);
    }
    Query keywords = null;
    if (watchlist.getQuery() != null) {
      try {
        keywords = parser.apply(watchlist.getQuery());
      } catch (InvalidQueryException e) {
        throw new InvalidWatchlistException("query: " + e.getMessage());
      }
    }
    return new CompiledWatchlist(watchlist, entities, keywords, leaves);
  }

  /** Values a watchlist may list per criterion. */
  static final int MAX_VALUES = 500;

  private static void checkValues(String criterion, List<String> values) {
    if (values.size() > MAX_VALUES) {
      throw new InvalidWatchlistException(
          criterion + ": " + values.size() + " values, at most " + MAX_VALUES);
    }
    for (String value : values) {
      if (value.length() > MonitorSchema.MAX_KEYWORD_LENGTH) {
        throw new InvalidWatchlistException(
            criterion
                + ": a value is too long ("
                + value.length()
                + " characters, at most "
                + MonitorSchema.MAX_KEYWORD_LENGTH
                + ")");
      }
    }
  }

  /** Marks this version as no longer current. */
  void retire() {
    retired = true;
  }

  /** Whether a newer version replaced this one, or it was removed. */
  boolean retired() {
    return retired;
  }

  String id() {
    return watchlist.getId();
  }

  List<String> sectors() {
    return sectors;
  }

  List<String> risks() {
    return risks;
  }

  RiskLevel minLevel() {
    return minLevel;
  }

  List<ItemKind> kinds() {
    return kinds;
  }

  Set<String> entities() {
    return entities;
  }

  boolean europeanFirmsOnly() {
    return europeanFirmsOnly;
  }

  /** The parsed keyword query, or null when the watchlist has none. */
  Query keywords() {
    return keywords;
  }

  /**
   * The reasons {@code item} matches, or null when it does not; the keyword query only runs when
   * every other criterion holds.
   *
   * @throws IOException or a runtime exception when the keyword query cannot run
   */
  List<MatchReason> reasons(ItemFacts item, KeywordSearch search) throws IOException {
    List<MatchReason> reasons = new ArrayList<>(4);
    if (!sectors.isEmpty()) {
      List<String> matched = common(item.sectors(), sectors);
      if (matched.isEmpty()) {
        return null;
      }
      reasons.add(reason("sectors", matched));
    }
    if (!risks.isEmpty()) {
      List<String> matched = common(item.risks(), risks);
      if (matched.isEmpty()) {
        return null;
      }
      reasons.add(reason("risks", matched));
    }
    if (minLevel != RiskLevel.NONE) {
      if (item.level().compareTo(minLevel) < 0) {
        return null;
      }
      reasons.add(reason("minLevel", List.of(item.level().name())));
    }
    if (!kinds.isEmpty()) {
      if (!kinds.contains(item.kind())) {
        return null;
      }
      reasons.add(reason("kinds", List.of(item.kind().name())));
    }
    if (!entities.isEmpty()) {
      List<String> matched = new ArrayList<>(2);
      item.names()
          .forEach(
              (name, key) -> {
                if (entities.contains(key)) {
                  matched.add(name);
                }
              });
      if (matched.isEmpty()) {
        return null;
      }
      reasons.add(reason("entities", matched));
    }
    if (europeanFirmsOnly) {
      if (item.europeanFirms().isEmpty()) {
        return null;
      }
      reasons.add(reason("europeanFirmsOnly", item.europeanFirms()));
    }
    if (keywords != null) {
      MatchReason query = search.reason(keywords, plan);
      if (query == null) {
        return null;
      }
      reasons.add(query);
    }
    return reasons;
  }

  private static MatchReason reason(String criterion, List<String> matched) {
    return new MatchReason(criterion, matched, List.of());
  }

  private static List<String> common(List<String> itemValues, List<String> wanted) {
    List<String> matched = new ArrayList<>(2);
    for (String value : itemValues) {
      if (wanted.contains(value) && !matched.contains(value)) {
        matched.add(value);
      }
    }
    return matched;
  }

  /** A {@link WatchlistFailure} reason for {@code e}, thrown while checking this watchlist. */
  static String failureReason(Exception e) {
    if (e instanceof IndexSearcher.TooManyClauses) {
      return "query failed: it has more clauses than a search allows ("
          + IndexSearcher.getMaxClauseCount()
          + ")";
    }
    String message = e.getMessage();
    return "query failed: " + (message == null ? e.getClass().getSimpleName() : message);
  }

  WatchlistFailure failure(Exception e) {
    return new WatchlistFailure(watchlist.getId(), watchlist.getSubscriberId(), failureReason(e));
  }
}
