package dev.crashtest.env;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * The network hops from an agent to the services: one Toxiproxy proxy per service, created before the
 * services start (so they know the address agents reach them at), connected to them once they listen.
 */
final class Hops {
  /** Nothing listens on port 1 of loopback; a proxy is dialled only when a client connects, after connect(). */
  private static final String NOT_YET_CONNECTED = "127.0.0.1:1";

  private final Map<Service, Proxy> proxies = new EnumMap<>(Service.class);
  private final Map<String, Proxy> agentCrmHops = new java.util.LinkedHashMap<>();
  private ToxiproxyClient client;

  private Hops() {}

  static Hops open(URI proxyApi) {
    ToxiproxyClient client = new ToxiproxyClient(proxyApi.getHost(), proxyApi.getPort());
    Hops hops = new Hops();
    hops.client = client;
    for (Service service : Service.values()) {
      try {
        hops.proxies.put(service, client.createProxy(service.id(), "127.0.0.1:0", NOT_YET_CONNECTED));
      } catch (IOException e) {
        throw new EnvironmentException(
            "could not create the fault proxy for [" + service.id() + "] at " + proxyApi + ": " + e.getMessage(), e);
      }
    }
    return hops;
  }

  /** Where agents reach {@code service}: its proxy's listening address. */
  URI publicUrl(Service service) {
    return URI.create("http://" + proxy(service).getListen());
  }

  void connect(Service service, int port) {
    try {
      proxy(service).setUpstream("127.0.0.1:" + port);
    } catch (IOException e) {
      throw new EnvironmentException("could not point the [" + service.id() + "] proxy at port " + port + ": "
          + e.getMessage(), e);
    }
  }

  Proxy proxy(Service service) {
    return proxies.get(service);
  }

  /**
   * The CRM hop of one agent: a proxy of its own to the CRM address that is that agent's (its workload identity),
   * made on first use. A network fault on {@link Service#CRM} reaches it too.
   */
  synchronized URI agentCrmUrl(String agent, URI workloadUrl) {
    Proxy hop = agentCrmHops.get(agent);
    if (hop == null) {
      try {
        hop = client.createProxy(Service.CRM.id() + "@" + agent, "127.0.0.1:0", workloadUrl.getAuthority());
      } catch (IOException e) {
        throw new EnvironmentException("could not create the CRM hop of agent [" + agent + "]: " + e.getMessage(), e);
      }
      agentCrmHops.put(agent, hop);
    }
    return URI.create("http://" + hop.getListen());
  }

  /** Every proxy of {@code service}: the shared one first, then each agent's own. */
  synchronized java.util.List<Proxy> all(Service service) {
    java.util.List<Proxy> all = new java.util.ArrayList<>();
    all.add(proxies.get(service));
    if (service == Service.CRM) {
      all.addAll(agentCrmHops.values());
    }
    return all;
  }
}
