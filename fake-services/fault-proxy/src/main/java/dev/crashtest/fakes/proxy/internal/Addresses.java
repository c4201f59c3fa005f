package dev.crashtest.fakes.proxy.internal;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * {@code host:port} strings as Toxiproxy's API uses them. An empty host means loopback here (Toxiproxy would
 * listen on every interface), so nothing is exposed unless asked for, e.g. {@code 0.0.0.0:8666}.
 *
 * <pre>{@code
 * Addresses.format(Addresses.listen("localhost:0")); // 127.0.0.1:0
 * }</pre>
 */
public final class Addresses {
  private Addresses() {}

  /** Where to listen; throws a 500 {@link ApiError} worded like Go's for a malformed address. */
  public static InetSocketAddress listen(String address) {
    if (address.isEmpty()) {
      return new InetSocketAddress("127.0.0.1", 0);
    }
    return resolve(address, "listen tcp");
  }

  /** The upstream to dial, resolved now. */
  public static InetSocketAddress upstream(String address) {
    return resolve(address, "dial tcp");
  }

  /** {@code 127.0.0.1:8474} or {@code [::1]:8474}, as Go prints an address. */
  public static String format(InetSocketAddress address) {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + compress(zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return host + ":" + address.getPort();
  }

  /** {@code 0:0:0:0:0:0:0:1} as {@code ::1}: the longest run of zero groups becomes {@code ::}, as Go prints. */
  static String compress(String ipv6) {
    String[] groups = ipv6.split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    if (bestStart < 0) {
      return ipv6;
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  private static InetSocketAddress resolve(String address, String operation) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new ApiError(operation + ": address " + address + ": missing port in address", 500);
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new ApiError(operation + ": address " + address + ": invalid port", 500);
    }
    InetSocketAddress resolved = new InetSocketAddress(host, port);
    if (resolved.isUnresolved()) {
      throw new ApiError(operation + ": lookup " + host + ": no such host", 500);
    }
    return resolved;
  }
}
