package dev.crashtest.fakes.stub.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stub service answers: status, headers, body; whether it is a stored answer replayed; for a refusal the
 * event's error and the message that says why; and a WireMock {@code fault} on the stub (the connection dropped).
 */
record StubAnswer(int status, Map<String, String> headers, byte[] body, boolean replayed, String error,
    String reason, String stubFault) {

  private static final ObjectMapper JSON = new ObjectMapper();

  StubAnswer {
    headers = Map.copyOf(headers);
  }

  StubAnswer(int status, Map<String, String> headers, byte[] body, boolean replayed, String stubFault) {
    this(status, headers, body, replayed, null, null, stubFault);
  }

  /** {@code {"error": code, "message": message}}, as the CRM refuses. */
  static StubAnswer error(int status, String code, String message, Map<String, String> headers, String eventError) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json; charset=utf-8");
    try {
      return new StubAnswer(status, all, JSON.writeValueAsBytes(body), false, eventError, message, null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static StubAnswer error(int status, String code, String message) {
    return error(status, code, message, Map.of(), code);
  }

  /** A stub whose WireMock {@code fault} says to break the connection. */
  static StubAnswer dropped(String fault) {
    return new StubAnswer(502, Map.of(), new byte[0], false, "stub_fault", "the stub's fault " + fault, fault);
  }

  static StubAnswer replay(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    headers.put("Idempotent-Replayed", "true");
    return new StubAnswer(status, headers, body, true, null);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300 && stubFault == null;
  }

  String contentType() {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The event's error: the refusal's, else the stub body's {@code error} field, else {@code http_<status>}. */
  String eventError() {
    if (error != null || isSuccess()) {
      return error;
    }
    try {
      var node = JSON.readTree(body);
      if (node != null && node.path("error").isTextual()) {
        return node.path("error").asText();
      }
    } catch (java.io.IOException notJson) {
      // a stub's error body need not be JSON
    }
    return "http_" + status;
  }
}
