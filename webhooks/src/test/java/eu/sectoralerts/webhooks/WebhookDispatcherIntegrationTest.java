package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.sectoralerts.avro.Alert;
import eu.sectoralerts.avro.DeadLetter;
import eu.sectoralerts.avro.DeliveryAttempt;
import eu.sectoralerts.avro.DeliveryStatus;
import eu.sectoralerts.avro.Watchlist;
import eu.sectoralerts.avro.WebhookDelivery;
import eu.sectoralerts.avro.WebhookTarget;
import eu.sectoralerts.testkit.KafkaCluster;
import eu.sectoralerts.testkit.KafkaClusterExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(KafkaClusterExtension.class)
class WebhookDispatcherIntegrationTest {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcherIntegrationTest.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private DispatcherFixture fixture;
  private final List<TestReceiver> receivers = new ArrayList<>();

  @BeforeEach
  void setUp(KafkaCluster cluster) {
    fixture = new DispatcherFixture(cluster);
  }

  @AfterEach
  void tearDown() {
    receivers.forEach(TestReceiver::release);
    fixture.close();
    receivers.forEach(TestReceiver::close);
  }

  private TestReceiver receiver(TestReceiver r) {
    receivers.add(r);
    return r;
  }

  private static boolean hasStatus(WebhookDispatcher d, String id, DeliveryStatus status) {
    return d.delivery(id).map(x -> x.getStatus() == status).orElse(false);
  }

  private static List<String> ids(List<Alert> alerts) {
    return alerts.stream().map(Alert::getId).toList();
  }

