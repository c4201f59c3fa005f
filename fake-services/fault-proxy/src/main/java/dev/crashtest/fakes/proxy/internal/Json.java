package dev.crashtest.fakes.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Reading request bodies with Toxiproxy's strictness (wrong JSON types are a 400, unknown fields are ignored) and
 * writing its answers with its field order.
 *
 * <pre>{@code
 * JsonNode body = Json.parse("{\"name\":\"redis\"}");
 * String text = Json.write(Json.toxic(spec));
 * }</pre>
 */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses a body; an empty body reads as Go's {@code EOF}. */
  public static JsonNode parse(String body) {
    if (body.isBlank()) {
      throw ApiError.badRequestBody("EOF");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequestBody(e.getOriginalMessage());
    }
  }

  public static String write(JsonNode node) {
    return node.toString();
  }

  static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      String kind = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      throw ApiError.badRequestBody("cannot read " + kind + " as a " + what);
    }
  }

  static String text(JsonNode body, String field, String defaultValue) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isTextual()) {
      throw ApiError.badRequestBody("field [" + field + "] must be a string, got " + value);
    }
    return value.asText();
  }

  static boolean bool(JsonNode body, String field, boolean defaultValue) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw ApiError.badRequestBody("field [" + field + "] must be true or false, got " + value);
    }
    return value.asBoolean();
  }

  static float decimal(JsonNode body, String field, float defaultValue) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.isNumber()) {
      throw ApiError.badRequestBody("field [" + field + "] must be a number, got " + value);
    }
    return value.floatValue();
  }

  static long integer(JsonNode value, String field) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiError.badRequestBody("field [" + field + "] must be an integer, got " + value);
    }
    return value.longValue();
  }

  static ObjectNode toxic(ToxicSpec spec) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    spec.attributes().forEach(attributes::put);
    node.put("name", spec.name());
    node.put("type", spec.type().wireName());
    node.put("stream", spec.stream());
    float toxicity = spec.toxicity();
    if (toxicity == Math.rint(toxicity) && Math.abs(toxicity) < 1e9) {
      node.put("toxicity", (long) toxicity); // Go prints a whole float32 without a fraction
    } else {
      node.put("toxicity", toxicity);
    }
    return node;
  }

  static ArrayNode toxics(List<ToxicSpec> specs) {
    ArrayNode array = MAPPER.createArrayNode();
    specs.forEach(spec -> array.add(toxic(spec)));
    return array;
  }

  static ObjectNode proxy(ProxyInstance.View view) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", view.name());
    node.put("listen", view.listen());
    node.put("upstream", view.upstream());
    node.put("enabled", view.enabled());
    node.set("toxics", toxics(view.toxics()));
    return node;
  }

  static ObjectNode proxies(Map<String, ProxyInstance.View> views) {
    ObjectNode node = MAPPER.createObjectNode();
    views.forEach((name, view) -> node.set(name, proxy(view)));
    return node;
  }

  static ObjectNode error(ApiError error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("error", error.getMessage());
    node.put("status", error.status());
    return node;
  }
}
