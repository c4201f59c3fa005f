package dev.crashtest.agents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** One configured {@link ObjectMapper} and the few helpers the agent needs. Example: {@code Json.parse("{}")}. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses JSON; a body that is not JSON comes back as a JSON string, so it can still be handed on. */
  public static JsonNode parseLenient(String body) {
    if (body == null || body.isBlank()) {
      return TextNode.valueOf(body == null ? "" : body);
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(body);
    }
  }

  public static JsonNode parse(String body) throws JsonProcessingException {
    return MAPPER.readTree(body);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
