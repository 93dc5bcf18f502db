package eu.sectoralerts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeliveryAttempt;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.TextMatch;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the alert API answers with. They are a public contract of their own, decoupled
 * from the Avro records, so a schema change does not silently change the API.
 */
public final class ApiJson {

  private ApiJson() {}

  /** A subscriber; {@code apiKey} only in the answer that created or rotated the key. */
  public record SubscriberJson(
      String id,
      String name,
      Instant createdAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    public static SubscriberJson of(Subscriber s, String apiKey) {
      return new SubscriberJson(s.getId(), s.getName(), s.getCreatedAt(), apiKey);
    }
  }

  /** {@code GET /v1/subscribers}. */
  public record SubscribersPage(List<SubscriberJson> subscribers) {}

  /** A watchlist's webhook: the URL and the secret its deliveries are signed with. */
  public record WebhookJson(String url, String secret) {}

  /** A watchlist, as its owner sees it. */
  public record WatchlistJson(
      String id,
      String name,
      List<String> sectors,
      List<String> risks,
      String minLevel,
      List<String> kinds,
      List<String> entities,
      boolean europeanFirmsOnly,
      String query,
      WebhookJson webhook,
      Instant createdAt,
      Instant updatedAt) {

    public static WatchlistJson of(Watchlist w) {
      return new WatchlistJson(
          w.getId(),
          w.getName(),
          List.copyOf(w.getSectors()),
          List.copyOf(w.getRisks()),
          w.getMinLevel().name(),
          w.getKinds().stream().map(Enum::name).toList(),
          List.copyOf(w.getEntities()),
          w.getEuropeanFirmsOnly(),
          w.getQuery(),
          w.getWebhook() == null
              ? null
              : new WebhookJson(w.getWebhook().getUrl(), w.getWebhook().getSecret()),
          w.getCreatedAt(),
          w.getUpdatedAt());
    }
  }

  /** {@code GET /v1/watchlists}. */
  public record WatchlistsPage(List<WatchlistJson> watchlists) {}

  /** Words of the item that a keyword query matched: field, offsets [start, end), the text. */
  public record HighlightJson(String field, int start, int end, String text) {

    public static HighlightJson of(TextMatch m) {
      return new HighlightJson(m.getField(), m.getStart(), m.getEnd(), m.getText());
    }
  }

  /** Why an alert was raised: one watchlist criterion and what in the item met it. */
  public record ReasonJson(String criterion, List<String> matched, List<HighlightJson> highlights) {

    public static ReasonJson of(MatchReason r) {
      return new ReasonJson(
          r.getCriterion(),
          List.copyOf(r.getMatched()),
          r.getHighlights().stream().map(HighlightJson::of).toList());
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
      String body,
      LocalDate eventDate,
      String issuingBody,
      List<String> sectors,
      List<String> risks,
      String level,
      int score,
      List<String> europeanFirms,
      List<String> issuingBodies,
      List<String> companies,
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
          t.getItem().getBody(),
          t.getItem().getEventDate(),
          t.getItem().getIssuingBody(),
          List.copyOf(t.getSectors()),
          List.copyOf(t.getRisks()),
          t.getLevel().name(),
          t.getScore(),
          List.copyOf(t.getEuropeanFirms()),
          List.copyOf(t.getIssuingBodies()),
          List.copyOf(t.getCompanies()),
          a.getReasons().stream().map(ReasonJson::of).toList(),
          a.getCreatedAt());
    }
  }

  /**
   * {@code GET /v1/alerts}: newest first; {@code next} is the cursor of the following page, null on
   * the last one.
   */
  public record AlertsPage(List<AlertJson> alerts, String next) {}

  /** The body POSTed to a webhook (Standard Webhooks' envelope). */
  public record WebhookPayload(String type, Instant timestamp, AlertJson data) {

    public static WebhookPayload of(Alert a) {
      return new WebhookPayload("alert.created", a.getCreatedAt(), AlertJson.of(a));
    }
  }

  /** One POST of a delivery. */
  public record AttemptJson(
      Instant attemptedAt,
      String url,
      Integer statusCode,
      String error,
      long durationMs,
      boolean redelivery) {

    public static AttemptJson of(DeliveryAttempt a) {
      return new AttemptJson(
          a.getAttemptedAt(),
          a.getUrl(),
          a.getStatusCode(),
          a.getError(),
          a.getDurationMs(),
          a.getRedelivery());
    }
  }

  /** A webhook delivery: one alert to one endpoint, with every attempt. */
  public record DeliveryJson(
      String id,
      String alertId,
      String watchlistId,
      String status,
      List<AttemptJson> attempts,
      Instant nextAttemptAt,
      Instant createdAt,
      Instant updatedAt) {

    public static DeliveryJson of(WebhookDelivery d) {
      return new DeliveryJson(
          d.getId(),
          d.getId(),
          d.getWatchlistId(),
          d.getStatus().name(),
          d.getAttempts().stream().map(AttemptJson::of).toList(),
          d.getNextAttemptAt(),
          d.getCreatedAt(),
          d.getUpdatedAt());
    }
  }

  /** {@code GET /v1/deliveries}: newest first. */
  public record DeliveriesPage(List<DeliveryJson> deliveries) {}

  /** A sector or risk id of the taxonomy with what people read for it. */
  public record TermJson(String id, String label, String description) {}

  /**
   * {@code GET /v1/taxonomy}: sector and risk ids in the taxonomy's order with their labels, the
   * risk levels from lowest to highest, the item kinds.
   */
  public record TaxonomyJson(
      List<TermJson> sectors, List<TermJson> risks, List<String> levels, List<String> kinds) {}

  /** {@code POST /v1/watchlists/validate} when the watchlist would be accepted. */
  public record ValidationJson(boolean valid) {}

  /**
   * {@code POST /v1/watchlists/{id}/test-delivery}: how the one signed sample POST ended.
   *
   * @param status the HTTP status the endpoint answered, null when no answer arrived
   * @param durationMs how long the POST took
   * @param error why no answer arrived, absent when one did
   * @param delivered whether the endpoint answered 2xx
   */
  public record TestDeliveryJson(
      Integer status,
      long durationMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) String error,
      boolean delivered) {}

  /**
   * One week of {@code GET /v1/alerts/weekly}.
   *
   * @param start the Monday (UTC) the week starts on
   * @param total alerts filed that week
   * @param bySector the same alerts by their item's primary sector, in taxonomy order; sectors
   *     without alerts left out
   */
  public record WeekJson(LocalDate start, int total, Map<String, Integer> bySector) {}

  /**
   * {@code GET /v1/alerts/weekly}: oldest week first, the current one last.
   *
   * @param truncated true when the subscriber had more alerts in those weeks than one answer counts
   *     (the oldest weeks then count too few)
   */
  public record WeeklyJson(List<WeekJson> weeks, boolean truncated) {}

  /** {@code GET /health}. */
  public record Health(String status, String streams) {}
}
