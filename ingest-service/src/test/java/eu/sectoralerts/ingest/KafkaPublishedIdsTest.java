package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class KafkaPublishedIdsTest {

  private static final String TOPIC = "news-items";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

  @Test
  void shouldKnowTheIdsOnTheTopicOnceStarted() {
    topicWith(Map.of(P0, 2L, P1, 1L));
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(P0, 0, "itm-a"));
          consumer.addRecord(record(P0, 1, "itm-b"));
          consumer.addRecord(record(P1, 0, "itm-c"));
        });

    try (KafkaPublishedIds ids = KafkaPublishedIds.start(consumer, TOPIC, Duration.ofSeconds(5))) {
      assertThat(ids.claim("itm-a")).isFalse();
      assertThat(ids.claim("itm-c")).isFalse();
      assertThat(ids.claim("itm-new")).isTrue();
    }
  }

  @Test
  void shouldLetOneOfTwoClaimsWinAndAFailedOneBeRetried() {
    topicWith(Map.of(P0, 0L, P1, 0L));

    try (KafkaPublishedIds ids = KafkaPublishedIds.start(consumer, TOPIC, Duration.ofSeconds(5))) {
      assertThat(ids.claim("itm-x")).isTrue();
      assertThat(ids.claim("itm-x")).isFalse();
      ids.release("itm-x");
      assertThat(ids.claim("itm-x")).isTrue();
    }
  }

  @Test
  void shouldFollowIdsPublishedAfterStart() {
    topicWith(Map.of(P0, 0L, P1, 0L));

    try (KafkaPublishedIds ids = KafkaPublishedIds.start(consumer, TOPIC, Duration.ofSeconds(5))) {
      consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 0, "itm-later")));

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids.seenOnTopic("itm-later"));
      assertThat(ids.claim("itm-later")).isFalse();
    }
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldFailToStartWhenTheTopicCannotBeReadInTime() {
    topicWith(Map.of(P0, 5L, P1, 0L)); // five records announced, none ever arrives

    assertThatThrownBy(() -> KafkaPublishedIds.start(consumer, TOPIC, Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("news-items");
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldReadCommittedRecordsFromTheBeginningWithoutAGroup() {
    assertThat(KafkaPublishedIds.consumerConfig("broker:9092"))
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
  }

  private void topicWith(Map<TopicPartition, Long> endOffsets) {
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        TOPIC,
        List.of(
            new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
            new PartitionInfo(TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(endOffsets);
  }

  private static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset, String key) {
    return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, key, new byte[] {0});
  }
}
