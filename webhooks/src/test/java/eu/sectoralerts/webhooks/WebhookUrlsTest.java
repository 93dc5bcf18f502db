package eu.sectoralerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

  private static final WebhookSettings STRICT = WebhookSettings.defaults();
  private static final WebhookSettings DEVELOPMENT =
      new WebhookSettings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofHours(1),
          Duration.ofHours(24),
          64,
          4,
          true,
          true);

  /** A resolver that knows a few names and nothing else. */
  private static final AddressResolver DNS =
      host -> {
        Map<String, List<String>> names =
            Map.of(
                "hooks.example.com",
                    List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
                "intranet.example.com", List.of("10.0.0.7"),
                "mixed.example.com", List.of("93.184.215.14", "192.168.1.20"),
                "imds.example.com", List.of("169.254.169.254"),
                "v6-private.example.com", List.of("fd12:3456::1"),
                "mapped.example.com", List.of("::ffff:10.1.2.3"),
                "localhost", List.of("127.0.0.1", "::1"),
                "printer.local", List.of("192.168.1.50"));
        List<String> addresses = names.get(host);
        if (addresses == null) {
          throw new UnknownHostException(host);
        }
        return addresses.stream().map(WebhookUrlsTest::literal).toList();
      };

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Optional<String> strict(String url) {
    return WebhookUrls.problem(url, STRICT, DNS);
  }

  private static Optional<String> development(String url) {
    return WebhookUrls.problem(url, DEVELOPMENT, DNS);
  }

  @Test
  void shouldAcceptAnHttpsUrlOfAPublicHost() {
    assertThat(strict("https://hooks.example.com/alerts?team=7")).isEmpty();
    assertThat(strict("https://hooks.example.com:8443/alerts")).isEmpty();
    assertThat(strict("https://93.184.215.14/alerts")).isEmpty();
  }

  @Test
  void shouldRequireHttpsUnlessHttpIsAllowed() {
    assertThat(strict("http://hooks.example.com/alerts")).contains("must be an https URL");
    assertThat(strict("ftp://hooks.example.com/alerts")).contains("must be an https URL");
    assertThat(strict("hooks.example.com/alerts")).contains("must be an https URL");
    assertThat(development("http://hooks.example.com/alerts")).isEmpty();
    assertThat(development("ftp://hooks.example.com/alerts"))
        .contains("must be an http or https URL");
  }

  @Test
  void shouldRefuseUserInfoFragmentsAndOverlongUrls() {
    assertThat(strict("https://user:secret@hooks.example.com/"))
        .contains("must not contain a user name or password");
    assertThat(strict("https://hooks.example.com/#top"))
        .contains("must not contain a fragment (#...)");
    String longUrl = "https://hooks.example.com/" + "a".repeat(WebhookUrls.MAX_LENGTH);
    assertThat(strict(longUrl)).contains("must be at most 2000 characters long");
    assertThat(strict("")).contains("must not be empty");
    assertThat(strict("https://exa mple.com/")).contains("is not a valid URL");
    assertThat(strict("https:///path-only")).contains("must name a valid host");
  }

  @Test
  void shouldRefuseAHostThatCannotBeResolved() {
    assertThat(strict("https://nowhere.example.com/"))
        .contains("host cannot be resolved (nowhere.example.com)");
    assertThat(strict("https://10.0.0/")).contains("must name a valid host");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://169.254.169.254/latest/meta-data/",
        "https://169.254.10.1/",
        "https://[fe80::1]/",
        "https://[fd00:ec2::254]/",
        "https://100.100.100.200/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://METADATA.google.internal./",
        "https://imds.example.com/",
        "https://[::ffff:169.254.169.254]/"
      })
  void shouldAlwaysRefuseLinkLocalAndMetadataAddresses(String url) {
    assertThat(strict(url)).get().asString().startsWith("must not point at a link-local, metadata");
    assertThat(development(url))
        .get()
        .asString()
        .startsWith("must not point at a link-local, metadata");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://10.0.0.7/",
        "https://172.16.0.1/",
        "https://172.31.255.254/",
        "https://192.168.1.1/",
        "https://127.0.0.1/",
        "https://[::1]/",
        "https://[fc00::1]/",
        "https://0.0.0.0/",
        "https://[::]/",
        "https://224.0.0.1/",
        "https://[ff02::1]/",
        "https://100.64.0.1/",
        "https://intranet.example.com/",
        "https://mixed.example.com/",
        "https://v6-private.example.com/",
        "https://mapped.example.com/",
        "https://[::ffff:10.0.0.7]/",
        "https://[64:ff9b::a00:7]/",
        "https://[2002:c0a8:101::1]/",
        "https://localhost/",
        "https://printer.local/"
      })
  void shouldRefusePrivateAddressesUnlessAllowed(String url) {
    assertThat(strict(url)).get().asString().startsWith("must not point at a link-local, metadata");
    assertThat(development(url)).isEmpty();
  }

  @Test
  void shouldNameTheRefusedAddressAndItsClass() {
    assertThat(strict("https://intranet.example.com/hook"))
        .contains(
            "must not point at a link-local, metadata, private or loopback address (10.0.0.7 is"
                + " private)");
    assertThat(strict("https://[::1]:8080/"))
        .contains(
            "must not point at a link-local, metadata, private or loopback address"
                + " (0:0:0:0:0:0:0:1 is loopback)");
  }

  @Test
  void shouldNotCallTheResolverForLiterals() {
    AddressResolver failing =
        host -> {
          throw new AssertionError("resolver called for " + host);
        };

    assertThat(WebhookUrls.problem("https://93.184.215.14/", STRICT, failing)).isEmpty();
    assertThat(WebhookUrls.problem("https://[2606:2800:21f:cb07::1]/", STRICT, failing)).isEmpty();
  }

  @Test
  void shouldGroupUrlsByEndpoint() {
    assertThat(WebhookUrls.endpointOf("https://Hooks.Example.com/a"))
        .isEqualTo(WebhookUrls.endpointOf("https://hooks.example.com:443/b"))
        .isEqualTo("https://hooks.example.com:443");
    assertThat(WebhookUrls.endpointOf("http://hooks.example.com/a"))
        .isEqualTo("http://hooks.example.com:80");
  }
}
