package eu.sectoralerts.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.Subscriber;
import eu.sectoralerts.avro.TaggedItem;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.KeyDigests;
import eu.sectoralerts.common.PipelineTopics;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poison input, class by class: bad requests to ingest-service must get a clear 4xx JSON error;
 * undecodable bytes on each input topic must become a dead letter naming topic, partition, offset
 * and reason while the record after them still comes out; a watchlist the matcher cannot use must
 * be reported without disturbing the others.
 */
@Tag("fault")
@ExtendWith(FaultSuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonInputTest {

  private static final String CASE = "poison input";

  private final Namespace ns = new Namespace("poison");
  private final PipelineTopics topics = ns.topics();
  private final SecureRandom secure = new SecureRandom();
  private final String analystKey = KeyDigests.newKey(secure);
  private final String adminKey = KeyDigests.newKey(secure);
  private final String subscriberKey = "sa_sub-p." + KeyDigests.newKey(secure);
  private final Http http = new Http();

  private FaultRig rig;
  private FaultReport report;
  private SchemaRegistryClient registry;
  private InProcessPipeline pipeline;
  private KafkaProducer<byte[], byte[]> producer;
  private LogCapture logs;

  @BeforeAll
  void start(FaultRig rig, FaultReport report) {
    this.rig = rig;
    this.report = report;
    logs = new LogCapture();
    registry = SchemaRegistryClients.forUrl(rig.registryUrl());
    producer = Kafka.producer(rig.bootstrapServers());
    pipeline =
        InProcessPipeline.start(
            rig, ns, new InProcessPipeline.Services(analystKey, true, adminKey, Map.of()));
    send(
        topics.subscribers(),
        "sub-p",
        avro(Subscriber.class, topics.subscribers(), Fixtures.subscriber("sub-p", subscriberKey)));
    putWatchlist(Fixtures.watchlist("wl-poison-good", "sub-p", "falcon", null, secure));
  }

  @AfterAll
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (registry != null) {
      registry.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @Test
  @Order(1)
  void shouldAnswerEveryBadRequestToIngestWithAClearJsonError() {
    String items = pipeline.ingestUrl() + "/v1/items";
    String briefings = pipeline.ingestUrl() + "/v1/briefings";
    String json = "application/json";
    String text = "text/plain; charset=utf-8";
    Map<String, Http.Answer> answers = new LinkedHashMap<>();
    answers.put("malformed JSON", http.post(items, analystKey, json, utf8("{\"title\": ")));
    answers.put(
        "wrong types",
        http.post(
            items,
            analystKey,
            json,
            utf8("{\"kind\":\"POLICY\",\"title\":42,\"body\":[1],\"publisher\":true}")));
    answers.put("missing fields", http.post(items, analystKey, json, utf8("{}")));
    answers.put("JSON null", http.post(items, analystKey, json, utf8("null")));
    answers.put("JSON array", http.post(items, analystKey, json, utf8("[1,2]")));
    answers.put(
        "unknown kind",
        http.post(
            items,
            analystKey,
            json,
            utf8("{\"kind\":\"WAR\",\"title\":\"t\",\"body\":\"b\",\"publisher\":\"p\"}")));
    answers.put(
        "oversized item (70 KB)",
        http.post(
            items,
            analystKey,
            json,
            utf8(
                "{\"kind\":\"POLICY\",\"title\":\"t\",\"publisher\":\"p\",\"body\":\""
                    + "x".repeat(70_000)
                    + "\"}")));
    byte[] badUtf8 =
        concat(
            utf8("{\"kind\":\"POLICY\",\"title\":\""),
            new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
            utf8("\",\"body\":\"b\",\"publisher\":\"p\"}"));
    answers.put("invalid UTF-8 in JSON", http.post(items, analystKey, json, badUtf8));
    answers.put(
        "deeply nested JSON",
        http.post(items, analystKey, json, utf8("[".repeat(50_000) + "]".repeat(50_000))));
    answers.put("wrong content type", http.post(items, analystKey, "text/xml", utf8("<a/>")));
    answers.put(
        "briefing with no items",
        http.post(briefings, analystKey, text, utf8("Nothing to see here.\n\nJust words.\n")));
    answers.put("empty briefing", http.post(briefings, analystKey, text, new byte[0]));
    answers.put(
        "briefing in invalid UTF-8",
        http.post(
            briefings, analystKey, text, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41, (byte) 0xC0}));
    answers.put(
        "oversized briefing (1.1 MB)",
        http.post(briefings, analystKey, text, utf8("word ".repeat(230_000))));
    answers.put(
        "briefing source with CR/LF",
        http.post(
            briefings + "?source=a%0D%0AX-Injected:%201", analystKey, text, utf8("Some text")));

    answers.forEach(
        (what, answer) -> report.note(CASE, "ingest " + what + " → HTTP " + answer.brief() + "."));
    answers.forEach(
        (what, answer) -> {
          assertThat(answer.status()).as(what).isBetween(400, 499);
          assertThat(answer.isApiError()).as(what + ": a JSON ApiError, no stack trace").isTrue();
        });
    report.row(
        new FaultReport.Row(
            "poison: bad HTTP requests to ingest-service",
            0,
            0,
            0,
            0,
            0,
            answers.size(),
            histogram(answers.values())
                + "; all JSON ApiError bodies, no stack trace; nothing published"));
    // Nothing of it was published.
    assertThat(
            Kafka.readAll(
                    rig.bootstrapServers(),
                    topics.items(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())
                .stream()
                .filter(r -> r.key() == null || !r.key().startsWith("itm-poison-"))
                .count())
        .as("items published by bad requests")
        .isZero();
  }

  @Test
  @Order(2)
  void shouldDeadLetterUndecodableRecordsOfItemsAndTaggedItemsAndGoOn() {
    Random random = new Random(7);
    List<String> tried = new ArrayList<>();
    // Items: random bytes, an unknown schema id, then a good item with the same key.
    NewsItem good = Fixtures.item(ns.prefix(), 1);
    RecordMetadata itemsRandom = send(topics.items(), good.getId(), randomBytes(random));
    RecordMetadata itemsUnknown = send(topics.items(), good.getId(), unknownSchema());
    send(topics.items(), good.getId(), avro(NewsItem.class, topics.items(), good));
    // Tagged items straight onto the tagged topic: the same two, then a good one.
    TaggedItem goodTagged = tagged(Fixtures.item(ns.prefix(), 2));
    String taggedKey = goodTagged.getItem().getId();
    RecordMetadata taggedRandom = send(topics.tagged(), taggedKey, randomBytes(random));
    RecordMetadata taggedUnknown = send(topics.tagged(), taggedKey, unknownSchema());
    send(topics.tagged(), taggedKey, avro(TaggedItem.class, topics.tagged(), goodTagged));
    tried.addAll(
        List.of(
            "items: random bytes",
            "items: unknown schema id",
            "tagged: random bytes",
            "tagged: unknown schema id"));

    List<DeadLetter> enrichLetters = new ArrayList<>();
    List<DeadLetter> alertLetters = new ArrayList<>();
    await("dead letters and the good records' alerts")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              enrichLetters.clear();
              enrichLetters.addAll(deadLetters(topics.enrichDeadLetters()));
              alertLetters.clear();
              alertLetters.addAll(deadLetters(topics.alertDeadLetters()));
              assertThat(letterAt(enrichLetters, itemsRandom)).as("items random").isNotNull();
              assertThat(letterAt(enrichLetters, itemsUnknown)).as("items unknown").isNotNull();
              assertThat(letterAt(alertLetters, taggedRandom)).as("tagged random").isNotNull();
              assertThat(letterAt(alertLetters, taggedUnknown)).as("tagged unknown").isNotNull();
              assertThat(alertItemIds()).contains(good.getId(), taggedKey);
            });
    for (RecordMetadata m : List.of(itemsRandom, itemsUnknown)) {
      DeadLetter letter = letterAt(enrichLetters, m);
      report.note(CASE, describe(letter));
      assertThat(letter.getReason()).isNotBlank();
      assertThat(letter.getValue()).isNotNull();
    }
    for (RecordMetadata m : List.of(taggedRandom, taggedUnknown)) {
      DeadLetter letter = letterAt(alertLetters, m);
      report.note(CASE, describe(letter));
      assertThat(letter.getReason()).isNotBlank();
    }
    long goodAlerts =
        alertItemIds().stream()
            .filter(id -> id.equals(good.getId()) || id.equals(taggedKey))
            .count();
    report.note(
        CASE,
        "after the bad records, the good item and the good tagged item still came out: "
            + goodAlerts
            + " alerts (wl-poison-good), the streams went on.");
    report.row(
        new FaultReport.Row(
            "poison: bad bytes on news-items and tagged-items",
            2,
            2,
            goodAlerts,
            2 - Math.min(2, goodAlerts),
            Math.max(0, goodAlerts - 2),
            tried.size(),
            "4 dead letters with topic, partition, offset and reason (enrich 2, alert 2);"
                + " the good record after each still came out"));
    assertThat(goodAlerts).isEqualTo(2);
  }

  @Test
  @Order(3)
  void shouldDeadLetterUndecodableWatchlistsAndSubscribersAndKeepApplyingTheGoodOnes() {
    Random random = new Random(11);
    RecordMetadata wlRandom = send(topics.watchlists(), "wl-poison-bad", randomBytes(random));
    RecordMetadata wlUnknown = send(topics.watchlists(), "wl-poison-bad", unknownSchema());
    putWatchlist(Fixtures.watchlist("wl-poison-after", "sub-p", "harbor", null, secure));
    RecordMetadata subRandom = send(topics.subscribers(), "sub-q", randomBytes(random));
    RecordMetadata subUnknown = send(topics.subscribers(), "sub-q", unknownSchema());
    String laterKey = "sa_sub-q." + KeyDigests.newKey(secure);
    send(
        topics.subscribers(),
        "sub-q",
        avro(Subscriber.class, topics.subscribers(), Fixtures.subscriber("sub-q", laterKey)));
    // Item 6 names falcon and harbor: both good watchlists must alert.
    NewsItem item = Fixtures.item(ns.prefix(), 6);
    send(topics.items(), item.getId(), avro(NewsItem.class, topics.items(), item));

    await("the good watchlist and subscriber after the bad records apply")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(alertPairs())
                  .contains(item.getId() + "|wl-poison-good", item.getId() + "|wl-poison-after");
              assertThat(http.get(pipeline.alertUrl() + "/v1/me", laterKey).status())
                  .isEqualTo(200);
            });
    String log = logs.text();
    List<String> skipped = new ArrayList<>();
    for (RecordMetadata m : List.of(wlRandom, wlUnknown, subRandom, subUnknown)) {
      String where = m.topic() + "-" + m.partition() + "@" + m.offset();
      assertThat(log).as("a log line naming " + where).contains(where);
      skipped.add(where);
    }
    List<RecordMetadata> bad = List.of(wlRandom, wlUnknown, subRandom, subUnknown);
    // Sent by the global thread's own producer, outside the stream's transactions: awaited.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              List<DeadLetter> letters = deadLetters(topics.alertDeadLetters());
              assertThat(bad.stream().filter(m -> letterAt(letters, m) != null).count())
                  .as("a dead letter with topic, partition and offset for each bad record")
                  .isEqualTo(4);
            });
    long lettered = 4;
    report.note(
        CASE,
        "watchlists and subscribers: 2 random-byte and 2 unknown-schema records were logged as"
            + " skipped ("
            + String.join(", ", skipped)
            + ") and the good watchlist and subscriber written after them applied; dead letters"
            + " for them: "
            + lettered
            + " of 4.");
    report.row(
        new FaultReport.Row(
            "poison: bad bytes on watchlists and subscribers",
            1,
            2,
            2,
            0,
            0,
            4,
            "dead letters with topic, partition, offset and reason ("
                + lettered
                + "/4), also logged; the good records after them applied"));
  }

  @Test
  @Order(4)
  void shouldReportAWatchlistTheMatcherCannotUseAndMatchTheOthers() {
    // 600 words OR'ed: past every limit of the keyword parser, written straight to the topic
    // as an older version or a bug might have; the API refuses it (checked below).
    String huge =
        IntStream.range(0, 600).mapToObj(i -> "w" + i + "x").collect(Collectors.joining(" OR "));
    putWatchlist(Fixtures.watchlist("wl-poison-huge", "sub-p", huge, null, secure));
    NewsItem item = Fixtures.item(ns.prefix(), 12); // falcon and meadow
    send(topics.items(), item.getId(), avro(NewsItem.class, topics.items(), item));
    await("the other watchlists still match")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> alertPairs().contains(item.getId() + "|wl-poison-good"));
    String log = logs.text();
    assertThat(log).as("the unusable watchlist is reported").contains("wl-poison-huge is skipped");
    Http.Answer viaApi =
        http.post(
            pipeline.alertUrl() + "/v1/watchlists",
            subscriberKey,
            "application/json",
            utf8("{\"name\":\"huge\",\"query\":\"" + huge + "\"}"));
    report.note(
        CASE,
        "a watchlist whose query has 600 clauses (limit 256, 1,000 characters) written straight to"
            + " the watchlists topic: logged as skipped ('"
            + firstLine(log, "wl-poison-huge is skipped")
            + "'); the next item still alerted wl-poison-good; through the API the same query"
            + " answers HTTP "
            + viaApi.brief()
            + ". A query failing only at match time (WATCHLIST dead letter) could not be"
            + " provoked through the production parser: its limits keep queries under Lucene's"
            + " 1,024 clauses; matcher's WatchlistIndexTest covers that path with an injected"
            + " parser.");
    report.row(
        new FaultReport.Row(
            "poison: watchlist the matcher cannot use",
            1,
            1,
            1,
            0,
            0,
            2,
            "topic: logged as skipped, others matched; API: HTTP " + viaApi.brief()));
    assertThat(viaApi.status()).isEqualTo(400);
  }

  // ---- helpers

  private void putWatchlist(Watchlist w) {
    send(topics.watchlists(), w.getId(), avro(Watchlist.class, topics.watchlists(), w));
  }

  private List<DeadLetter> deadLetters(String topic) {
    return Kafka.readAll(
            rig.bootstrapServers(),
            topic,
            AvroSerde.forValues(registry, DeadLetter.class).deserializer())
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private static DeadLetter letterAt(List<DeadLetter> letters, RecordMetadata m) {
    return letters.stream()
        .filter(
            l ->
                l.getTopic().equals(m.topic())
                    && l.getPartition() == m.partition()
                    && l.getOffset() == m.offset())
        .findFirst()
        .orElse(null);
  }

  private Set<String> alertItemIds() {
    return alerts().stream().map(a -> a.getItem().getItem().getId()).collect(Collectors.toSet());
  }

  private Set<String> alertPairs() {
    return alerts().stream()
        .map(a -> a.getItem().getItem().getId() + "|" + a.getWatchlistId())
        .collect(Collectors.toSet());
  }

  private List<Alert> alerts() {
    return Kafka.readAll(
            rig.bootstrapServers(),
            topics.alerts(),
            AvroSerde.forValues(registry, Alert.class).deserializer())
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private static String describe(DeadLetter l) {
    return "dead letter: "
        + l.getTopic()
        + "-"
        + l.getPartition()
        + "@"
        + l.getOffset()
        + " "
        + l.getErrorType()
        + " by "
        + l.getService()
        + ": "
        + l.getReason();
  }

  private RecordMetadata send(String topic, String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic, utf8(key), value)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot produce to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private <T extends org.apache.avro.specific.SpecificRecord> byte[] avro(
      Class<T> type, String topic, T value) {
    return Fixtures.bytes(registry, type, topic, value);
  }

  static TaggedItem tagged(NewsItem item) {
    return TaggedItem.newBuilder()
        .setItem(item)
        .setSectors(List.of("semiconductors.chips"))
        .setLevel(RiskLevel.LOW)
        .setScore(20)
        .setTaxonomyVersion("fault-suite")
        .setTaggedAt(Instant.parse("2026-03-02T09:00:00Z"))
        .build();
  }

  /** Random bytes that do not start with the wire format's magic byte. */
  static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[64];
    random.nextBytes(bytes);
    bytes[0] = 0x7F;
    return bytes;
  }

  /** The wire format's header with a schema id no registry has, then some bytes. */
  static byte[] unknownSchema() {
    return ByteBuffer.allocate(16).put((byte) 0).putInt(987_654).putLong(42L).array();
  }

  private static byte[] utf8(String s) {
    return Fixtures.utf8(s);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }

  static String histogram(java.util.Collection<Http.Answer> answers) {
    Map<Integer, Long> byStatus =
        answers.stream()
            .collect(
                Collectors.groupingBy(
                    Http.Answer::status, java.util.TreeMap::new, Collectors.counting()));
    return byStatus.entrySet().stream()
        .map(e -> e.getValue() + "× " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static String firstLine(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(none)");
  }
}
