package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void shouldKeepItemHistoryForeverAndCompactWatchlistsSubscribersAndDeliveries() {
    var specs = PipelineTopics.defaults().specs(3, (short) 1);

    assertThat(specs)
        .filteredOn(s -> s.name().equals("news-items"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.configs())
                    .containsEntry("retention.ms", "-1")
                    .containsEntry("cleanup.policy", "delete"));
    assertThat(specs)
        .filteredOn(s -> s.name().equals("watchlists"))
        .singleElement()
        .satisfies(s -> assertThat(s.configs()).isEqualTo(Map.of("cleanup.policy", "compact")));
    assertThat(specs)
        .filteredOn(s -> s.name().equals("subscribers") || s.name().equals("webhook-deliveries"))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.configs()).isEqualTo(Map.of("cleanup.policy", "compact")))
        .allSatisfy(s -> assertThat(s.partitions()).isEqualTo(3));
    assertThat(specs).extracting(TopicSpec::name).doesNotHaveDuplicates().hasSize(8);
  }

  @Test
  void shouldRejectImpossibleTopics() {
    assertThatThrownBy(() -> TopicSpec.history("x", 0, (short) 1))
        .hasMessageContaining("partitions must be >= 1");
    assertThatThrownBy(() -> TopicSpec.history(" ", 1, (short) 1))
        .hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> TopicSpec.compacted("x", 1, (short) 0))
        .hasMessageContaining("replication factor");
  }

  @Test
  void shouldTranslateToAnAdminRequestWithTheSameSettings() {
    var newTopic = TopicSpec.retained("alerts", 4, (short) 3, 1000).toNewTopic();

    assertThat(newTopic.name()).isEqualTo("alerts");
    assertThat(newTopic.numPartitions()).isEqualTo(4);
    assertThat(newTopic.replicationFactor()).isEqualTo((short) 3);
    assertThat(newTopic.configs()).containsEntry("retention.ms", "1000");
  }
}
