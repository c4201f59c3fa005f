package dev.crashtest.fakes.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny TCP forwarder on 127.0.0.1, standing in for the fault proxy in front of the identity provider. It
 * listens at once; {@link #forwardTo(int)} names the upstream port once it is known.
 *
 * <pre>{@code
 * try (TcpForwarder proxy = TcpForwarder.start()) {
 *   proxy.forwardTo(idp.port());   // clients call proxy.url()
 * }
 * }</pre>
 */
final class TcpForwarder implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "tcp-forwarder");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile int upstreamPort;

  private TcpForwarder(ServerSocket listener) {
    this.listener = listener;
  }

  static TcpForwarder start() {
    try {
      TcpForwarder forwarder = new TcpForwarder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      forwarder.threads.execute(forwarder::acceptLoop);
      return forwarder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  void forwardTo(int port) {
    upstreamPort = port;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.err.println("tcp-forwarder: " + e);
        }
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException closed) {
      // One side went away: the other learns it when its own read or write fails.
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      threads.shutdownNow();
    }
  }
}
