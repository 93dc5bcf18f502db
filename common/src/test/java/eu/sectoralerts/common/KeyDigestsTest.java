package eu.sectoralerts.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDigestsTest {

  @Test
  void shouldAcceptExactlyTheKeysWhoseDigestsAreConfigured() {
    KeyDigests keys =
        new KeyDigests(List.of(KeyDigests.digestOf("alpha"), KeyDigests.digestOf("beta")));

    assertThat(keys.accepts("alpha")).isTrue();
    assertThat(keys.accepts("beta")).isTrue();
    assertThat(keys.accepts("gamma")).isFalse();
    assertThat(keys.accepts("alpha ")).isFalse();
    assertThat(keys.accepts("")).isFalse();
    assertThat(keys.accepts(null)).isFalse();
    assertThat(KeyDigests.none().accepts("alpha")).isFalse();
  }

  @Test
  void shouldDigestKeysAsLowerCaseHexSha256() {
    // printf %s abc | sha256sum
    assertThat(KeyDigests.digestOf("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldMakeRandomUrlSafeKeysOf32Bytes() {
    SecureRandom random = new SecureRandom();
    String key = KeyDigests.newKey(random);

    assertThat(key).matches("[A-Za-z0-9_-]{43}");
    assertThat(KeyDigests.newKey(random)).isNotEqualTo(key);
  }

  @Test
  void shouldNotShowDigestsWhenPrinted() {
    KeyDigests keys = KeyDigests.parse("test.keys", KeyDigests.digestOf("alpha"));

    assertThat(keys).hasToString("KeyDigests[1 digest(s)]");
    assertThat(keys.with(KeyDigests.digestOf("beta")).digests()).hasSize(2);
  }

  @Test
  void shouldNameTheConfigKeyButNotEchoAKeyGivenInPlaceOfADigest() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> KeyDigests.parse("admin.keys", "my-secret-key"))
        .hasMessageStartingWith("admin.keys must hold SHA-256 hex digests")
        .hasMessageNotContaining("my-secret-key");
  }
}
