package dev.crashtest.tracereplay;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One span of an imported trace, flattened out of its OTLP resource and scope: ids in lower-case hex, attribute
 * values as Java values (String, Long, Double, Boolean, List).
 */
record TraceSpan(String traceId, String spanId, String parentSpanId, String name, int kind, long startNanos,
    long endNanos, Map<String, Object> attributes, boolean error, String statusMessage, List<Event> events,
    Map<String, Object> resource) {

  static final int KIND_CLIENT = 3;
  static final String OPERATION = "gen_ai.operation.name";

  /** A span event (e.g. {@code exception}) with its attributes. */
  record Event(String name, Map<String, Object> attributes) {}

  static String hex(com.google.protobuf.ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }

  Optional<String> text(String attribute) {
    Object value = attributes.get(attribute);
    if (value instanceof List<?> list && !list.isEmpty()) {
      return Optional.of(String.valueOf(list.get(0)));
    }
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  Optional<Long> number(String attribute) {
    Object value = attributes.get(attribute);
    if (value instanceof Number n) {
      return Optional.of(n.longValue());
    }
    if (value instanceof String s && s.matches("\\d+")) {
      return Optional.of(Long.parseLong(s));
    }
    return Optional.empty();
  }

  /** {@code gen_ai.operation.name}, if this is a GenAI span. */
  Optional<String> operation() {
    return text(OPERATION);
  }

  boolean isGenAi() {
    return attributes.containsKey(OPERATION);
  }

  boolean isHttpClient() {
    return kind == KIND_CLIENT && attributes.containsKey("http.request.method");
  }

  /** The process that emitted it: {@code service.instance.id}, else {@code process.pid}, else the service name. */
  String process() {
    for (String key : List.of("service.instance.id", "process.pid", "host.name", "service.name")) {
      Object value = resource.get(key);
      if (value != null) {
        return String.valueOf(value);
      }
    }
    return "process";
  }

  String serviceName() {
    Object value = resource.get("service.name");
    return value == null ? "" : String.valueOf(value);
  }

  long durationMillis() {
    return Math.max(0, (endNanos - startNanos) / 1_000_000);
  }

  /** The status code of an HTTP span, or the digits of {@code error.type} ({@code "429"}). */
  Optional<Integer> httpStatus() {
    Optional<Long> status = number("http.response.status_code");
    if (status.isPresent()) {
      return Optional.of(status.get().intValue());
    }
    return text("error.type").filter(type -> type.matches("\\d{3}")).map(Integer::parseInt);
  }

  /** {@code "span <id> of trace <id>"}, for comments. */
  String reference() {
    return "span " + spanId + " of trace " + traceId;
  }
}
