package eu.sectoralerts.alert;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookTarget;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.TaxonomyIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The JSON body of {@code POST /v1/watchlists} and {@code PUT /v1/watchlists/{id}}: the whole
 * watchlist (a PUT replaces every criterion). Fields are read as plain values so {@link
 * #toWatchlist} can name every bad one at once ({@code sectors[1]}, {@code query}, ...) instead of
 * failing on the first. The subscriber is the one of the API key, never a field.
 *
 * @param name required, not blank, at most 200 characters
 * @param sectors sector ids (taxonomy); empty or absent: any sector
 * @param risks risk ids (taxonomy); empty or absent: any risk or none
 * @param minLevel NONE, LOW, MEDIUM or HIGH; absent: NONE
 * @param kinds POLICY and/or CORPORATE; empty or absent: both
 * @param entities names of companies, issuing bodies or European firms; any of them must be named
 *     by the item (case and spacing ignored); at most 100, each at most 200 characters
 * @param europeanFirmsOnly only items that name a European firm; absent: false
 * @param query keywords in Lucene's classic query syntax over title and body; absent: none
 * @param webhookUrl where to POST each alert; absent: no webhook
 */
public record WatchlistRequest(
    String name,
    List<String> sectors,
    List<String> risks,
    String minLevel,
    List<String> kinds,
    List<String> entities,
    Boolean europeanFirmsOnly,
    String query,
    String webhookUrl) {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_ENTITIES = 100;

  private static final Set<String> LEVELS =
      Arrays.stream(RiskLevel.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
  private static final Set<String> KINDS =
      Arrays.stream(ItemKind.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  /**
   * What the service checks beyond the shape of the fields.
   *
   * @param queryProblem why a keyword query cannot be used, if it cannot
   * @param webhookProblem why a webhook URL is refused, if it is
   * @param newSecret a new webhook signing secret
   */
  public record Checks(
      Function<String, Optional<String>> queryProblem,
      Function<String, Optional<String>> webhookProblem,
      Supplier<String> newSecret) {}

  /**
   * The watchlist this request asks for.
   *
   * @param previous the watchlist a PUT replaces: its creation time and webhook secret are kept
   * @throws ApiException 400 naming every invalid field
   */
  public Watchlist toWatchlist(
      String id, String subscriberId, Instant now, Optional<Watchlist> previous, Checks checks) {
    List<ApiError.FieldError> errors = new ArrayList<>();
    if (name == null) {
      errors.add(new ApiError.FieldError("name", "is required"));
    } else if (name.isBlank()) {
      errors.add(new ApiError.FieldError("name", "must not be blank"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      errors.add(
          new ApiError.FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
    }
    List<String> sectorIds =
        ids("sectors", sectors, TaxonomyIds::isSector, "is not a sector id", errors);
    List<String> riskIds = ids("risks", risks, TaxonomyIds::isRisk, "is not a risk id", errors);
    if (minLevel != null && !LEVELS.contains(minLevel)) {
      errors.add(
          new ApiError.FieldError(
              "minLevel", "must be one of NONE, LOW, MEDIUM, HIGH, got '" + minLevel + "'"));
    }
    List<String> kindNames =
        ids("kinds", kinds, KINDS::contains, "must be POLICY or CORPORATE", errors);
    List<String> entityNames =
        ids(
            "entities",
            entities,
            e -> !e.isBlank() && e.length() <= MAX_NAME_LENGTH,
            "must be a name of 1 to " + MAX_NAME_LENGTH + " characters",
            errors);
    if (entities != null && entities.size() > MAX_ENTITIES) {
      errors.add(
          new ApiError.FieldError("entities", "must hold at most " + MAX_ENTITIES + " names"));
    }
    String keywords = query == null || query.isBlank() ? null : query.strip();
    if (query != null && keywords == null) {
      errors.add(new ApiError.FieldError("query", "must not be blank; leave it out for none"));
    } else if (keywords != null) {
      checks.queryProblem().apply(keywords).ifPresent(p -> errors.add(field("query", p)));
    }
    String url = webhookUrl == null ? null : webhookUrl.strip();
    if (url != null) {
      checks.webhookProblem().apply(url).ifPresent(p -> errors.add(field("webhookUrl", p)));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(
          "Invalid watchlist: "
              + errors.stream().map(ApiError.FieldError::field).collect(Collectors.joining(", ")),
          errors);
    }
    WebhookTarget webhook = null;
    if (url != null) {
      String secret =
          previous
              .map(Watchlist::getWebhook)
              .map(WebhookTarget::getSecret)
              .orElseGet(checks.newSecret());
      webhook = new WebhookTarget(url, secret);
    }
    return Watchlist.newBuilder()
        .setId(id)
        .setSubscriberId(subscriberId)
        .setName(name.strip())
        .setSectors(sectorIds)
        .setRisks(riskIds)
        .setMinLevel(minLevel == null ? RiskLevel.NONE : RiskLevel.valueOf(minLevel))
        .setKinds(kindNames.stream().map(ItemKind::valueOf).toList())
        .setEntities(entityNames.stream().map(String::strip).toList())
        .setEuropeanFirmsOnly(Boolean.TRUE.equals(europeanFirmsOnly))
        .setQuery(keywords)
        .setWebhook(webhook)
        .setCreatedAt(previous.map(Watchlist::getCreatedAt).orElse(now))
        .setUpdatedAt(now)
        .build();
  }

  private static ApiError.FieldError field(String name, String problem) {
    return new ApiError.FieldError(name, problem);
  }

  /** The valid, distinct values of a list field; records an error per bad element. */
  private static List<String> ids(
      String field,
      List<String> values,
      Predicate<String> valid,
      String problem,
      List<ApiError.FieldError> errors) {
    if (values == null) {
      return List.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null) {
        errors.add(new ApiError.FieldError(field + "[" + i + "]", "must not be null"));
      } else if (!valid.test(value)) {
        errors.add(
            new ApiError.FieldError(field + "[" + i + "]", problem + ": '" + clip(value) + "'"));
      } else {
        distinct.add(value);
      }
    }
    return List.copyOf(distinct);
  }

  /** At most 80 characters of a caller's value, for echoing it in an error message. */
  static String clip(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
