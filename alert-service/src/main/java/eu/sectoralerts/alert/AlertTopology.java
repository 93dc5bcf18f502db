package eu.sectoralerts.alert;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.Topic;
import eu.sectoralerts.matcher.WatchlistMatcher;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert service's Streams topology, built by one pure function from {@link Params}:
 *
 * <ul>
 *   <li>the compacted watchlists and subscribers topics feed global stores and their {@link
 *       LiveTable} mirrors (every instance sees every watchlist and subscriber; a tombstone
 *       deletes, an undecodable record is logged and skipped); the watchlists mirror feeds the
 *       matcher, so a changed watchlist applies to the next item;
 *   <li>tagged items are read as bytes, decoded, matched by the {@link WatchlistMatcher},
 *       de-duplicated by alert id (one alert per item and watchlist, ever) and written to the
 *       alerts topic keyed by subscriber id; records that cannot be decoded or matched, and
 *       watchlists that fail on an item, go to the dead-letter topic;
 *   <li>a separate sub-topology reads the alerts topic into the inbox store, whose keys ({@link
 *       InboxKeys}) sort each subscriber's alerts newest first, and tells the live feed.
 * </ul>
 */
public final class AlertTopology {

  private AlertTopology() {}

  /**
   * Names of the topology's state stores.
   *
   * @param watchlists global store: watchlist id → watchlist
   * @param subscribers global store: subscriber id → subscriber
   * @param dedup alert id → createdAt millis of every alert emitted
   * @param inbox {@link InboxKeys} key → alert
   */
  public record StoreNames(String watchlists, String subscribers, String dedup, String inbox) {

    public static final StoreNames DEFAULT =
        new StoreNames(
            "watchlists-store", "subscribers-store", "alert-dedup-store", "alert-inbox-store");

    public StoreNames {
      Objects.requireNonNull(watchlists, "watchlists");
      Objects.requireNonNull(subscribers, "subscribers");
      Objects.requireNonNull(dedup, "dedup");
      Objects.requireNonNull(inbox, "inbox");
    }
  }

  /**
   * What the topology is built from.
   *
   * @param watchlists the compacted watchlists topic (watchlist id → watchlist)
   * @param subscribers the compacted subscribers topic (subscriber id → subscriber)
   * @param tagged the tagged-items topic, read as bytes
   * @param alerts the alerts topic (subscriber id → alert); its value serde also reads the alerts
   *     back for the inbox and writes them into the inbox store (one {@link
   *     eu.sectoralerts.registry.AvroSerde#reusingReadBytes reusing the bytes read} files them as
   *     read, without encoding them again)
   * @param deadLetters the alert service's dead-letter topic
   * @param taggedItems decodes tagged-item values
   * @param watchlistTable mirror of the watchlists store (the caller connects it to the matcher)
   * @param subscriberTable mirror of the subscribers store
   * @param matcher decides which watchlists an item matches
   * @param inboxFeed told of every alert filed in the inbox (the live stream), on the stream
   *     thread: it must not block
   * @param globalDeadLetters receives the dead letters of the watchlists and subscribers topics,
   *     whose global stores have no stream output (the service sends them to {@code deadLetters})
   * @param clock when a dead letter failed
   * @param service the name dead letters give as the service that failed
   * @param stores the store names
   */
  public record Params(
      Topic<String, Watchlist> watchlists,
      Topic<String, Subscriber> subscribers,
      Topic<byte[], byte[]> tagged,
      Topic<String, Alert> alerts,
      Topic<byte[], DeadLetter> deadLetters,
      Deserializer<TaggedItem> taggedItems,
      LiveTable<Watchlist> watchlistTable,
      LiveTable<Subscriber> subscriberTable,
      WatchlistMatcher matcher,
      Consumer<Alert> inboxFeed,
      DeadLetterSink globalDeadLetters,
      Clock clock,
      String service,
      StoreNames stores) {

    public Params {
      Objects.requireNonNull(watchlists, "watchlists");
      Objects.requireNonNull(subscribers, "subscribers");
      Objects.requireNonNull(tagged, "tagged");
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(deadLetters, "deadLetters");
      Objects.requireNonNull(taggedItems, "taggedItems");
      Objects.requireNonNull(watchlistTable, "watchlistTable");
      Objects.requireNonNull(subscriberTable, "subscriberTable");
      Objects.requireNonNull(matcher, "matcher");
      Objects.requireNonNull(inboxFeed, "inboxFeed");
      Objects.requireNonNull(globalDeadLetters, "globalDeadLetters");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(stores, "stores");
    }
  }

