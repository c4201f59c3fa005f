package dev.crashtest.fakes.proxy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One named proxy: its listener, its toxics and its open connections. API threads call the synchronized methods;
 * everything touching sockets or stages runs on event loops: the listener on the proxy's home loop, connections
 * spread over all loops. A toxic change swaps a versioned {@link Chain}, then runs on every loop, changing only
 * connections opened with an older chain, so it is on every existing connection, once, when the call returns.
 *
 * <pre>{@code
 * ProxyInstance redis = new ProxyInstance("redis", "127.0.0.1:0", "127.0.0.1:6379", loops, 0, random);
 * redis.start();
 * redis.addToxic(ToxicSpec.create(body));
 * }</pre>
 */
public final class ProxyInstance implements EventLoop.Handler {
  /** What the API shows of a proxy. */
  public record View(String name, String listen, String upstream, boolean enabled, List<ToxicSpec> toxics) {}

  /** The toxics in the order added, and a version that grows with every change. */
  record Chain(long version, List<ToxicSpec> toxics) {}

  private final String name;
  private final List<EventLoop> loops;
  private final EventLoop loop;
  private final Random random;
  private final Map<EventLoop, Set<Connection>> connections = new IdentityHashMap<>();
  private volatile String listen;
  private volatile String upstream;
  private volatile boolean enabled;
  private volatile Chain chain = new Chain(0, List.of());
  private ServerSocketChannel server;
  private int nextLoop;

