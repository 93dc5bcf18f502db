package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  // Key bytes 0x00..0x1f; the expected signatures were computed with Python's hmac module.
  private static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  private static final String ID = "alr-0123456789abcdef";
  private static final byte[] BODY =
      "{\"type\":\"alert.created\",\"data\":{\"id\":\"alr-0123456789abcdef\"}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "v1,tC74FjVWkTMnal4SnhoqFWKpAUP4eRIwg4oWOExjJzM=";

  @Test
  void shouldSignLikeAnIndependentHmacImplementation() {
    assertThat(WebhookSignatures.sign(SECRET, ID, 1_700_000_000L, BODY)).isEqualTo(EXPECTED);
  }

  @Test
  void shouldMatchTheStandardWebhooksSpecificationExample() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void shouldVerifyItsOwnSignature() {
    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", BODY, EXPECTED)).isTrue();
  }

  @Test
  void shouldRejectAChangedBodyIdTimestampOrSecret() {
    byte[] changed = "{\"type\":\"alert.created\"}".getBytes(StandardCharsets.UTF_8);
    String otherSecret = WebhookSecrets.newSecret(new SecureRandom());

    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", changed, EXPECTED)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, "alr-other", "1700000000", BODY, EXPECTED))
        .isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000001", BODY, EXPECTED)).isFalse();
    assertThat(WebhookSignatures.verify(otherSecret, ID, "1700000000", BODY, EXPECTED)).isFalse();
  }

  @Test
  void shouldAcceptAnyOfSeveralSpaceSeparatedSignatures() {
    String header = "v1,bm90IHRoZSByaWdodCBvbmU= v2,whatever " + EXPECTED;

    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", BODY, header)).isTrue();
  }

  @Test
  void shouldRejectMalformedHeadersAndSecrets() {
    String bare = EXPECTED.substring(3);

    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", BODY, bare)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", BODY, "v2," + bare)).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", BODY, "v1,%%%")).isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "1700000000", BODY, "")).isFalse();
    assertThat(WebhookSignatures.verify("not-a-secret", ID, "1700000000", BODY, EXPECTED))
        .isFalse();
  }

  @Test
  void shouldRejectTimestampsOutsideTheTolerance() {
    Instant signedAt = Instant.ofEpochSecond(1_700_000_000L);
    Duration tolerance = Duration.ofMinutes(5);

    assertThat(
            WebhookSignatures.verify(
                SECRET, ID, "1700000000", BODY, EXPECTED, signedAt.plusSeconds(299), tolerance))
        .isTrue();
    assertThat(
            WebhookSignatures.verify(
                SECRET, ID, "1700000000", BODY, EXPECTED, signedAt.plusSeconds(301), tolerance))
        .isFalse();
    assertThat(WebhookSignatures.verify(SECRET, ID, "soon", BODY, EXPECTED, signedAt, tolerance))
        .isFalse();
  }

  @Test
  void shouldMakeSecretsOfThirtyTwoRandomBytes() {
    SecureRandom random = new SecureRandom();
    String first = WebhookSecrets.newSecret(random);
    String second = WebhookSecrets.newSecret(random);

    assertThat(first).startsWith("whsec_").isNotEqualTo(second);
    assertThat(Base64.getDecoder().decode(first.substring("whsec_".length()))).hasSize(32);
    assertThat(WebhookSecrets.isWellFormed(first)).isTrue();
  }

  @Test
  void shouldRefuseToSignWithAMalformedSecret() {
    assertThat(WebhookSecrets.isWellFormed("whsec_c2hvcnQ=")).isFalse();
    assertThat(WebhookSecrets.isWellFormed("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
        .isFalse();
    assertThatThrownBy(() -> WebhookSignatures.sign("whsec_???", ID, 1L, BODY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
