package dev.crashtest.fakes.proxy.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A client accepted by a proxy and its upstream connection, dialled only now, with the two {@link Link}s
 * between them. Lives on its proxy's event loop.
 *
 * <pre>{@code
 * Connection.open(proxy, loop, acceptedClient, upstreamAddress, now);
 * }</pre>
 */
final class Connection implements EventLoop.Handler {
  private final ProxyInstance proxy;
  private final EventLoop loop;
  private final SocketChannel client;
  private final SocketChannel upstream;
  private SelectionKey clientKey;
  private SelectionKey upstreamKey;
  private Link up;
  private Link down;
  private boolean clientOpen = true;
  private boolean upstreamOpen = true;
  private boolean reset;
  private long chainVersion = Long.MAX_VALUE;

  private Connection(ProxyInstance proxy, EventLoop loop, SocketChannel client, SocketChannel upstream) {
    this.proxy = proxy;
    this.loop = loop;
    this.client = client;
    this.upstream = upstream;
  }

  /** Dials {@code address} for {@code client}; on failure closes the client, as Toxiproxy does. */
  static Connection open(ProxyInstance proxy, EventLoop loop, SocketChannel client, InetSocketAddress address,
      long now) throws IOException {
    SocketChannel upstream = SocketChannel.open();
    Connection connection = new Connection(proxy, loop, client, upstream);
    try {
      client.configureBlocking(false);
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      upstream.configureBlocking(false);
      upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
      connection.clientKey = loop.register(client, 0, connection);
      boolean connected = upstream.connect(address);
      connection.upstreamKey = loop.register(upstream, connected ? 0 : SelectionKey.OP_CONNECT, connection);
      if (connected) {
        connection.connected(now);
      }
      return connection;
    } catch (IOException | RuntimeException e) {
      loop.close(client);
      loop.close(upstream);
      throw e;
    }
  }

  @Override
  public void ready(SelectionKey key, long now) {
    if (key == upstreamKey && key.isConnectable()) {
      try {
        upstream.finishConnect();
      } catch (IOException e) {
        closeNow(now);
        return;
      }
      connected(now);
      return;
    }
    boolean clientSide = key == clientKey;
    if (key.isReadable()) {
      (clientSide ? up : down).onReadable(now);
    }
    if (key.isValid() && key.isWritable()) {
      (clientSide ? down : up).onWritable(now);
    }
    updateInterest();
  }

  Link link(Direction direction) {
    return direction == Direction.UPSTREAM ? up : down;
  }

  boolean established() {
    return up != null;
  }

  /** The version of the toxic chain its stages were built from. */
  long chainVersion() {
    return chainVersion;
  }

  void updateInterest() {
    if (up == null) {
      return;
    }
    setInterest(clientKey, clientOpen, (up.wantsRead() ? SelectionKey.OP_READ : 0)
        | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0));
    setInterest(upstreamKey, upstreamOpen, (down.wantsRead() ? SelectionKey.OP_READ : 0)
        | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0));
  }

  /** {@code link} delivered its end: close its destination, which ends the other direction's source. */
  void closeDestination(Link link, boolean withReset, long now) {
    reset |= withReset;
    closeSide(link.dest == client, now);
  }

  /** Closes both sides at once (proxy disabled, deleted or changed; upstream unreachable). */
  void closeNow(long now) {
    if (up != null) {
      up.abandon();
      down.abandon();
    }
    closeSide(true, now);
    closeSide(false, now);
  }

  private void connected(long now) {
    up = new Link(this, loop, Direction.UPSTREAM, client, upstream);
    down = new Link(this, loop, Direction.DOWNSTREAM, upstream, client);
    ProxyInstance.Chain chain = proxy.chain();
    chainVersion = chain.version();
    for (Stage stage : proxy.newStages(chain, Direction.UPSTREAM, now)) {
      up.addStage(stage);
    }
    for (Stage stage : proxy.newStages(chain, Direction.DOWNSTREAM, now)) {
      down.addStage(stage);
    }
    updateInterest();
  }

  private void closeSide(boolean clientSide, long now) {
    if (clientSide ? !clientOpen : !upstreamOpen) {
      return;
    }
    SocketChannel channel = clientSide ? client : upstream;
    if (clientSide) {
      clientOpen = false;
    } else {
      upstreamOpen = false;
    }
    if (reset) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close() now sends RST, not FIN
      } catch (IOException e) {
        System.err.println("proxy [" + proxy.name() + "]: cannot set SO_LINGER 0 for a reset: " + e.getMessage());
      }
    }
    loop.close(channel);
    if (up != null) {
      Link writingHere = clientSide ? down : up;
      Link readingHere = clientSide ? up : down;
      writingHere.abandon();
      readingHere.sourceClosed(now);
    }
    if (!clientOpen && !upstreamOpen) {
      proxy.connectionClosed(this, loop);
    }
  }

  private static void setInterest(SelectionKey key, boolean open, int ops) {
    if (open && key.isValid() && key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }
}
