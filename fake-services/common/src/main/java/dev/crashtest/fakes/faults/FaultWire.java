package dev.crashtest.fakes.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fault as a fake's {@code POST /__crashtest/faults} body names it, checked the same way by every fake: a known
 * {@code type}, only the fields that type takes, whole numbers in range. Every refusal is one line naming the fake
 * and the field.
 *
 * <pre>{@code
 * FaultWire wire = FaultWire.read("crm", json, Map.of("slow", List.of("type", "delayMillis", "forRequests")));
 * CrmFault fault = CrmFault.slow(Duration.ofMillis(wire.number("delayMillis", 1, Long.MAX_VALUE)));
 * // {"type":"slow","delayMillis":"soon"} -> crm: field [delayMillis] must be a whole number from 1 to ..., got "soon"
 * }</pre>
 */
public final class FaultWire {
  private final String service;
  private final JsonNode json;
  private final String type;

  private FaultWire(String service, JsonNode json, String type) {
    this.service = service;
    this.json = json;
    this.type = type;
  }

  /**
   * Reads {@code json}, whose type must be a key of {@code fieldsByType} and whose fields must all be among that
   * type's; {@code service} names the fake in messages.
   *
   * @throws IllegalArgumentException with a one-line message naming the field
   */
  public static FaultWire read(String service, JsonNode json, Map<String, List<String>> fieldsByType) {
    JsonNode typeNode = json.get("type");
    if (typeNode == null || typeNode.isNull()) {
      throw new IllegalArgumentException(service + ": missing field [type]");
    }
    String type = typeNode.asText();
    List<String> fields = fieldsByType.get(type);
    if (!typeNode.isTextual() || fields == null) {
      throw new IllegalArgumentException(service + ": unknown fault type [" + type + "]");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!fields.contains(field)) {
        throw new IllegalArgumentException(service + ": field [" + field + "] does not apply to fault type [" + type
            + "], which takes " + fields);
      }
    }
    return new FaultWire(Objects.requireNonNull(service, "service"), json, type);
  }

  /** The fault type's wire name, e.g. {@code commit_then_drop}. */
  public String type() {
    return type;
  }

  /** Whether {@code field} is given, and not null. */
  public boolean has(String field) {
    return json.hasNonNull(field);
  }

  /** The whole number {@code field} holds, from {@code min} to {@code max}; a whole number written 2.0 counts. */
  public long number(String field, long min, long max) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(service + ": missing field [" + field + "]");
    }
    boolean whole = value.isIntegralNumber() && value.canConvertToLong()
        || value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())
        && !Double.isInfinite(value.asDouble());
    if (!whole || value.asLong() < min || value.asLong() > max) {
      throw new IllegalArgumentException(service + ": field [" + field + "] must be a whole number from " + min
          + " to " + max + ", got " + value);
    }
    return value.asLong();
  }

  /** The string {@code field} holds. */
  public String text(String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(service + ": field [" + field + "] must be a string, got " + value);
    }
    return value.asText();
  }
}
