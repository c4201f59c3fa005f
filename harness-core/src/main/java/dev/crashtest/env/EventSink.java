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

/**
 * Where fakes running in containers send their events ({@code --events-url}): each POST is one event, recorded
 * before it is answered, so a fake that waits for the answer has its event in the history before its client hears
 * back — as embedded fakes do. A body that is no event is answered {@code 400} and handed to
 * {@link Events#reject}: the harness records it ({@code event_rejected}) and the run is ERROR, never judged on a
 * history missing an op.
 */
final class EventSink implements dev.crashtest.fakes.FakeService {
  private final HttpServer server;
  private final ExecutorService executor;

  private EventSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** What the sink does with what it receives. */
  interface Events {
    /** An event parsed from a POST, recorded before the POST is answered. */
    void accept(ServiceEvent event);

    /** A POST whose body is no event: recorded too, so the run cannot be judged on a history missing an op. */
    void reject(String body, String why);
  }

  static EventSink start(Events events) {
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
          String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          ServiceEvent event;
          try {
            event = HttpEventListener.parse(body);
          } catch (RuntimeException e) {
            events.reject(body, String.valueOf(e.getMessage()));
            exchange.sendResponseHeaders(400, -1);
            return;
          }
          events.accept(event);
          exchange.sendResponseHeaders(204, -1);
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
