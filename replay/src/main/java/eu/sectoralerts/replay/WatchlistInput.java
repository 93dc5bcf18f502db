package eu.sectoralerts.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sectoralerts.alert.WatchlistRequest;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.common.ApiError;
import eu.sectoralerts.common.ApiException;
import eu.sectoralerts.common.ContentIds;
import eu.sectoralerts.common.Json;
import eu.sectoralerts.matcher.KeywordQueries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The watchlists a replay matches both taggings against, ordered by id, and what identifies them in
 * the report: where they came from and a SHA-256 over their content. They come from the live
 * compacted watchlists topic ({@link #fromTopic}, read to the end it had when reading started) or
 * from a JSON file ({@link #fromFile}).
 *
 * @param problems records of the topic that could not be read, or watchlists of the file the
 *     matcher refused; each is left out and named in the report
 */
public record WatchlistInput(
    String source, String sha256, List<Watchlist> watchlists, List<String> problems) {

  /** The creation time given to watchlists of a file, so their content never depends on a clock. */
  static final Instant FILE_TIME = Instant.EPOCH;

  private static final Pattern SUBSCRIBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> IGNORED_FIELDS = Set.of("createdAt", "updatedAt", "webhook");

  public WatchlistInput {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
    watchlists = watchlists.stream().sorted(Comparator.comparing(Watchlist::getId)).toList();
    problems = List.copyOf(problems);
  }

  /** Watchlists given directly (tests, embedding); the digest is computed from them. */
  public static WatchlistInput of(String source, List<Watchlist> watchlists) {
    return new WatchlistInput(source, digest(watchlists), watchlists, List.of());
  }

  /**
   * The watchlists of a JSON file: an array, or an object with a {@code watchlists} array, of
   * watchlists in the JSON the alert API accepts ({@code POST /v1/watchlists}: name, sectors,
   * risks, minLevel, kinds, entities, europeanFirmsOnly, query, webhookUrl) plus {@code
   * subscriberId} (required) and {@code id} (optional; derived from subscriber, name and position
   * when absent). What {@code GET /v1/watchlists} answers is accepted too once a subscriberId is
   * added: its createdAt, updatedAt and webhook are ignored. Webhooks are never called by a replay.
   *
   * @throws IllegalArgumentException naming the file and every invalid watchlist and field
   */
  public static WatchlistInput fromFile(Path file) {
    ObjectMapper json = Json.newMapper();
    byte[] bytes;
    JsonNode root;
    try {
      bytes = Files.readAllBytes(file);
      root = json.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode list = root != null && root.isObject() ? root.get("watchlists") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(
          file + " must hold an array of watchlists, or an object with a 'watchlists' array");
    }
    List<String> errors = new ArrayList<>();
    Map<String, Watchlist> byId = new TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "watchlists[" + i + "]";
      try {
        Watchlist watchlist = parse(json, list.get(i), i);
        if (byId.putIfAbsent(watchlist.getId(), watchlist) != null) {
          errors.add(where + ": id " + watchlist.getId() + " is used twice");
        }
      } catch (InvalidEntry e) {
        errors.add(where + ": " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid watchlists in " + file + ":\n  " + String.join("\n  ", errors));
    }
    return new WatchlistInput(
        file.toString(), Digests.sha256(bytes), List.copyOf(byId.values()), List.of());
  }

  /**
   * The live watchlists: the compacted topic read from its beginning to the end offsets it had when
   * reading started, the last value of each key winning and a tombstone deleting it. The consumer
   * has no group, so nothing is committed.
   *
   * @throws IllegalStateException when the topic cannot be read within {@code timeout}
   */
  public static WatchlistInput fromTopic(
      String bootstrapServers, String topic, Deserializer<Watchlist> values, Duration timeout) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sector-alerts-replay-watchlists");
    Map<String, Watchlist> latest = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read topic " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(tp) || record.key() == null) {
            continue;
          }
          if (record.value() == null) {
            latest.remove(record.key());
            continue;
          }
          try {
            latest.put(record.key(), values.deserialize(topic, record.value()));
          } catch (RuntimeException e) {
            problems.add(
                topic
                    + "-"
                    + record.partition()
                    + "@"
                    + record.offset()
                    + " (key "
                    + record.key()
                    + "): cannot be read: "
                    + e.getMessage());
          }
        }
      }
    }
    List<Watchlist> watchlists = List.copyOf(latest.values());
    return new WatchlistInput("topic:" + topic, digest(watchlists), watchlists, problems);
  }

  /** The watchlist ids of each subscriber. */
  public Map<String, List<String>> idsBySubscriber() {
    return watchlists.stream()
        .collect(
            Collectors.groupingBy(
                Watchlist::getSubscriberId,
                TreeMap::new,
                Collectors.mapping(Watchlist::getId, Collectors.toList())));
  }

  private static String digest(List<Watchlist> watchlists) {
    // Avro's toString is its JSON form: the same watchlists always give the same text.
    return Digests.sha256(
        watchlists.stream()
            .sorted(Comparator.comparing(Watchlist::getId))
            .map(Watchlist::toString)
            .collect(Collectors.joining("\n")));
  }

  private static Watchlist parse(ObjectMapper json, JsonNode node, int position) {
    if (node == null || !node.isObject()) {
      throw new InvalidEntry("must be a JSON object");
    }
    ObjectNode fields = ((ObjectNode) node).deepCopy();
    String subscriberId = text(fields.remove("subscriberId"), "subscriberId");
    if (subscriberId == null) {
      throw new InvalidEntry("subscriberId is required");
    }
    if (!SUBSCRIBER_ID.matcher(subscriberId).matches()) {
      throw new InvalidEntry("subscriberId must be 1 to 64 letters, digits, '_' or '-'");
    }
    String id = text(fields.remove("id"), "id");
    IGNORED_FIELDS.forEach(fields::remove);
    WatchlistRequest request;
    try {
      request = json.treeToValue(fields, WatchlistRequest.class);
    } catch (JsonProcessingException e) {
      throw new InvalidEntry(e.getOriginalMessage());
    }
    String name = request.name() == null ? "" : request.name();
    String watchlistId =
        id != null ? id : ContentIds.of("wl-", subscriberId, name, Integer.toString(position));
    try {
      return request.toWatchlist(
          watchlistId,
          subscriberId,
          FILE_TIME,
          Optional.empty(),
          new WatchlistRequest.Checks(
              KeywordQueries::problem,
              // A replay never calls a webhook, so any URL will do.
              url -> Optional.empty(),
              () -> "whsec_replay"));
    } catch (ApiException e) {
      List<ApiError.FieldError> problems = e.error().fields();
      throw new InvalidEntry(
          problems == null || problems.isEmpty()
              ? e.getMessage()
              : problems.stream()
                  .map(f -> f.field() + " " + f.message())
                  .collect(Collectors.joining("; ")));
    }
  }

  private static String text(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new InvalidEntry(field + " must be a non-blank string");
    }
    return node.asText().strip();
  }

  /** One entry of a watchlist file that cannot be used; the message says why. */
  private static final class InvalidEntry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidEntry(String message) {
      super(message, null, false, false);
    }
  }
}
