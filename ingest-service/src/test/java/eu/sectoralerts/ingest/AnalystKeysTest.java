package eu.sectoralerts.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalystKeysTest {

  @Test
  void shouldAcceptExactlyTheKeysWhoseDigestsAreConfigured() {
    AnalystKeys keys =
        new AnalystKeys(List.of(AnalystKeys.digestOf("alpha"), AnalystKeys.digestOf("beta")));

    assertThat(keys.accepts("alpha")).isTrue();
    assertThat(keys.accepts("beta")).isTrue();
    assertThat(keys.accepts("gamma")).isFalse();
    assertThat(keys.accepts("alpha ")).isFalse();
    assertThat(keys.accepts("")).isFalse();
    assertThat(keys.accepts(null)).isFalse();
    assertThat(AnalystKeys.none().accepts("alpha")).isFalse();
  }

  @Test
  void shouldDigestKeysAsLowerCaseHexSha256() {
    // printf %s abc | sha256sum
    assertThat(AnalystKeys.digestOf("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldMakeRandomUrlSafeKeysOf32Bytes() {
    SecureRandom random = new SecureRandom();
    String key = AnalystKeys.newKey(random);

    assertThat(key).matches("[A-Za-z0-9_-]{43}");
    assertThat(AnalystKeys.newKey(random)).isNotEqualTo(key);
  }

  @Test
  void shouldNotShowDigestsWhenPrinted() {
    AnalystKeys keys = AnalystKeys.parse(AnalystKeys.digestOf("alpha"));

    assertThat(keys).hasToString("AnalystKeys[1 digest(s)]");
    assertThat(keys.with(AnalystKeys.digestOf("beta")).digests()).hasSize(2);
  }
}
