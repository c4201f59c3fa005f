package dev.crashtest.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a {@link History}: something a service or the harness did.
 *
 * <pre>{@code
 * Op op = history.append("harness", "nemesis", "kill", OpType.INFO, Map.of("signal", "KILL"));
 * op.index();   // its position in the history, from 0
 * }</pre>
 *
 * @param index position in the history, from 0, gapless
 * @param timeMillis milliseconds since the history began
 * @param service {@code model}, {@code identity}, {@code crm} or {@code harness}
 * @param actor who acted: an agent's client id, {@code harness}, {@code nemesis}
 * @param operation what was done, e.g. {@code place_order}, {@code chat_completion}, {@code kill}
 * @param type {@link OpType}
 * @param details JSON-friendly values
 */
public record Op(
    long index,
    long timeMillis,
    String service,
    String actor,
    String operation,
    OpType type,
    Map<String, Object> details) {

  public Op {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(type, "type");
    actor = actor == null ? "anonymous" : actor;
    details = withoutNulls(details);
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> details) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (details != null) {
      details.forEach((key, value) -> {
        if (key != null && value != null) {
          copy.put(key, value);
        }
      });
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Whether this op is {@code operation} of {@code service}. */
  public boolean is(String service, String operation) {
    return this.service.equals(service) && this.operation.equals(operation);
  }

  /** A detail as text, or {@code null} when absent. */
  public String text(String key) {
    Object value = details.get(key);
    return value == null ? null : String.valueOf(value);
  }

  /** A numeric detail, or {@code fallback} when absent or not a number. */
  public long number(String key, long fallback) {
    Object value = details.get(key);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  /** A boolean detail; absent counts as false. */
  public boolean flag(String key) {
    Object value = details.get(key);
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(String.valueOf(value));
  }

  /** A list detail as strings; absent counts as empty. */
  public List<String> list(String key) {
    Object value = details.get(key);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  /** One line for humans: {@code #12 +340ms crm place_order OK}. */
  public String describe() {
    return "#" + index + " +" + timeMillis + "ms " + service + " " + operation + " " + type;
  }
}
