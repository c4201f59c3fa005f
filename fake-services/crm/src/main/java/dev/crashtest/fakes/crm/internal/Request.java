package dev.crashtest.fakes.crm.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/** The parts of an HTTP request the CRM looks at, read once from the exchange. */
record Request(String method, String path, String authorization, String idempotencyKey, byte[] body,
    String presenter) {

  /** The request, and the agent whose own address it came in on ({@code presenter}), or null. */
  static Request read(HttpExchange exchange, String presenter) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    return new Request(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
        exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
        key == null || key.isBlank() ? null : key, body, presenter);
  }

  boolean isPost() {
    return method.equals("POST");
  }
}
