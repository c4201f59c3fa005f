package dev.crashtest.fakes.crm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The CRM's one JSON mapper, and the parsing rules for request bodies. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON for [" + value.getClass().getSimpleName() + "]", e);
    }
  }

  /** Parses a request body that must be a JSON object, or answers 400 invalid_request. */
  static ObjectNode readObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.invalidRequest("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || !node.isObject()) {
      throw ApiError.invalidRequest("body must be a JSON object, e.g. {\"accountId\": \"ACME-001\"}");
    }
    return (ObjectNode) node;
  }

  /**
   * The body with object keys sorted and whitespace removed, so that the same JSON sent twice compares equal;
   * a body that is not JSON is returned as it is.
   */
  static String canonical(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null) {
        return "";
      }
      return CANONICAL.writeValueAsString(MAPPER.treeToValue(node, Object.class));
    } catch (IOException e) {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
