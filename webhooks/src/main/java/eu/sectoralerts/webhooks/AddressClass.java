package eu.sectoralerts.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where an address points, as far as webhook URLs are concerned. Link-local and cloud metadata
 * addresses are never a webhook target; the other non-public classes only where private addresses
 * are allowed (development). IPv6 addresses that embed an IPv4 address (mapped, compatible, NAT64,
 * 6to4) are classified by the stricter of the two.
 */
enum AddressClass {
  PUBLIC("public", false),
  METADATA("a cloud metadata address", true),
  LINK_LOCAL("link-local", true),
  LOOPBACK("loopback", false),
  PRIVATE("private", false),
  UNSPECIFIED("unspecified", false),
  MULTICAST("multicast", false),
  RESERVED("reserved", false);

  private final String label;
  private final boolean alwaysRefused;

  AddressClass(String label, boolean alwaysRefused) {
    this.label = label;
    this.alwaysRefused = alwaysRefused;
  }

  String label() {
    return label;
  }

  /** Whether a webhook may point at an address of this class. */
  boolean allowed(boolean allowPrivateAddresses) {
    return this == PUBLIC || (!alwaysRefused && allowPrivateAddresses);
  }

  static AddressClass of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ofV4(b);
    }
    if (address instanceof Inet6Address) {
      AddressClass own = ofV6(b);
      byte[] embedded = embeddedV4(b);
      if (embedded == null) {
        return own;
      }
      return stricter(own, ofV4(embedded));
    }
    return RESERVED;
  }

  private static AddressClass stricter(AddressClass a, AddressClass b) {
    if (a.alwaysRefused) {
      return a;
    }
    if (b.alwaysRefused) {
      return b;
    }
    return a != PUBLIC ? a : b;
  }

  private static AddressClass ofV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    int a3 = b[3] & 0xff;
    if ((a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254)
        || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200)
        || (a0 == 168 && a1 == 63 && a2 == 129 && a3 == 16)) {
      return METADATA; // AWS/GCP/Azure/OpenStack, Alibaba, Azure's wire server
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return PRIVATE;
    }
    if (a0 == 0) {
      return UNSPECIFIED;
    }
    if (a0 >= 224 && a0 <= 239) {
      return MULTICAST;
    }
    if ((a0 == 100 && (a1 & 0xc0) == 64)
        || (a0 == 192 && a1 == 0 && a2 == 0)
        || (a0 == 198 && (a1 & 0xfe) == 18)
        || a0 >= 240) {
      return RESERVED; // carrier-grade NAT, IETF protocol assignments, benchmarking, class E
    }
    return PUBLIC;
  }

  private static AddressClass ofV6(byte[] b) {
    if (isEc2Metadata(b)) {
      return METADATA;
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    boolean zeroUpTo15 = true;
    for (int i = 0; i < 15; i++) {
      zeroUpTo15 &= b[i] == 0;
    }
    if (zeroUpTo15 && b[15] == 1) {
      return LOOPBACK;
    }
    if (zeroUpTo15 && b[15] == 0) {
      return UNSPECIFIED;
    }
    if ((b[0] & 0xfe) == 0xfc || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0)) {
      return PRIVATE; // unique local fc00::/7, deprecated site-local fec0::/10
    }
    if ((b[0] & 0xff) == 0xff) {
      return MULTICAST;
    }
    return PUBLIC;
  }

  private static boolean isEc2Metadata(byte[] b) {
    // fd00:ec2::254
    byte[] metadata = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    return java.util.Arrays.equals(b, metadata);
  }

  /** The IPv4 address an IPv6 address stands for, or null. */
  private static byte[] embeddedV4(byte[] b) {
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= b[i] == 0;
    }
    boolean mapped = zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zero80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0);
    boolean nat64 = true; // 64:ff9b::/96
    byte[] nat64Prefix = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 12; i++) {
      nat64 &= b[i] == nat64Prefix[i];
    }
    if (mapped || compatible || nat64) {
      return new byte[] {b[12], b[13], b[14], b[15]};
    }
    if (b[0] == 0x20 && b[1] == 0x02) { // 6to4 2002:aabb:ccdd::/48
      return new byte[] {b[2], b[3], b[4], b[5]};
    }
    return null;
  }

  /** An IPv4 literal written as four decimal parts, or null when {@code host} is not one. */
  static InetAddress parseDottedQuad(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      bytes[i] = (byte) v;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
