package dev.crashtest.fakes.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A receiver of {@code --events-url} posts on loopback for the fakes' own tests: keeps each body as sent (the wire
 * format is what they check), answers 204. Shared through fake-common's test jar.
 */
public final class EventSinkServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  private EventSinkServer(HttpServer server) {
    this.server = server;
  }

  public static EventSinkServer start() {
    try {
      EventSinkServer sink =
          new EventSinkServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
      sink.server.setExecutor(sink.threads);
      sink.server.createContext("/events", exchange -> {
        try (exchange; InputStream in = exchange.getRequestBody()) {
          sink.bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
        }
      });
      sink.server.start();
      return sink;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event sink", e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  /** The bodies received so far, oldest first. */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
