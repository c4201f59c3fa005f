package dev.crashtest.fakes.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small loopback server for tests: echoes every byte back, or writes a greeting and closes. Counts accepted
 * connections, so a test can see when the proxy dialled it.
 *
 * <pre>{@code
 * try (TestUpstream echo = TestUpstream.echo()) { proxy upstream "127.0.0.1:" + echo.port() }
 * }</pre>
 */
final class TestUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] greeting;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TestUpstream(byte[] greeting) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.greeting = greeting;
    Thread acceptor = new Thread(this::acceptLoop, "test-upstream-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Echoes everything each client sends until the client closes. */
  static TestUpstream echo() throws IOException {
    return new TestUpstream(null);
  }

  /** Writes {@code greeting} to each client, then closes the connection. */
  static TestUpstream greeting(byte[] greeting) throws IOException {
    return new TestUpstream(greeting);
  }

  int port() {
    return server.getLocalPort();
  }

  String address() {
    return "127.0.0.1:" + port();
  }

  int accepted() {
    return accepted.get();
  }

  /** Connections still open on the upstream's side. */
  long openConnections() {
    return sockets.stream().filter(socket -> !socket.isClosed()).count();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        sockets.add(socket);
        Thread serving = new Thread(() -> serve(socket), "test-upstream-conn");
        serving.setDaemon(true);
        serving.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      if (greeting != null) {
        out.write(greeting);
        out.flush();
        return;
      }
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      // the client or the proxy went away; nothing to report in a test upstream
    }
  }
}