  public ProxyInstance(String name, String listen, String upstream, List<EventLoop> loops, int home, Random random) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.loops = List.copyOf(loops);
    this.loop = loops.get(home);
    this.nextLoop = home;
    this.random = random;
    loops.forEach(each -> connections.put(each, new HashSet<>()));
  }

  public String name() {
    return name;
  }

  public synchronized View view() {
    return new View(name, listen, upstream, enabled, toxicsInApiOrder());
  }

  /** Whether {@code otherListen} or {@code otherUpstream} differ from this proxy's, as Toxiproxy decides. */
  public synchronized boolean differs(String otherListen, String otherUpstream) {
    return !listen.equals(Addresses.format(Addresses.listen(otherListen))) || !upstream.equals(otherUpstream);
  }

  /** Binds the listener; throws a 500 {@link ApiError} if the address cannot be bound. */
  public synchronized void start() {
    if (enabled) {
      return;
    }
    ServerSocketChannel channel = bind(Addresses.listen(listen));
    try {
      listen = Addresses.format((InetSocketAddress) channel.getLocalAddress());
      loop.call(() -> {
        server = channel;
        loop.register(channel, SelectionKey.OP_ACCEPT, this);
        return null;
      });
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw new ApiError("listen tcp " + listen + ": " + e.getMessage(), 500);
    }
    enabled = true;
  }

  /** Closes the listener and every connection; the port is free when this returns. */
  public synchronized void stop() {
    if (!enabled) {
      return;
    }
    enabled = false;
    loop.call(() -> {
      if (server != null) {
        loop.close(server);
        server = null;
      }
      return null;
    });
    closeConnections();
  }

  /** Closes every connection, after the listener if it closed: a client accepted before is queued ahead of this. */
  private void closeConnections() {
    for (EventLoop each : loops) {
      each.call(() -> {
        long now = System.nanoTime();
        for (Connection connection : List.copyOf(connections.get(each))) {
          connection.closeNow(now);
        }
        return null;
      });
    }
  }

  /**
   * Toxiproxy's update: a new listen or upstream restarts the proxy (closing connections); then enables or not. A new
   * upstream alone keeps the listener bound (its connections still close), unlike Toxiproxy, which rebinds it: the port
   * is never free for a moment, so another server on this machine cannot take it in between.
   */
  public synchronized void update(String newListen, String newUpstream, boolean newEnabled) {
    boolean sameListen = listen.equals(Addresses.format(Addresses.listen(newListen)));
    if (enabled && newEnabled && sameListen && !upstream.equals(newUpstream)) {
      upstream = newUpstream;
      closeConnections();
      return;
    }
    if (differs(newListen, newUpstream)) {
      stop();
      listen = newListen;
      upstream = newUpstream;
    }
    if (newEnabled != enabled) {
      if (newEnabled) {
        start();
      } else {
        stop();
      }
    }
  }

  public synchronized ToxicSpec toxic(String toxicName) {
    return chain.toxics().stream().filter(t -> t.name().equals(toxicName)).findFirst()
        .orElseThrow(ApiError::toxicNotFound);
  }

  public synchronized List<ToxicSpec> toxics() {
    return toxicsInApiOrder();
  }

  public synchronized void addToxic(ToxicSpec spec) {
    if (chain.toxics().stream().anyMatch(t -> t.name().equals(spec.name()))) {
      throw ApiError.toxicAlreadyExists();
    }
    List<ToxicSpec> added = new ArrayList<>(chain.toxics());
    added.add(spec);
    change(added, (connection, now) -> connection.link(spec.direction())
        .addStage(spec.type().newStage(spec, random, now)));
  }

  public synchronized ToxicSpec updateToxic(String toxicName, JsonNode body) {
    ToxicSpec updated = toxic(toxicName).merge(body);
    change(chain.toxics().stream().map(t -> t.name().equals(toxicName) ? updated : t).toList(),
        (connection, now) -> connection.link(updated.direction()).updateStage(updated, now));
    return updated;
  }

  public synchronized void removeToxic(String toxicName) {
    ToxicSpec removed = toxic(toxicName);
    change(chain.toxics().stream().filter(t -> !t.name().equals(toxicName)).toList(),
        (connection, now) -> connection.link(removed.direction()).removeStage(toxicName, now));
  }

  /** Removes every toxic, each as {@link #removeToxic} would. */
  public synchronized void removeAllToxics() {
    for (ToxicSpec spec : toxicsInApiOrder()) {
      removeToxic(spec.name());
    }
  }

  @Override
  public void ready(SelectionKey key, long now) {
    SocketChannel client;
    try {
      client = server.accept();
    } catch (IOException e) {
      System.err.println("proxy [" + name + "]: cannot accept a client: " + e.getMessage());
      return;
    }
    if (client == null) {
      return;
    }
    EventLoop target = loops.get(nextLoop++ % loops.size());
    String dial = upstream;
    if (target == loop) {
      open(target, client, dial, now);
    } else {
      target.execute(() -> open(target, client, dial, System.nanoTime()));
    }
  }

  /** The current toxics; a new connection builds its stages from it and remembers its version. */
  Chain chain() {
    return chain;
  }

  /** Stages for a new connection from {@code from}, one per toxic of that direction, in the order added. */
  List<Stage> newStages(Chain from, Direction direction, long now) {
    List<Stage> stages = new ArrayList<>();
    for (ToxicSpec spec : from.toxics()) {
      if (spec.direction() == direction) {
        stages.add(spec.type().newStage(spec, random, now));
      }
    }
    return stages;
  }

  void connectionClosed(Connection connection, EventLoop on) {
    connections.get(on).remove(connection);
  }

  private void open(EventLoop target, SocketChannel client, String dial, long now) {
    try {
      connections.get(target).add(Connection.open(this, target, client, Addresses.upstream(dial), now));
    } catch (IOException | RuntimeException e) {
      target.close(client); // Toxiproxy closes the client when the upstream cannot be reached
    }
  }

  private interface ConnectionChange {
    void apply(Connection connection, long now);
  }

  /** Publishes the new chain, then changes, on each loop, the connections built from an older one. */
  private void change(List<ToxicSpec> toxics, ConnectionChange change) {
    Chain next = new Chain(chain.version() + 1, List.copyOf(toxics));
    chain = next;
    for (EventLoop each : loops) {
      each.call(() -> {
        long now = System.nanoTime();
        for (Connection connection : List.copyOf(connections.get(each))) {
          if (connection.established() && connection.chainVersion() < next.version()) {
            change.apply(connection, now);
          }
        }
        return null;
      });
    }
  }

  private List<ToxicSpec> toxicsInApiOrder() {
    List<ToxicSpec> toxics = chain.toxics();
    return Stream.concat(
        toxics.stream().filter(t -> t.direction() == Direction.UPSTREAM),
        toxics.stream().filter(t -> t.direction() == Direction.DOWNSTREAM)).toList();
  }

  private static ServerSocketChannel bind(InetSocketAddress address) {
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.configureBlocking(false);
      channel.bind(address, 128);
      return channel;
    } catch (IOException e) {
      closeQuietly(channel);
      String reason = e instanceof BindException ? "bind: " + lower(e.getMessage()) : lower(e.getMessage());
      throw new ApiError("listen tcp " + Addresses.format(address) + ": " + reason, 500);
    }
  }

  private static String lower(String message) {
    return message == null ? "unknown error" : message.toLowerCase(Locale.ROOT);
  }

  private static void closeQuietly(ServerSocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        System.err.println("proxy: cannot close a listener: " + e.getMessage());
      }
    }
  }
}
