package eu.sectoralerts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.ItemKind;
import eu.sectoralerts.avro.MatchReason;
import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.avro.RiskLevel;
import eu.sectoralerts.avro.TaggedItem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final String TOPIC = "alerts";

  private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroSerde<Alert> plain = AvroSerde.forValues(registry, Alert.class);
  private final AvroSerde<Alert> sharing =
      AvroSerde.forValuesSharing(registry, Alert.class, "item");

  @Test
  void shouldWriteAlertsSharingAnItemByteForByteAsThePlainSerde() {
    TaggedItem battery = tagged("item-1", "Cell makers face a new export licence for graphite");
    TaggedItem rail = tagged("item-2", "A rail operator tenders signalling work");
    List<Alert> alerts =
        List.of(
            alert("a-1", battery),
            alert("a-2", battery),
            alert("a-3", rail),
            alert("a-4", battery),
            alert("a-5", battery));

    for (Alert alert : alerts) {
      byte[] bytes = sharing.serialize(TOPIC, alert);
      assertThat(bytes).isEqualTo(plain.serialize(TOPIC, alert));
      assertThat(sharing.deserialize(TOPIC, bytes)).isEqualTo(alert);
    }
  }

  @Test
  void shouldEncodeAnEqualButNewItemAfresh() {
    TaggedItem first = tagged("item-1", "Draft rules on cross-border data transfers");
    sharing.serialize(TOPIC, alert("a-1", first));
    TaggedItem changedCopy = TaggedItem.newBuilder(first).setScore(99).build();

    byte[] bytes = sharing.serialize(TOPIC, alert("a-2", changedCopy));

    assertThat(sharing.deserialize(TOPIC, bytes).getItem().getScore()).isEqualTo(99);
  }

  @Test
  void shouldGiveEveryThreadTheBytesOfItsOwnAlerts() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        TaggedItem item = tagged("item-" + t, "Subsidy round number " + t + " for heat pumps");
        results.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    Alert alert = alert("a-" + i, item);
                    if (!sharing
                        .deserialize(TOPIC, sharing.serialize(TOPIC, alert))
                        .equals(alert)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void shouldRefuseToShareAFieldThatIsNotARecord() {
    assertThatThrownBy(() -> AvroSerde.forValuesSharing(registry, Alert.class, "watchlistName"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchlistName");
    assertThatThrownBy(() -> AvroSerde.forValuesSharing(registry, Alert.class, "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  private static TaggedItem tagged(String id, String title) {
    NewsItem item =
        NewsItem.newBuilder()
            .setId(id)
            .setKind(ItemKind.POLICY)
            .setTitle(title)
            .setBody(title + ". The ministry named three provinces and a deadline.")
            .setEventDate(LocalDate.of(2025, 3, 14))
            .setPolicyName("A named plan")
            .setCompanies(List.of("Example Cells Co"))
            .setPublisher("analyst-1")
            .setPublishedAt(Instant.parse("2025-03-15T08:00:00Z"))
            .build();
    return TaggedItem.newBuilder()
        .setItem(item)
        .setSectors(List.of("batteries"))
        .setRisks(List.of("export-controls"))
        .setLevel(RiskLevel.MEDIUM)
        .setScore(7)
        .setTaxonomyVersion("test")
        .setTaggedAt(Instant.parse("2025-03-15T08:00:01Z"))
        .build();
  }

  private static Alert alert(String id, TaggedItem item) {
    return Alert.newBuilder()
        .setId(id)
        .setSubscriberId("sub-1")
        .setWatchlistId("wl-" + id)
        .setWatchlistName("Watchlist " + id)
        .setItem(item)
        .setReasons(
            List.of(
                MatchReason.newBuilder()
                    .setCriterion("sectors")
                    .setMatched(List.of("batteries"))
                    .build()))
        .setCreatedAt(Instant.parse("2025-03-15T08:00:02Z"))
        .build();
  }
}
