package eu.sectoralerts.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses, so the URL checks can look at where a name points. The
 * default is the system resolver; tests pass a fake one.
 */
@FunctionalInterface
public interface AddressResolver {

  /** Every address of {@code host}; throws when the name cannot be resolved. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver ({@link InetAddress#getAllByName}). */
  static AddressResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
