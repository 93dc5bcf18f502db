package eu.sectoralerts.alert;

import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.TaxonomyIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON body of {@code POST /v1/watchlists}. Fields are read as plain strings so {@link
 * #toWatchlist} can name every bad one at once ({@code sectors[1]}, {@code minLevel}, ...) instead
 * of failing on the first.
 *
 * @param subscriberId required, {@code [A-Za-z0-9._-]{1,64}}
 * @param name required, not blank, at most 200 characters
 * @param sectors sector ids (taxonomy); empty or absent: any sector
 * @param risks risk ids (taxonomy); empty or absent: any risk or none
 * @param minLevel NONE, LOW, MEDIUM or HIGH; absent: NONE
 * @param kinds POLICY and/or CORPORATE; empty or absent: both
 */
public record WatchlistRequest(
    String subscriberId,
    String name,
    List<String> sectors,
    List<String> risks,
    String minLevel,
    List<String> kinds) {

  /** What a subscriber id looks like, everywhere in the API. */
  public static final Pattern SUBSCRIBER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public static final int MAX_NAME_LENGTH = 200;

  private static final Set<String> LEVELS =
      Arrays.stream(RiskLevel.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
  private static final Set<String> KINDS =
      Arrays.stream(ItemKind.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  /**
   * The watchlist this request asks for.
   *
   * @throws ApiException 400 naming every invalid field
   */
  public Watchlist toWatchlist(String id, Instant now) {
    List<ApiError.FieldError> errors = new ArrayList<>();
    if (subscriberId == null) {
      errors.add(new ApiError.FieldError("subscriberId", "is required"));
    } else if (!SUBSCRIBER_ID.matcher(subscriberId).matches()) {
      errors.add(
          new ApiError.FieldError(
              "subscriberId", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
    }
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
    if (!errors.isEmpty()) {
      throw ApiException.invalid(
          "Invalid watchlist: "
              + errors.stream().map(ApiError.FieldError::field).collect(Collectors.joining(", ")),
          errors);
    }
    return new Watchlist(
        id,
        subscriberId,
        name.strip(),
        sectorIds,
        riskIds,
        minLevel == null ? RiskLevel.NONE : RiskLevel.valueOf(minLevel),
        kindNames.stream().map(ItemKind::valueOf).toList(),
        now,
        now);
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
        errors.add(new ApiError.FieldError(field + "[" + i + "]", problem + ": '" + value + "'"));
      } else {
        distinct.add(value);
      }
    }
    return List.copyOf(distinct);
  }
}
