package dev.arbor.server.alerts;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where an alert's webhook may point, so that alerts cannot be used to make Arbor send requests into the network
 * it runs in: never to a link-local address (169.254.169.254 is every cloud's metadata service), the unspecified
 * address or multicast; and to loopback and private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)
 * only when allowed — by default when access control is off (one developer, whose receiver is on this machine).
 * Checked when a rule is saved, and on the address each delivery connects to ({@link #allows}), so that a name that
 * resolves elsewhere between the check and the connection (DNS rebinding) cannot take a delivery there.
 */
public final class WebhookTargets {
  private final boolean privateAllowed;

  public WebhookTargets(boolean privateAllowed) {
    this.privateAllowed = privateAllowed;
  }

  /** Why a webhook may not go to {@code url}; null when it may. */
  public String refusal(String url) {
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "webhook_url is not a URL";
    }
    if (host == null) {
      return "webhook_url has no host";
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      // Nothing to judge (a name this machine cannot resolve now); a delivery checks again and fails to connect.
      return null;
    }
    for (InetAddress address : addresses) {
      String refusal = refusal(host, address);
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  /** Whether a delivery may connect to {@code address}, whatever name it was reached by. */
  public boolean allows(InetAddress address) {
    return refusal(address.getHostAddress(), address) == null;
  }

  private String refusal(String host, InetAddress address) {
    if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return "webhook_url's host " + host + " is a link-local, unspecified or multicast address ("
          + address.getHostAddress() + "): webhooks never go there";
    }
    if (!privateAllowed && (address.isLoopbackAddress() || address.isSiteLocalAddress() || shared(address)
        || uniqueLocal(address))) {
      return "webhook_url's host " + host + " is a loopback or private address (" + address.getHostAddress()
          + "); with access control on, allow it with ARBOR_WEBHOOK_PRIVATE_ADDRESSES=true";
    }
    return null;
  }

  /** 100.64.0.0/10, carrier-grade NAT's shared space. */
  private static boolean shared(InetAddress address) {
    byte[] b = address.getAddress();
    return address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  /** fc00::/7, IPv6's private space. */
  private static boolean uniqueLocal(InetAddress address) {
    return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
  }
}