  public static Topology build(Params p) {
    StreamsBuilder builder = new StreamsBuilder();
    DeadLetters deadLetters = new DeadLetters(p.service(), p.clock());
    StoreNames stores = p.stores();

    addMirroredGlobalStore(
        builder,
        stores.watchlists(),
        p.watchlists(),
        "watchlist",
        Watchlist::getId,
        p.watchlistTable(),
        p);
    addMirroredGlobalStore(
        builder,
        stores.subscribers(),
        p.subscribers(),
        "subscriber",
        Subscriber::getId,
        p.subscriberTable(),
        p);

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(stores.dedup()), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(stores.inbox()),
            Serdes.String(),
            p.alerts().valueSerde()));

    Map<String, KStream<byte[], Outcome<Alert>>> matched =
        builder.stream(p.tagged().name(), p.tagged().consumed("tagged-items-source"))
            .processValues(
                () -> new DecodeProcessor<>(p.taggedItems(), deadLetters),
                Named.as("decode-tagged-item"))
            .processValues(
                () ->
                    new MatchProcessor(
                        p.matcher(), p.watchlistTable(), deadLetters, stores.dedup()),
                Named.as("match-watchlists"),
                stores.dedup())
            .split(Named.as("match-"))
            .branch((key, outcome) -> outcome instanceof Outcome.Ok, Branched.as("alert"))
            .defaultBranch(Branched.as("failed"));
    matched
        .get("match-alert")
        .map(
            (key, outcome) -> {
              Alert alert = ((Outcome.Ok<Alert>) outcome).value();
              return KeyValue.pair(alert.getSubscriberId(), alert);
            },
            Named.as("key-alert-by-subscriber"))
        .to(p.alerts().name(), p.alerts().produced("alerts-sink"));
    toDeadLetters(matched.get("match-failed"), p.deadLetters(), "match");

    // A sub-topology of its own: it reads the alerts topic like any other consumer would.
    Map<String, KStream<byte[], Outcome<Alert>>> decodedAlerts =
        builder.stream(
                p.alerts().name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("alerts-source"))
            .processValues(
                () -> new DecodeProcessor<>(p.alerts().valueSerde().deserializer(), deadLetters),
                Named.as("decode-alert"))
            .split(Named.as("inbox-"))
            .branch((key, outcome) -> outcome instanceof Outcome.Ok, Branched.as("alert"))
            .defaultBranch(Branched.as("failed"));
    decodedAlerts
        .get("inbox-alert")
        .mapValues(outcome -> ((Outcome.Ok<Alert>) outcome).value(), Named.as("inbox-alert-value"))
        .process(
            () -> new InboxProcessor(stores.inbox(), p.inboxFeed()),
            Named.as("store-in-inbox"),
            stores.inbox());
    toDeadLetters(decodedAlerts.get("inbox-failed"), p.deadLetters(), "inbox");

    return builder.build();
  }

  private static <V> void addMirroredGlobalStore(
      StreamsBuilder builder,
      String storeName,
      Topic<String, V> topic,
      String what,
      java.util.function.Function<V, String> idOf,
      LiveTable<V> mirror,
      Params p) {
    // Global stores must not have a changelog: the compacted source topic is their changelog.
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), topic.keySerde(), topic.valueSerde())
            .withLoggingDisabled(),
        topic.name(),
        Consumed.with(topic.keySerde(), Serdes.ByteArray()).withName("update-" + storeName),
        () ->
            new MirroringStoreUpdater<>(
                what,
                topic.valueSerde().deserializer(),
                idOf,
                storeName,
                mirror,
                new DeadLetters(p.service(), p.clock()),
                p.globalDeadLetters()));
  }

  private static void toDeadLetters(
      KStream<byte[], Outcome<Alert>> failed, Topic<byte[], DeadLetter> topic, String prefix) {
    failed
        .mapValues(
            outcome -> ((Outcome.Failed<Alert>) outcome).deadLetter(),
            Named.as(prefix + "-dead-letter-value"))
        .to(topic.name(), topic.produced(prefix + "-dead-letters-sink"));
  }
}
