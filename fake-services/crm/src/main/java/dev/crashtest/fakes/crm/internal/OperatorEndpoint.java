package dev.crashtest.fakes.crm.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;

/**
 * An operator API of the CRM ({@code /__crashtest/...}): reads the request once, answers it, and turns a refusal
 * ({@link ApiError}) into its JSON error. Each endpoint says only how it answers.
 */
abstract class OperatorEndpoint implements HttpHandler {

  /** The answer to {@code method path} with {@code body}; throws {@link ApiError} to refuse. */
  abstract Response answer(String method, String path, byte[] body);

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Response response;
      try {
        response = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
      } catch (ApiError e) {
        response = e.toResponse();
      }
      Delivery.send(exchange, response);
    }
  }
}
