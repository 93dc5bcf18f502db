package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON bodies the alert API answers with. They are a public contract of their own, decoupled
 * from the Avro records, so a schema change does not silently change the API.
 */
public final class ApiJson {

  private ApiJson() {}

  /** A watchlist. */
  public record WatchlistJson(
      String id,
      String subscriberId,
      String name,
      List<String> sectors,
      List<String> risks,
      String minLevel,
      List<String> kinds,
      Instant createdAt) {

    public static WatchlistJson of(Watchlist w) {
      return new WatchlistJson(
          w.getId(),
          w.getSubscriberId(),
          w.getName(),
          List.copyOf(w.getSectors()),
          List.copyOf(w.getRisks()),
          w.getMinLevel().name(),
          w.getKinds().stream().map(Enum::name).toList(),
          w.getCreatedAt());
    }
  }

  /** {@code GET /v1/watchlists}. */
  public record WatchlistsPage(String subscriber, List<WatchlistJson> watchlists) {}

  /** Why an alert was raised: one watchlist criterion and the item's values that met it. */
  public record ReasonJson(String criterion, List<String> matched) {

    public static ReasonJson of(MatchReason r) {
      return new ReasonJson(r.getCriterion(), List.copyOf(r.getMatched()));
    }
  }

  /** An alert, with the item's fields a subscriber reads. */
  public record AlertJson(
      String id,
      String watchlistId,
      String watchlistName,
      String itemId,
      String kind,
      String title,
      LocalDate eventDate,
      List<String> sectors,
      List<String> risks,
      String level,
      int score,
      List<String> europeanFirms,
      List<String> issuingBodies,
      List<ReasonJson> reasons,
      Instant createdAt) {

    public static AlertJson of(Alert a) {
      TaggedItem t = a.getItem();
      return new AlertJson(
          a.getId(),
          a.getWatchlistId(),
          a.getWatchlistName(),
          t.getItem().getId(),
          t.getItem().getKind().name(),
          t.getItem().getTitle(),
          t.getItem().getEventDate(),
          List.copyOf(t.getSectors()),
          List.copyOf(t.getRisks()),
          t.getLevel().name(),
          t.getScore(),
          List.copyOf(t.getEuropeanFirms()),
          List.copyOf(t.getIssuingBodies()),
          a.getReasons().stream().map(ReasonJson::of).toList(),
          a.getCreatedAt());
    }
  }

  /** {@code GET /v1/alerts}: newest first. */
  public record AlertsPage(String subscriber, List<AlertJson> alerts) {}

  /** {@code GET /health}. */
  public record Health(String status, String streams) {}
}
