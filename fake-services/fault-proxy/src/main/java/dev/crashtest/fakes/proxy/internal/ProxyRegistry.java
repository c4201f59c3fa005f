package dev.crashtest.fakes.proxy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Every proxy by name, with Toxiproxy's rules: names are unique, proxies are spread over the event loops, and a
 * populate replaces only proxies whose listen or upstream changed.
 *
 * <pre>{@code
 * ProxyRegistry registry = new ProxyRegistry(loops, new Random(42));
 * registry.create("redis", "127.0.0.1:0", "127.0.0.1:6379", true);
 * }</pre>
 */
public final class ProxyRegistry {
  private final TreeMap<String, ProxyInstance> proxies = new TreeMap<>();
  private final List<EventLoop> loops;
  private final Random random;
  private int nextLoop;

  /** One entry of a populate body. */
  public record Definition(String name, String listen, String upstream, boolean enabled) {}

  public ProxyRegistry(List<EventLoop> loops, Random random) {
    this.loops = List.copyOf(loops);
    this.random = random;
  }

  public synchronized ProxyInstance create(Definition definition) {
    if (proxies.containsKey(definition.name())) {
      throw ApiError.proxyAlreadyExists();
    }
    ProxyInstance proxy = newProxy(definition);
    if (definition.enabled()) {
      proxy.start();
    }
    proxies.put(definition.name(), proxy);
    return proxy;
  }

  public synchronized ProxyInstance get(String name) {
    ProxyInstance proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiError.proxyNotFound();
    }
    return proxy;
  }

  /** Every proxy's view, sorted by name. */
  public synchronized Map<String, ProxyInstance.View> views() {
    Map<String, ProxyInstance.View> views = new LinkedHashMap<>();
    proxies.forEach((name, proxy) -> views.put(name, proxy.view()));
    return views;
  }

  public synchronized void delete(String name) {
    get(name).stop();
    proxies.remove(name);
  }

  /**
   * Creates or replaces each proxy in order; stops at the first failure, reporting it with the proxies done so
   * far, as Toxiproxy does.
   */
  public synchronized PopulateResult populate(List<Definition> definitions) {
    List<ProxyInstance> done = new ArrayList<>();
    try {
      for (Definition definition : definitions) {
        ProxyInstance existing = proxies.get(definition.name());
        if (existing != null && !existing.differs(definition.listen(), definition.upstream())) {
          done.add(existing);
          continue;
        }
        if (existing != null) {
          existing.stop();
        }
        ProxyInstance proxy = newProxy(definition);
        if (definition.enabled()) {
          proxy.start();
        }
        proxies.put(definition.name(), proxy);
        done.add(proxy);
      }
      return new PopulateResult(done, null);
    } catch (ApiError e) {
      return new PopulateResult(done, e);
    }
  }

  /** The outcome of a populate: the proxies created or kept, and the error that stopped it, if any. */
  public record PopulateResult(List<ProxyInstance> proxies, ApiError error) {}

  /** Enables every proxy and removes every toxic. */
  public synchronized void reset() {
    for (ProxyInstance proxy : proxies.values()) {
      proxy.start();
      proxy.removeAllToxics();
    }
  }

  /** Stops every proxy, freeing their ports. */
  public synchronized void closeAll() {
    for (ProxyInstance proxy : proxies.values()) {
      try {
        proxy.stop();
      } catch (RuntimeException e) {
        System.err.println("proxy [" + proxy.name() + "]: cannot stop: " + e.getMessage());
      }
    }
    proxies.clear();
  }

  /** Reads a proxy definition the way Toxiproxy decodes one; {@code enabled} defaults to true. */
  public static Definition definition(JsonNode body, String where) {
    Json.requireObject(body, "proxy");
    String name = Json.text(body, "name", "");
    String listen = Json.text(body, "listen", "");
    String upstream = Json.text(body, "upstream", "");
    boolean enabled = Json.bool(body, "enabled", true);
    if (name.isEmpty()) {
      throw ApiError.missingField("name" + where);
    }
    if (upstream.isEmpty()) {
      throw ApiError.missingField("upstream" + where);
    }
    return new Definition(name, listen, upstream, enabled);
  }

  private ProxyInstance newProxy(Definition definition) {
    int home = nextLoop++ % loops.size();
    return new ProxyInstance(definition.name(), definition.listen(), definition.upstream(), loops, home, random);
  }
}
