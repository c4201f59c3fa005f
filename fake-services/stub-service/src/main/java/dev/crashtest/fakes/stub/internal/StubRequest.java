package dev.crashtest.fakes.stub.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an HTTP request the stub service looks at, read once: the service (the path's first segment), the
 * path that service sees (the rest), and who presented it ({@code presenter}: the agent whose own address it came
 * in on, or null).
 */
record StubRequest(String method, String fullPath, String service, String path, String query,
    Map<String, List<String>> headers, byte[] body, String presenter) {

  static StubRequest read(HttpExchange exchange, String presenter) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String full = exchange.getRequestURI().getRawPath();
    String rest = full.startsWith("/") ? full.substring(1) : full;
    int slash = rest.indexOf('/');
    String service = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : rest.substring(slash);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    return new StubRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), full, service, path,
        exchange.getRequestURI().getRawQuery(), headers, body, presenter);
  }

  String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
  }

  String authorization() {
    return header("Authorization");
  }

  String idempotencyKey() {
    String key = header("Idempotency-Key");
    return key == null || key.isBlank() ? null : key;
  }

  boolean isWrite() {
    return Operation.WRITES.contains(method);
  }
}
