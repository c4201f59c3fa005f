package dev.crashtest.env;

import com.sun.net.httpserver.HttpServer;
import dev.crashtest.fakes.HttpEventListener;
import dev.crashtest.fakes.ServiceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Where fakes running in containers send their events ({@code --events-url}): each POST is one event, recorded
 * before it is answered, so a fake that waits for the answer has its event in the history before its client hears
 * back — as embedded fakes do.
 */
final class EventSink implements dev.crashtest.fakes.FakeService {
  private final HttpServer server;
  private final ExecutorService executor;

  private EventSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static EventSink start(Consumer<ServiceEvent> events) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "crashtest-event-sink");
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      server.createContext("/events", exchange -> {
        try (exchange; InputStream in = exchange.getRequestBody()) {
          int status = 204;
          try {
            events.accept(HttpEventListener.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          } catch (RuntimeException e) {
            System.err.println("crashtest: a service sent an event the history cannot take: " + e.getMessage());
            status = 400;
          }
          exchange.sendResponseHeaders(status, -1);
        }
      });
      server.start();
      return new EventSink(server, executor);
    } catch (IOException e) {
      throw new EnvironmentException("could not open the event sink on loopback: " + e.getMessage(), e);
    }
  }

  @Override
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
