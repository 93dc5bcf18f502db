package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpWebhookSenderTest {

  private final HttpWebhookSender sender = new HttpWebhookSender(Duration.ofSeconds(2));
  private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> HEADERS =
      Map.of("webhook-id", "alr-1", "content-type", "application/json");

  @Test
  void shouldPostTheBodyWithTheHeadersAndReportTheStatus() {
    try (TestReceiver receiver = TestReceiver.start().answering(202)) {
      SendResult result =
          sender.send(receiver.url("/hook"), HEADERS, BODY, Duration.ofSeconds(2)).join();

      assertThat(result).isEqualTo(SendResult.status(202));
      assertThat(receiver.requests()).hasSize(1);
      TestReceiver.Request request = receiver.requests().get(0);
      assertThat(request.body()).isEqualTo(BODY);
      assertThat(request.header("webhook-id")).isEqualTo("alr-1");
      assertThat(request.header("content-type")).isEqualTo("application/json");
    }
  }

  @Test
  void shouldNotFollowRedirects() {
    try (TestReceiver receiver = TestReceiver.start().answering(302)) {
      SendResult result =
          sender.send(receiver.url("/hook"), HEADERS, BODY, Duration.ofSeconds(2)).join();

      assertThat(result).isEqualTo(SendResult.status(302));
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  @Test
  void shouldReportATimeoutAsAnError() {
    try (TestReceiver receiver = TestReceiver.start().holding()) {
      SendResult result =
          sender.send(receiver.url("/hook"), HEADERS, BODY, Duration.ofMillis(300)).join();

      assertThat(result.statusCode()).isNull();
      assertThat(result.error()).isEqualTo("timed out after 300 ms");
    }
  }

  @Test
  void shouldReportAnExchangeCutOffBeforeTheAnswerAsAnErrorWithoutSendingItAgain() {
    try (TestReceiver receiver = TestReceiver.start().answering(TestReceiver.HANG_UP)) {
      SendResult result =
          sender.send(receiver.url("/hook"), HEADERS, BODY, Duration.ofSeconds(2)).join();

      // The receiver has the request, the sender no answer: not delivered, and the JDK client
      // does not repeat a POST on its own (it only retries GET and HEAD).
      assertThat(result.statusCode()).isNull();
      assertThat(result.error()).startsWith("I/O error");
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  @Test
  void shouldReportARefusedConnectionAsAnError() {
    TestReceiver down = TestReceiver.down();
    SendResult result = sender.send(down.url("/hook"), HEADERS, BODY, Duration.ofSeconds(2)).join();

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).startsWith("could not connect");
  }

  @Test
  void shouldRefuseAHeaderValueThatWouldInjectAnotherHeader() {
    SendResult result =
        sender
            .send(
                URI.create("http://127.0.0.1:9/hook"),
                Map.of("webhook-id", "x\r\nx-evil: 1"),
                BODY,
                Duration.ofSeconds(1))
            .join();

    assertThat(result.error()).startsWith("invalid request");
  }
}
