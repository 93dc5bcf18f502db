package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.matcher.MatchResult;
import eu.sectoralerts.matcher.WatchlistFailure;
import eu.sectoralerts.matcher.WatchlistMatch;
import eu.sectoralerts.matcher.WatchlistMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches one decoded tagged item with the {@link WatchlistMatcher} and forwards one alert per
 * match that was not emitted before. Failures of earlier steps pass through; a matcher that fails
 * as a whole makes the item a {@code MATCHING} dead letter, before anything of it was emitted; a
 * single watchlist that fails on the item becomes a {@code WATCHLIST} dead letter naming it, and
 * the item's other alerts go out.
 */
final class MatchProcessor
    implements FixedKeyProcessor<byte[], Outcome<TaggedItem>, Outcome<Alert>> {

  private static final Logger LOG = LoggerFactory.getLogger(MatchProcessor.class);

  private final WatchlistMatcher matcher;
  private final LiveTable<Watchlist> watchlists;
  private final DeadLetters deadLetters;
  private final String dedupStoreName;
  private FixedKeyProcessorContext<byte[], Outcome<Alert>> context;
  private KeyValueStore<String, Long> emitted;

  MatchProcessor(
      WatchlistMatcher matcher,
      LiveTable<Watchlist> watchlists,
      DeadLetters deadLetters,
      String dedupStoreName) {
    this.matcher = matcher;
    this.watchlists = watchlists;
    this.deadLetters = deadLetters;
    this.dedupStoreName = dedupStoreName;
  }

  @Override
  public void init(FixedKeyProcessorContext<byte[], Outcome<Alert>> context) {
    this.context = context;
    this.emitted = context.getStateStore(dedupStoreName);
  }

  @Override
  public void process(FixedKeyRecord<byte[], Outcome<TaggedItem>> record) {
    if (record.value() instanceof Outcome.Failed<TaggedItem> failed) {
      context.forward(record.withValue(new Outcome.Failed<>(failed.deadLetter())));
      return;
    }
    Outcome.Ok<TaggedItem> ok = (Outcome.Ok<TaggedItem>) record.value();
    // The tagged record's timestamp, not the wall clock: a replay builds identical alerts.
    Instant createdAt = Instant.ofEpochMilli(record.timestamp());
    if (!watchlists.isLoaded()) {
      // The global thread loads watchlists before stream threads start; matching against an
      // incomplete set would silently miss alerts, so fail and let the record be retried.
      throw new IllegalStateException("Watchlists are not loaded yet");
    }
    MatchResult result;
    try {
      result = matcher.match(ok.value());
    } catch (RuntimeException e) {
      String reason = "Cannot match item against watchlists: " + DeadLetters.reason(e);
      LOG.warn("Dead-lettering tagged item {}: {}", ok.value().getItem().getId(), reason, e);
      context.forward(
          record.withValue(
              new Outcome.Failed<>(
                  deadLetters.of(
                      context, record.key(), ok.rawValue(), DeadLetters.MATCHING, reason))));
      return;
    }
    for (WatchlistFailure failure : result.failures()) {
      String reason =
          "Watchlist "
              + failure.watchlistId()
              + " of subscriber "
              + failure.subscriberId()
              + " failed on this item and was skipped: "
              + failure.reason();
      LOG.warn("Tagged item {}: {}", ok.value().getItem().getId(), reason);
      context.forward(
          record.withValue(
              new Outcome.Failed<>(
                  deadLetters.of(
                      context, record.key(), ok.rawValue(), DeadLetters.WATCHLIST, reason))));
    }
    for (Alert alert : alertsFor(ok.value(), result.matches(), createdAt)) {
      if (emitted.get(alert.getId()) != null) {
        LOG.debug("Alert {} was emitted before; not again", alert.getId());
        continue;
      }
      emitted.put(alert.getId(), createdAt.toEpochMilli());
      context.forward(record.withValue(new Outcome.Ok<>(alert, null)));
    }
  }

  private static List<Alert> alertsFor(
      TaggedItem item, List<WatchlistMatch> matches, Instant createdAt) {
    String itemId = item.getItem().getId();
    List<Alert> alerts = new ArrayList<>(matches.size());
    for (WatchlistMatch match : matches) {
      Watchlist watchlist = match.watchlist();
      alerts.add(
          new Alert(
              AlertIds.alertId(itemId, watchlist.getId()),
              watchlist.getSubscriberId(),
              watchlist.getId(),
              watchlist.getName(),
              item,
              match.reasons(),
              createdAt));
    }
    return alerts;
  }
}
