package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sectoralerts.avro.NewsItem;
import eu.sectoralerts.ingest.ItemPublisher.PublishException;
import eu.sectoralerts.ingest.ItemPublisher.PublishReceipt;
import eu.sectoralerts.registry.AvroSerde;
import eu.sectoralerts.registry.SchemaRegistryClient;
import eu.sectoralerts.registry.SchemaRegistryClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaItemPublisherTest {

  private static final String SCOPE = "ingest-publisher-test";

  private final SchemaRegistryClient registry = SchemaRegistryClients.forUrl("mock://" + SCOPE);
  private final AvroSerde<NewsItem> serde = AvroSerde.forValues(registry, NewsItem.class);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final NewsItem item = Fixtures.policyItem().build().toNewsItem(CLOCK);

  @AfterEach
  void dropRegistry() {
    SchemaRegistryClients.dropMockScope(SCOPE);
  }

  @Test
  void shouldKeyByItemIdWriteWireFormatAndReturnWhereItLanded() {
    MockProducer<String, NewsItem> producer =
        new MockProducer<>(true, null, new StringSerializer(), serde.serializer());
    KafkaItemPublisher publisher =
        new KafkaItemPublisher(producer, "news-items", Duration.ofSeconds(5));

    PublishReceipt first = publisher.publish(item);
    PublishReceipt second = publisher.publish(item);

    assertThat(first.topic()).isEqualTo("news-items");
    assertThat(second)
        .isEqualTo(new PublishReceipt("news-items", first.partition(), first.offset() + 1));
    assertThat(producer.history())
        .extracting(r -> r.topic(), r -> r.key(), r -> r.value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("news-items", item.getId(), item),
            org.assertj.core.groups.Tuple.tuple("news-items", item.getId(), item));
    byte[] written = serde.serialize("news-items", item);
    assertThat(serde.deserialize("news-items", written)).isEqualTo(item);
    assertThat(registry.latest("news-items-value")).isNotNull();
  }

  @Test
  void shouldTurnABrokerErrorIntoAPublishExceptionSayingWhy() {
    MockProducer<String, NewsItem> producer =
        new MockProducer<>(false, null, new StringSerializer(), serde.serializer());
    KafkaItemPublisher publisher =
        new KafkaItemPublisher(producer, "news-items", Duration.ofSeconds(5));
    // With autoComplete off the send stays pending until errorNext completes it.
    Thread failer =
        new Thread(
            () -> {
              while (!producer.errorNext(new NotEnoughReplicasException("only 1 of 3 in sync"))) {
                Thread.onSpinWait();
              }
            });
    failer.start();

    assertThatThrownBy(() -> publisher.publish(item))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining(item.getId())
        .hasMessageContaining("news-items")
        .hasMessageContaining("only 1 of 3 in sync");
  }

  @Test
  void shouldTurnAFailedSerializationIntoAPublishException() {
    MockProducer<String, NewsItem> producer =
        new MockProducer<>(
            true,
            null,
            new StringSerializer(),
            (topic, value) -> {
              throw new org.apache.kafka.common.errors.SerializationException("registry down");
            });
    KafkaItemPublisher publisher =
        new KafkaItemPublisher(producer, "news-items", Duration.ofSeconds(5));

    assertThatThrownBy(() -> publisher.publish(item))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("registry down");
  }

  @Test
  void shouldCloseTheProducer() {
    MockProducer<String, NewsItem> producer =
        new MockProducer<>(true, null, new StringSerializer(), serde.serializer());

    new KafkaItemPublisher(producer, "news-items", Duration.ofSeconds(5)).close();

    assertThat(producer.closed()).isTrue();
  }

  @Test
  void shouldConfigureADurableIdempotentProducerThatGivesUpInTime() {
    var config = KafkaItemPublisher.producerConfig("broker:9092", Duration.ofSeconds(7));

    assertThat(config)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 7000)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 7000)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 7000);
    assertThat(List.copyOf(config.keySet())).doesNotContain(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
  }

  @Test
  void shouldPublishABatchInOneCommittedTransaction() {
    MockProducer<String, NewsItem> transactional =
        new MockProducer<>(true, null, new StringSerializer(), serde.serializer());
    NewsItem other = Fixtures.policyItem().title("Another plan").build().toNewsItem(CLOCK);
    KafkaItemPublisher publisher = transactionalPublisher(() -> transactional);

    List<PublishReceipt> receipts = publisher.publishAll(List.of(item, other));

    assertThat(transactional.transactionInitialized()).isTrue();
    assertThat(transactional.transactionCommitted()).isTrue();
    assertThat(transactional.history())
        .extracting(r -> r.key())
        .containsExactly(item.getId(), other.getId());
    assertThat(receipts).hasSize(2).allMatch(r -> r.topic().equals("news-items"));
  }

  @Test
  void shouldAbortTheBatchWhenAnItemCannotBeSent() {
    MockProducer<String, NewsItem> transactional =
        new MockProducer<>(true, null, new StringSerializer(), serde.serializer());
    transactional.sendException = new org.apache.kafka.common.KafkaException("broker went away");
    KafkaItemPublisher publisher = transactionalPublisher(() -> transactional);

    assertThatThrownBy(() -> publisher.publishAll(List.of(item)))
        .isInstanceOf(PublishException.class)
        .hasMessageStartingWith("Could not publish 1 items (" + item.getId())
        .hasMessageContaining("broker went away");
    assertThat(transactional.transactionAborted()).isTrue();
    assertThat(transactional.history()).isEmpty();
  }

  @Test
  void shouldMakeANewTransactionalProducerAfterOneIsFenced() {
    List<MockProducer<String, NewsItem>> made = new java.util.ArrayList<>();
    KafkaItemPublisher publisher =
        transactionalPublisher(
            () -> {
              MockProducer<String, NewsItem> producer =
                  new MockProducer<>(true, null, new StringSerializer(), serde.serializer());
              made.add(producer);
              return producer;
            });
    publisher.publishAll(List.of(item));
    made.get(0).fenceProducer();

    assertThatThrownBy(() -> publisher.publishAll(List.of(item)))
        .isInstanceOf(PublishException.class);
    publisher.publishAll(List.of(item));

    assertThat(made).hasSize(2);
    assertThat(made.get(0).closed()).isTrue();
    assertThat(made.get(1).history()).hasSize(1);
  }

  @Test
  void shouldPublishABatchItemByItemWithoutATransactionalProducer() {
    MockProducer<String, NewsItem> producer =
        new MockProducer<>(true, null, new StringSerializer(), serde.serializer());
    KafkaItemPublisher publisher =
        new KafkaItemPublisher(producer, "news-items", Duration.ofSeconds(5));

    assertThat(publisher.publishAll(List.of(item, item))).hasSize(2);
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void shouldGiveEachProcessItsOwnTransactionalId() {
    var first = KafkaItemPublisher.transactionalConfig("broker:9092", Duration.ofSeconds(7));
    var second = KafkaItemPublisher.transactionalConfig("broker:9092", Duration.ofSeconds(7));

    assertThat((String) first.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG))
        .startsWith("ingest-service-")
        .isNotEqualTo(second.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    assertThat(first)
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 21_000)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
  }

  private KafkaItemPublisher transactionalPublisher(
      java.util.function.Supplier<org.apache.kafka.clients.producer.Producer<String, NewsItem>>
          factory) {
    return new KafkaItemPublisher(
        new MockProducer<>(true, null, new StringSerializer(), serde.serializer()),
        factory,
        "news-items",
        Duration.ofSeconds(5));
  }
}
