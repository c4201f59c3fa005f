package dev.crashtest.fakes.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback upstreams for {@link ProxyBenchmark}: an echo server (small buffers, TCP_NODELAY) for round trips and a
 * sink that counts the bytes it discards, for bulk transfer.
 *
 * <pre>{@code
 * try (BenchmarkServers.Upstream echo = BenchmarkServers.echo()) { ... echo.port() ... }
 * }</pre>
 */
final class BenchmarkServers {
  private BenchmarkServers() {}

  /** A thread-per-connection server; closes every connection on {@link #close()}. */
  static final class Upstream implements AutoCloseable {
    private final ServerSocket server;
    private final boolean echo;
    private final AtomicLong received = new AtomicLong();
    private volatile long expected = Long.MAX_VALUE;
    private volatile CountDownLatch arrived = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private Upstream(boolean echo) throws IOException {
      this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
      this.echo = echo;
      Thread acceptor = new Thread(this::acceptLoop, "bench-upstream");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** Bytes the sink has read so far. */
    long received() {
      return received.get();
    }

    /** Arms a latch released once the sink has read {@code total} bytes in all (blocking, so no core is burnt). */
    CountDownLatch expect(long total) {
      CountDownLatch latch = new CountDownLatch(1);
      arrived = latch;
      expected = total;
      if (received.get() >= total) {
        latch.countDown();
      }
      return latch;
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
          socket.setTcpNoDelay(true);
          sockets.add(socket);
          Thread thread = new Thread(() -> serve(socket), "bench-conn");
          thread.setDaemon(true);
          thread.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket socket) {
      try (socket) {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[echo ? 4096 : 256 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (echo) {
            out.write(buffer, 0, read);
          } else if (received.addAndGet(read) >= expected) {
            arrived.countDown();
          }
        }
      } catch (IOException e) {
        // connection closed by the benchmark
      } finally {
        sockets.remove(socket);
      }
    }
  }

  static Upstream echo() throws IOException {
    return new Upstream(true);
  }

  static Upstream sink() throws IOException {
    return new Upstream(false);
  }
}
