package eu.sectoralerts.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a webhook URL: an absolute {@code https} URL ({@code http} only where allowed) of at most
 * 2,000 characters, without user name, password or fragment, whose host resolves and where every
 * address the host resolves to may be a webhook target. Link-local ({@code 169.254/16}, {@code
 * fe80::/10}) and cloud metadata addresses and host names are refused always; loopback, private,
 * unspecified, multicast and reserved addresses unless private addresses are allowed. The API calls
 * this when a watchlist is saved; the dispatcher again before every attempt, since a name may
 * resolve elsewhere later. (The HTTP client resolves the name once more when it connects; a name
 * that changes its answer within that moment is not caught.)
 */
public final class WebhookUrls {

  /** The longest URL accepted. */
  public static final int MAX_LENGTH = 2000;

  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal",
          "metadata.tencentyun.com",
          "metadata.platformequinix.com");

  private WebhookUrls() {}

  /**
   * Why {@code url} cannot be a webhook URL, for a person to read (e.g. {@code must be an https
   * URL}), or empty when it can.
   */
  public static Optional<String> problem(
      String url, WebhookSettings settings, AddressResolver resolver) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(resolver, "resolver");
    if (url == null || url.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters long");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeOk = scheme.equals("https") || (settings.allowHttp() && scheme.equals("http"));
    if (!schemeOk || uri.isOpaque()) {
      return Optional.of(
          settings.allowHttp() ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not contain a user name or password");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not contain a fragment (#...)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a valid host");
    }
    String host = normalizeHost(uri.getHost());
    if (host.isEmpty()) {
      return Optional.of("must name a valid host");
    }
    if (METADATA_HOSTS.contains(host)) {
      return Optional.of(refused(host, AddressClass.METADATA));
    }
    if (!settings.allowPrivateAddresses()
        && (host.equals("localhost")
            || host.endsWith(".localhost")
            || host.endsWith(".internal")
            || host.endsWith(".local"))) {
      return Optional.of(refused(host, AddressClass.PRIVATE));
    }
    List<InetAddress> addresses;
    try {
      addresses = addresses(host, resolver);
    } catch (UnknownHostException | RuntimeException e) {
      return Optional.of("host cannot be resolved (" + host + ")");
    }
    if (addresses.isEmpty()) {
      return Optional.of("host cannot be resolved (" + host + ")");
    }
    for (InetAddress address : addresses) {
      AddressClass kind = AddressClass.of(address);
      if (!kind.allowed(settings.allowPrivateAddresses())) {
        return Optional.of(refused(address.getHostAddress(), kind));
      }
    }
    return Optional.empty();
  }

  /** The scheme, host and port of a URL: what the per-endpoint concurrency cap counts. */
  static String endpointOf(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() != null && uri.getHost() != null) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
        return scheme + "://" + normalizeHost(uri.getHost()) + ":" + port;
      }
    } catch (URISyntaxException e) {
      // falls through: an unusable URL is an endpoint of its own
    }
    return url;
  }

  private static List<InetAddress> addresses(String host, AddressResolver resolver)
      throws UnknownHostException {
    if (host.indexOf(':') >= 0) {
      // An IPv6 literal: parsed, never looked up.
      return List.of(InetAddress.getByName(host));
    }
    if (host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
      InetAddress literal = AddressClass.parseDottedQuad(host);
      if (literal == null) {
        throw new UnknownHostException(host);
      }
      return List.of(literal);
    }
    List<InetAddress> resolved = resolver.resolve(host);
    return resolved == null ? List.of() : resolved;
  }

  private static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static String refused(String what, AddressClass kind) {
    return "must not point at a link-local, metadata, private or loopback address ("
        + what
        + " is "
        + kind.label()
        + ")";
  }
}