  @Test
  void shouldPostEachAlertOnceSignedWithTheStandardWebhooksHeaders() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(204));
    Watchlist hooked = fixture.watchlist("sub-a", receiver.url("/hooks/rail"));
    Watchlist plain = fixture.watchlist("sub-a", null);
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    // Same subscriber, same partition: the alert without webhook is read before the others.
    Alert withoutWebhook = fixture.alert(plain);
    fixture.publish(withoutWebhook);
    List<Alert> alerts =
        List.of(fixture.alert(hooked), fixture.alert(hooked), fixture.alert(hooked));
    alerts.forEach(fixture::publish);

    await()
        .atMost(WAIT)
        .until(
            () ->
                alerts.stream()
                    .allMatch(a -> hasStatus(dispatcher, a.getId(), DeliveryStatus.DELIVERED)));

    assertThat(receiver.requests()).hasSize(3);
    for (Alert alert : alerts) {
      List<TestReceiver.Request> got = receiver.requestsWithId(alert.getId());
      assertThat(got).hasSize(1);
      TestReceiver.Request request = got.get(0);
      byte[] expectedBody = DispatcherFixture.render(alert).getBytes(StandardCharsets.UTF_8);
      assertThat(request.body()).isEqualTo(expectedBody);
      assertThat(request.header("content-type")).isEqualTo("application/json");
      long timestamp = Long.parseLong(request.header("webhook-timestamp"));
      assertThat(timestamp)
          .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
      assertThat(
              WebhookSignatures.verify(
                  hooked.getWebhook().getSecret(),
                  request.id(),
                  request.header("webhook-timestamp"),
                  request.body(),
                  request.header("webhook-signature"),
                  Instant.now(),
                  Duration.ofMinutes(5)))
          .isTrue();
      WebhookDelivery delivery = dispatcher.delivery(alert.getId()).orElseThrow();
      assertThat(delivery.getPayload()).isEqualTo(DispatcherFixture.render(alert));
      assertThat(delivery.getAttempts()).hasSize(1);
      DeliveryAttempt attempt = delivery.getAttempts().get(0);
      assertThat(attempt.getUrl()).isEqualTo(receiver.url("/hooks/rail").toString());
      assertThat(attempt.getStatusCode()).isEqualTo(204);
      assertThat(attempt.getError()).isNull();
      assertThat(attempt.getRedelivery()).isFalse();
    }
    assertThat(dispatcher.delivery(withoutWebhook.getId())).isEmpty();
    assertThat(
            dispatcher.deliveries("sub-a", Optional.empty(), 10).stream()
                .map(WebhookDelivery::getId))
        .containsExactlyInAnyOrderElementsOf(ids(alerts));
    assertThat(dispatcher.deliveries("sub-b", Optional.empty(), 10)).isEmpty();
    assertThat(dispatcher.deliveries("sub-a", Optional.of(hooked.getId()), 2)).hasSize(2);
    Map<String, WebhookDelivery> onTopic = fixture.deliveriesOnTopic();
    assertThat(onTopic.keySet()).containsExactlyInAnyOrderElementsOf(ids(alerts));
    assertThat(onTopic.values()).allMatch(d -> d.getStatus() == DeliveryStatus.DELIVERED);
    assertThat(fixture.deadLetters()).isEmpty();
  }

  @Test
  void shouldDeliverEveryAlertOnceTheReceiverComesBack() {
    TestReceiver receiver = receiver(TestReceiver.down());
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alerts.add(fixture.alert(watchlist));
    }
    alerts.forEach(fixture::publish);

    // Down: connections refused, at least twice per alert.
    await()
        .atMost(WAIT)
        .until(
            () ->
                alerts.stream()
                    .allMatch(
                        a ->
                            dispatcher
                                .delivery(a.getId())
                                .map(d -> d.getAttempts().size() >= 2)
                                .orElse(false)));
    // Up, but failing with 500 for the first few requests.
    AtomicInteger served = new AtomicInteger();
    receiver.answering(() -> served.incrementAndGet() <= 4 ? 500 : 200).listen();
    await()
        .atMost(WAIT)
        .until(
            () ->
                alerts.stream()
                    .allMatch(a -> hasStatus(dispatcher, a.getId(), DeliveryStatus.DELIVERED)));

    assertThat(receiver.distinctIds()).containsExactlyInAnyOrderElementsOf(ids(alerts));
    LOG.info(
        "{} alerts delivered with {} raw POSTs reaching the receiver",
        alerts.size(),
        receiver.requests().size());
    assertThat(receiver.requests().size()).isGreaterThanOrEqualTo(alerts.size() + 4);
    for (Alert alert : alerts) {
      List<DeliveryAttempt> attempts =
          dispatcher.delivery(alert.getId()).orElseThrow().getAttempts();
      assertThat(attempts.get(0).getStatusCode()).isNull();
      assertThat(attempts.get(0).getError()).startsWith("could not connect");
      assertThat(attempts.get(attempts.size() - 1).getStatusCode()).isEqualTo(200);
      // Every POST that reached the receiver is recorded as an attempt with its status.
      long answered = attempts.stream().filter(a -> a.getStatusCode() != null).count();
      assertThat(receiver.requestsWithId(alert.getId())).hasSize((int) answered);
      assertThat(
              receiver.requestsWithId(alert.getId()).stream()
                  .map(r -> new String(r.body(), StandardCharsets.UTF_8))
                  .distinct())
          .containsExactly(DispatcherFixture.render(alert));
    }
    assertThat(fixture.deadLetters()).isEmpty();
  }

  @Test
  void shouldNeitherRepeatDeliveredAlertsNorDropPendingOnesAfterARestart() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(204));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    WebhookDispatcher first = fixture.start(DispatcherFixture.fast());
    List<Alert> delivered =
        List.of(fixture.alert(watchlist), fixture.alert(watchlist), fixture.alert(watchlist));
    delivered.forEach(fixture::publish);
    await()
        .atMost(WAIT)
        .until(
            () ->
                delivered.stream()
                    .allMatch(a -> hasStatus(first, a.getId(), DeliveryStatus.DELIVERED)));
    receiver.answering(500);
    List<Alert> pending = List.of(fixture.alert(watchlist), fixture.alert(watchlist));
    pending.forEach(fixture::publish);
    await()
        .atMost(WAIT)
        .until(
            () ->
                pending.stream()
                    .allMatch(
                        a ->
                            first
                                .delivery(a.getId())
                                .map(d -> !d.getAttempts().isEmpty())
                                .orElse(false)));

    first.close();
    receiver.answering(204);
    WebhookDispatcher second = fixture.start(DispatcherFixture.fast());
    await()
        .atMost(WAIT)
        .until(
            () ->
                pending.stream()
                    .allMatch(a -> hasStatus(second, a.getId(), DeliveryStatus.DELIVERED)));
    // A later alert of the same subscriber (same partition) is delivered only after everything
    // before it was read: by then any repeat would have happened.
    Alert later = fixture.alert(watchlist);
    fixture.publish(later);
    await().atMost(WAIT).until(() -> hasStatus(second, later.getId(), DeliveryStatus.DELIVERED));

    for (Alert alert : delivered) {
      assertThat(receiver.requestsWithId(alert.getId())).hasSize(1);
      WebhookDelivery known = second.delivery(alert.getId()).orElseThrow();
      assertThat(known.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(known.getAttempts()).hasSize(1);
    }
    for (Alert alert : pending) {
      List<DeliveryAttempt> attempts = second.delivery(alert.getId()).orElseThrow().getAttempts();
      assertThat(attempts.get(0).getStatusCode()).isEqualTo(500);
      assertThat(attempts.get(attempts.size() - 1).getStatusCode()).isEqualTo(204);
      assertThat(receiver.requestsWithId(alert.getId())).hasSize(attempts.size());
    }
    assertThat(receiver.requestsWithId(later.getId())).hasSize(1);
  }

  @Test
  void shouldRetryAnAttemptCutOffBeforeTheAnswerWithTheSameWebhookIdAndBody() {
    AtomicInteger served = new AtomicInteger();
    TestReceiver receiver =
        receiver(
            TestReceiver.start()
                .answering(() -> served.incrementAndGet() == 1 ? TestReceiver.HANG_UP : 204));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert alert = fixture.alert(watchlist);
    fixture.publish(alert);

    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.DELIVERED));

    // The receiver had the first request, but only an answer makes a delivery DELIVERED: a
    // receiver that records a request is no proof the dispatcher will not send it again.
    byte[] body = DispatcherFixture.render(alert).getBytes(StandardCharsets.UTF_8);
    List<TestReceiver.Request> got = receiver.requestsWithId(alert.getId());
    assertThat(got).hasSize(2);
    assertThat(got).allSatisfy(r -> assertThat(r.body()).isEqualTo(body));
    assertThat(receiver.distinctIds()).containsExactly(alert.getId());
    List<DeliveryAttempt> attempts = dispatcher.delivery(alert.getId()).orElseThrow().getAttempts();
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).getStatusCode()).isNull();
    assertThat(attempts.get(0).getError()).startsWith("I/O error");
    assertThat(attempts.get(1).getStatusCode()).isEqualTo(204);
  }

  @Test
  void shouldNotPostADeliveredAlertAgainWhenItsReceiverIsReplacedOnTheSamePort() {
    TestReceiver first = receiver(TestReceiver.start().answering(204));
    Watchlist watchlist = fixture.watchlist("sub-a", first.url("/hook"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert delivered = fixture.alert(watchlist);
    fixture.publish(delivered);
    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, delivered.getId(), DeliveryStatus.DELIVERED));
    // Down as after a crash; the client's kept-alive connection to it is closed too.
    first.close();

    List<Alert> whileDown = List.of(fixture.alert(watchlist), fixture.alert(watchlist));
    whileDown.forEach(fixture::publish);
    await()
        .atMost(WAIT)
        .until(
            () ->
                whileDown.stream()
                    .allMatch(
                        a ->
                            dispatcher
                                .delivery(a.getId())
                                .map(d -> d.getAttempts().size() >= 2)
                                .orElse(false)));
    TestReceiver second = receiver(TestReceiver.on(first.port()).answering(204).listen());
    await()
        .atMost(WAIT)
        .until(
            () ->
                whileDown.stream()
                    .allMatch(a -> hasStatus(dispatcher, a.getId(), DeliveryStatus.DELIVERED)));
    // A later alert of the same subscriber is delivered after everything before it was read and
    // retried: by then any repeat would have happened.
    Alert later = fixture.alert(watchlist);
    fixture.publish(later);
    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, later.getId(), DeliveryStatus.DELIVERED));

    assertThat(first.requests())
        .extracting(TestReceiver.Request::id)
        .containsExactly(delivered.getId());
    List<String> expected = new ArrayList<>(ids(whileDown));
    expected.add(later.getId());
    assertThat(second.requests())
        .extracting(TestReceiver.Request::id)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(dispatcher.delivery(delivered.getId()).orElseThrow().getAttempts()).hasSize(1);
  }

  @Test
  void shouldNotLetASlowEndpointDelayOtherSubscribers() {
    TestReceiver slow = receiver(TestReceiver.start().holding());
    TestReceiver fast = receiver(TestReceiver.start().answering(204));
    Watchlist ofA = fixture.watchlist("sub-a", slow.url("/slow"));
    Watchlist ofB = fixture.watchlist("sub-b", fast.url("/fast"));
    WebhookSettings settings = DispatcherFixture.fast(); // 2 s request timeout, 4 per endpoint
    WebhookDispatcher dispatcher = fixture.start(settings);
    List<Alert> alertsOfA = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      alertsOfA.add(fixture.alert(ofA));
    }
    alertsOfA.forEach(fixture::publish);
    await().atMost(WAIT).until(() -> slow.inFlight() == settings.maxInFlightPerEndpoint());
    List<Alert> alertsOfB = List.of(fixture.alert(ofB), fixture.alert(ofB), fixture.alert(ofB));
    alertsOfB.forEach(fixture::publish);

    await()
        .atMost(WAIT)
        .until(
            () ->
                alertsOfB.stream()
                    .allMatch(a -> hasStatus(dispatcher, a.getId(), DeliveryStatus.DELIVERED)));

    // A's first attempts are still waiting for their answer: none has ended yet.
    assertThat(alertsOfA)
        .allSatisfy(
            a -> assertThat(dispatcher.delivery(a.getId()).orElseThrow().getAttempts()).isEmpty());
    assertThat(slow.inFlight()).isEqualTo(settings.maxInFlightPerEndpoint());
    assertThat(slow.maxInFlight()).isEqualTo(settings.maxInFlightPerEndpoint());
    assertThat(fast.distinctIds()).containsExactlyInAnyOrderElementsOf(ids(alertsOfB));
    // Then they time out, four at a time: the other four started only once the first had ended.
    await()
        .atMost(WAIT)
        .until(
            () ->
                alertsOfA.stream()
                    .allMatch(
                        a ->
                            !dispatcher.delivery(a.getId()).orElseThrow().getAttempts().isEmpty()));
    List<DeliveryAttempt> firstAttempts =
        alertsOfA.stream()
            .map(a -> dispatcher.delivery(a.getId()).orElseThrow().getAttempts().get(0))
            .sorted(Comparator.comparing(DeliveryAttempt::getAttemptedAt))
            .toList();
    assertThat(firstAttempts)
        .extracting(DeliveryAttempt::getError)
        .containsOnly("timed out after 2000 ms");
    assertThat(firstAttempts.get(4).getAttemptedAt())
        .isAfterOrEqualTo(firstAttempts.get(0).getAttemptedAt().plusMillis(1900));
  }

  @Test
  void shouldGiveUpAtOnceWhenTheEndpointIsGone() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(410));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/gone"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert alert = fixture.alert(watchlist);
    RecordMetadata where = fixture.publish(alert);

    await().atMost(WAIT).until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.GAVE_UP));
    await().atMost(WAIT).until(() -> !fixture.deadLetters().isEmpty());

    WebhookDelivery delivery = dispatcher.delivery(alert.getId()).orElseThrow();
    assertThat(delivery.getAttempts()).hasSize(1);
    assertThat(delivery.getNextAttemptAt()).isNull();
    List<DeadLetter> letters = fixture.deadLetters();
    assertThat(letters)
        .containsExactly(
            expectedLetter(
                where,
                alert,
                "the endpoint answered 410 Gone, so it is not retried; last attempt to "
                    + receiver.url("/gone")
                    + ": HTTP 410",
                letters.get(0).getFailedAt()));
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void shouldGiveUpWithADeadLetterWhenTheEndpointFailsPastTheGiveUpAge() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(500));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/broken"));
    WebhookSettings settings =
        new WebhookSettings(
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            Duration.ofSeconds(2),
            64,
            4,
            true,
            true);
    WebhookDispatcher dispatcher = fixture.start(settings);
    Alert alert = fixture.alert(watchlist);
    RecordMetadata where = fixture.publish(alert);

    await().atMost(WAIT).until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.GAVE_UP));
    await().atMost(WAIT).until(() -> !fixture.deadLetters().isEmpty());

    WebhookDelivery delivery = dispatcher.delivery(alert.getId()).orElseThrow();
    int attempts = delivery.getAttempts().size();
    assertThat(attempts).isGreaterThanOrEqualTo(3);
    assertThat(delivery.getAttempts()).allMatch(a -> a.getStatusCode() == 500);
    assertThat(delivery.getUpdatedAt())
        .isAfterOrEqualTo(delivery.getCreatedAt().plus(settings.giveUpAfter()));
    List<DeadLetter> letters = fixture.deadLetters();
    assertThat(letters)
        .containsExactly(
            expectedLetter(
                where,
                alert,
                "no attempt succeeded within PT2S ("
                    + attempts
                    + " attempts); last attempt to "
                    + receiver.url("/broken")
                    + ": HTTP 500",
                letters.get(0).getFailedAt()));
    assertThat(receiver.requests()).hasSize(attempts);
    assertThat(fixture.deliveriesOnTopic().get(alert.getId()).getStatus())
        .isEqualTo(DeliveryStatus.GAVE_UP);
  }

  private DeadLetter expectedLetter(
      RecordMetadata where, Alert alert, String why, Instant failedAt) {
    return new DeadLetter(
        fixture.alerts.name(),
        where.partition(),
        where.offset(),
        ByteBuffer.wrap(alert.getSubscriberId().getBytes(StandardCharsets.UTF_8)),
        null,
        "Webhook delivery "
            + alert.getId()
            + " of watchlist "
            + alert.getWatchlistId()
            + " given up: "
            + why,
        "DELIVERY",
        fixture.groupId,
        failedAt);
  }

  @Test
  void shouldRedeliverWithTheSameWebhookIdWhenAsked() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(200));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert alert = fixture.alert(watchlist);
    fixture.publish(alert);
    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.DELIVERED));

    WebhookDelivery requested = dispatcher.redeliver(alert.getId());

    assertThat(requested.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(requested.getNextAttemptAt()).isNotNull();
    await()
        .atMost(WAIT)
        .until(() -> dispatcher.delivery(alert.getId()).orElseThrow().getAttempts().size() == 2);
    WebhookDelivery after = dispatcher.delivery(alert.getId()).orElseThrow();
    assertThat(after.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(after.getNextAttemptAt()).isNull();
    assertThat(after.getAttempts().stream().map(DeliveryAttempt::getRedelivery))
        .containsExactly(false, true);
    List<TestReceiver.Request> posts = receiver.requestsWithId(alert.getId());
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
    assertThat(receiver.distinctIds()).containsExactly(alert.getId());
    assertThatThrownBy(() -> dispatcher.redeliver("alr-unknown"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("alr-unknown");
  }

  @Test
  void shouldCancelWithoutPostingWhenTheWatchlistIsDeletedBeforeTheFirstAttempt() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(204));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    // The watchlist is deleted just after its alert was matched: by the first attempt it is gone.
    fixture.payload =
        alert -> {
          fixture.watchlists.delete(alert.getWatchlistId());
          return DispatcherFixture.render(alert);
        };
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert alert = fixture.alert(watchlist);
    fixture.publish(alert);

    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.CANCELLED));

    WebhookDelivery cancelled = dispatcher.delivery(alert.getId()).orElseThrow();
    assertThat(cancelled.getAttempts()).isEmpty();
    assertThat(cancelled.getNextAttemptAt()).isNull();
    assertThat(receiver.requests()).isEmpty();
    assertThat(fixture.deliveriesOnTopic().get(alert.getId()).getStatus())
        .isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void shouldStopRetryingOnceTheWatchlistIsDeleted() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(503));
    Watchlist doomed = fixture.watchlist("sub-a", receiver.url("/doomed"));
    Watchlist kept = fixture.watchlist("sub-a", receiver.url("/kept"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert alert = fixture.alert(doomed);
    fixture.publish(alert);
    await()
        .atMost(WAIT)
        .until(
            () ->
                dispatcher
                    .delivery(alert.getId())
                    .map(d -> d.getAttempts().size() >= 2)
                    .orElse(false));

    fixture.watchlists.delete(doomed.getId());
    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.CANCELLED));
    int postsWhenCancelled = receiver.requestsWithId(alert.getId()).size();
    receiver.answering(204);
    Alert other = fixture.alert(kept);
    fixture.publish(other);
    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, other.getId(), DeliveryStatus.DELIVERED));

    assertThat(receiver.requestsWithId(alert.getId())).hasSize(postsWhenCancelled);
    assertThat(dispatcher.delivery(alert.getId()).orElseThrow().getAttempts())
        .hasSize(postsWhenCancelled);
  }

  @Test
  void shouldTakeUrlAndSecretFromTheCurrentWatchlistAtEachAttempt() {
    TestReceiver old = receiver(TestReceiver.start().answering(500));
    TestReceiver replacement = receiver(TestReceiver.start().answering(204));
    Watchlist watchlist = fixture.watchlist("sub-a", old.url("/old"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    Alert alert = fixture.alert(watchlist);
    fixture.publish(alert);
    await().atMost(WAIT).until(() -> !old.requests().isEmpty());

    String rotated = WebhookSecrets.newSecret(new SecureRandom());
    fixture.watchlists.put(
        Watchlist.newBuilder(watchlist)
            .setWebhook(new WebhookTarget(replacement.url("/new").toString(), rotated))
            .build());
    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.DELIVERED));

    TestReceiver.Request request = replacement.requests().get(0);
    assertThat(replacement.requests()).hasSize(1);
    assertThat(
            WebhookSignatures.verify(
                rotated,
                request.id(),
                request.header("webhook-timestamp"),
                request.body(),
                request.header("webhook-signature")))
        .isTrue();
    assertThat(
            WebhookSignatures.verify(
                watchlist.getWebhook().getSecret(),
                request.id(),
                request.header("webhook-timestamp"),
                request.body(),
                request.header("webhook-signature")))
        .isFalse();
    assertThat(request.body()).isEqualTo(old.requests().get(0).body());
  }

  @Test
  void shouldRefuseAPrivateAddressBeforeEveryAttemptWithoutPosting() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(204));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    WebhookSettings strict =
        new WebhookSettings(
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofMinutes(10),
            64,
            4,
            true,
            false);
    WebhookDispatcher dispatcher = fixture.start(strict);
    Alert alert = fixture.alert(watchlist);
    fixture.publish(alert);

    await()
        .atMost(WAIT)
        .until(
            () ->
                dispatcher
                    .delivery(alert.getId())
                    .map(d -> d.getAttempts().size() >= 2)
                    .orElse(false));

    WebhookDelivery delivery = dispatcher.delivery(alert.getId()).orElseThrow();
    assertThat(delivery.getStatus()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.getAttempts().get(0).getError())
        .isEqualTo(
            "URL refused: must not point at a link-local, metadata, private or loopback address"
                + " (127.0.0.1 is loopback)");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void shouldDeadLetterAnAlertItCannotReadAndPassOverThoseOfSubscribersWithoutWebhooks() {
    TestReceiver receiver = receiver(TestReceiver.start().answering(204));
    Watchlist watchlist = fixture.watchlist("sub-a", receiver.url("/hook"));
    WebhookDispatcher dispatcher = fixture.start(DispatcherFixture.fast());
    RecordMetadata garbage;
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<byte[], byte[]>(
            Map.of("bootstrap.servers", fixture.cluster.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      // sub-b has no webhook: its records are not even decoded (alert-service's inbox, which
      // files every alert, dead-letters the ones it cannot read).
      raw.send(
              new ProducerRecord<>(
                  fixture.alerts.name(),
                  "sub-b".getBytes(StandardCharsets.UTF_8),
                  new byte[] {4, 5, 6}))
          .get();
      garbage =
          raw.send(
                  new ProducerRecord<>(
                      fixture.alerts.name(),
                      "sub-a".getBytes(StandardCharsets.UTF_8),
                      new byte[] {1, 2, 3}))
              .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Alert alert = fixture.alert(watchlist);
    fixture.publish(alert);

    await()
        .atMost(WAIT)
        .until(() -> hasStatus(dispatcher, alert.getId(), DeliveryStatus.DELIVERED));
    await().atMost(WAIT).until(() -> !fixture.deadLetters().isEmpty());

    List<DeadLetter> letters = fixture.deadLetters();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.getTopic()).isEqualTo(fixture.alerts.name());
    assertThat(letter.getPartition()).isEqualTo(garbage.partition());
    assertThat(letter.getOffset()).isEqualTo(garbage.offset());
    assertThat(letter.getErrorType()).isEqualTo("DESERIALIZATION");
    assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(letter.getReason()).startsWith("Cannot read the alert: ");
  }
}
