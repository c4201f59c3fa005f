package dev.crashtest.agents.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JDK HTTP server on {@code 127.0.0.1} that records every request and answers with a function: the stand-in
 * for a token endpoint, a CRM or a model in unit tests.
 *
 * <pre>{@code
 * try (RecordingServer server = RecordingServer.start(request -> Reply.json(200, "{}"))) {
 *   ... server.baseUrl() ... server.requests() ...
 * }
 * }</pre>
 */
public final class RecordingServer implements AutoCloseable {
  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  private RecordingServer(HttpServer server) {
    this.server = server;
  }

  public static RecordingServer start(Function<Recorded, Reply> handler) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    RecordingServer recording = new RecordingServer(http);
    http.createContext("/", exchange -> recording.serve(exchange, handler));
    http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    http.start();
    return recording;
  }

  private void serve(HttpExchange exchange, Function<Recorded, Reply> handler) throws IOException {
    try (exchange) {
      Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue())));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
          body);
      requests.add(request);
      Reply reply = handler.apply(request);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public List<Recorded> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** One request as the server saw it; header names are lower case. */
  public record Recorded(String method, String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What to answer. */
  public record Reply(int status, String contentType, Map<String, String> headers, String body) {
    public static Reply json(int status, String body) {
      return new Reply(status, "application/json", Map.of(), body);
    }

    public static Reply events(String... dataLines) {
      StringBuilder body = new StringBuilder();
      for (String data : dataLines) {
        body.append("data: ").append(data).append("\n\n");
      }
      return new Reply(200, "text/event-stream", Map.of(), body.toString());
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new java.util.LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, contentType, more, body);
    }
  }
}
