package eu.sectoralerts.replay;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to replay and how.
 *
 * @param bootstrapServers the Kafka cluster holding the items topic
 * @param registryUrl the schema registry the items were written with ({@code http(s)://} or {@code
 *     mock://scope})
 * @param itemsTopic the items topic ({@code topics.items}, default {@code news-items})
 * @param range the record timestamps to replay
 * @param live the taxonomy production tags with
 * @param candidate the taxonomy to try (the live one again for a watchlist-only backtest)
 * @param watchlists the watchlists both taggings are matched against
 * @param runId the run's id; empty: derived from the inputs (see {@link ReplayEngine#runId})
 * @param baseline whether to first read the same offsets with a plain consumer, for the rate ratio
 * @param threads workers that tag and match (at least 1)
 * @param clientConfig extra Kafka consumer settings (security of an external cluster, ...)
 */
public record ReplayRequest(
    String bootstrapServers,
    String registryUrl,
    String itemsTopic,
    TimeRange range,
    TaxonomyInput live,
    TaxonomyInput candidate,
    WatchlistInput watchlists,
    Optional<String> runId,
    boolean baseline,
    int threads,
    Map<String, String> clientConfig) {

  /** What a given run id may look like: it names a directory and topics. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public ReplayRequest {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    Objects.requireNonNull(itemsTopic, "itemsTopic");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(watchlists, "watchlists");
    Objects.requireNonNull(runId, "runId");
    runId.ifPresent(
        id -> {
          if (!RUN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "run id must be 1 to 64 letters, digits, '.', '_' or '-' (not first), got '"
                    + id
                    + "'");
          }
        });
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    clientConfig = Map.copyOf(clientConfig);
  }
}
