package dev.crashtest.fakes.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * An operator API of the stub service ({@code /__crashtest/...}), unauthenticated like the CRM's: reads the request
 * once, answers JSON, and turns an {@link IllegalArgumentException} into 400 {@code invalid_request}.
 */
abstract class OperatorEndpoint implements HttpHandler {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The answer to {@code method path} with {@code body}; throws {@link IllegalArgumentException} for a 400. */
  abstract StubAnswer answer(String method, String path, byte[] body);

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      StubAnswer answer;
      try {
        answer = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
      } catch (IllegalArgumentException e) {
        answer = StubAnswer.error(400, "invalid_request", e.getMessage());
      }
      Delivery.send(exchange, answer);
    }
  }

  static StubAnswer json(int status, Object value) {
    try {
      return new StubAnswer(status, Map.of("Content-Type", "application/json; charset=utf-8"),
          JSON.writeValueAsBytes(value), false, null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static StubAnswer noContent() {
    return new StubAnswer(204, Map.of(), new byte[0], false, null);
  }

  static StubAnswer notAllowed(String path, String allowed) {
    return StubAnswer.error(405, "method_not_allowed", "[" + path + "] answers only " + allowed,
        Map.of("Allow", allowed), "method_not_allowed");
  }

  /** The body as a JSON object; {@code example} shows one in the message when it is not. */
  static ObjectNode object(byte[] body, String example) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException notJson) {
      // refused below with the same words
    }
    throw new IllegalArgumentException("stub-service: body must be a JSON object, " + example);
  }
}
