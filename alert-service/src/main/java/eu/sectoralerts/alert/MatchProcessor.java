package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches one decoded tagged item against every watchlist of the global store and forwards one
 * alert per match that was not emitted before. Failures of earlier steps pass through; a failing
 * match becomes a {@code MATCHING} dead letter, before anything of the item was emitted.
 */
final class MatchProcessor
    implements FixedKeyProcessor<byte[], Outcome<TaggedItem>, Outcome<Alert>> {

  private static final Logger LOG = LoggerFactory.getLogger(MatchProcessor.class);

  private final WatchlistMatcher matcher;
  private final DeadLetters deadLetters;
  private final String watchlistStoreName;
  private final String dedupStoreName;
  private FixedKeyProcessorContext<byte[], Outcome<Alert>> context;
  private ReadOnlyKeyValueStore<String, Watchlist> watchlists;
  private KeyValueStore<String, Long> emitted;

  MatchProcessor(
      WatchlistMatcher matcher,
      DeadLetters deadLetters,
      String watchlistStoreName,
      String dedupStoreName) {
    this.matcher = matcher;
    this.deadLetters = deadLetters;
    this.watchlistStoreName = watchlistStoreName;
    this.dedupStoreName = dedupStoreName;
  }

  @Override
  public void init(FixedKeyProcessorContext<byte[], Outcome<Alert>> context) {
    this.context = context;
    this.watchlists = context.getStateStore(watchlistStoreName);
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
    List<Alert> alerts;
    try {
      alerts = alertsFor(ok.value(), createdAt);
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
    for (Alert alert : alerts) {
      if (emitted.get(alert.getId()) != null) {
        LOG.debug("Alert {} was emitted before; not again", alert.getId());
        continue;
      }
      emitted.put(alert.getId(), createdAt.toEpochMilli());
      context.forward(record.withValue(new Outcome.Ok<>(alert, null)));
    }
  }

  private List<Alert> alertsFor(TaggedItem item, Instant createdAt) {
    List<Watchlist> all = new ArrayList<>();
    try (KeyValueIterator<String, Watchlist> it = watchlists.all()) {
      it.forEachRemaining(kv -> all.add(kv.value));
    }
    String itemId = item.getItem().getId();
    List<Alert> alerts = new ArrayList<>();
    for (WatchlistMatch match : matcher.match(item, all)) {
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
