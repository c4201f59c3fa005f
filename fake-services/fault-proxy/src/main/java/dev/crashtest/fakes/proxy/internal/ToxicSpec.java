package dev.crashtest.fakes.proxy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A toxic as the API shows it: name, type, stream, toxicity and integer attributes. Immutable; an update makes a
 * new spec with the given fields merged in, as Toxiproxy decodes a partial body over the existing toxic.
 *
 * <pre>{@code
 * ToxicSpec latency = ToxicSpec.create(Json.parse("{\"type\":\"latency\",\"attributes\":{\"latency\":100}}"));
 * latency.name(); // latency_downstream
 * }</pre>
 */
public record ToxicSpec(
    String name, ToxicType type, String stream, Direction direction, float toxicity, Map<String, Long> attributes) {

  public ToxicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * Reads a create body with Toxiproxy's defaults (stream downstream, toxicity 1, name {@code type_stream},
   * missing attributes 0) and its checks, in its order.
   */
  public static ToxicSpec create(JsonNode body) {
    Json.requireObject(body, "toxic");
    String name = Json.text(body, "name", "");
    String typeName = Json.text(body, "type", "");
    String stream = Json.text(body, "stream", "downstream");
    float toxicity = Json.decimal(body, "toxicity", 1f);
    Direction direction = Direction.parse(stream).orElseThrow(ApiError::invalidStream);
    if (name.isEmpty()) {
      name = typeName + "_" + stream;
    }
    ToxicType type = ToxicType.named(typeName).orElseThrow(ApiError::invalidToxicType);
    Map<String, Long> attributes = new LinkedHashMap<>();
    type.attributes().forEach(attribute -> attributes.put(attribute, 0L));
    mergeAttributes(type, attributes, body.get("attributes"));
    return new ToxicSpec(name, type, stream, direction, toxicity, attributes);
  }

  /** This toxic with the {@code attributes} and {@code toxicity} of an update body merged in; nothing else changes. */
  public ToxicSpec merge(JsonNode body) {
    Json.requireObject(body, "toxic");
    Map<String, Long> merged = new LinkedHashMap<>(attributes);
    mergeAttributes(type, merged, body.get("attributes"));
    return new ToxicSpec(name, type, stream, direction, Json.decimal(body, "toxicity", toxicity), merged);
  }

  /** An attribute's value; 0 for one the type does not have. */
  public long attribute(String attribute) {
    return attributes.getOrDefault(attribute, 0L);
  }

  private static void mergeAttributes(ToxicType type, Map<String, Long> into, JsonNode given) {
    if (given == null || given.isNull()) {
      return;
    }
    Json.requireObject(given, "attributes");
    for (String attribute : type.attributes()) {
      JsonNode value = given.get(attribute);
      if (value != null && !value.isNull()) {
        into.put(attribute, Json.integer(value, "attributes." + attribute));
      }
    }
  }
}
