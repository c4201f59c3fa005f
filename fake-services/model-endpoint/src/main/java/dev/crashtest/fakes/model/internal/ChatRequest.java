package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A checked {@code POST /v1/chat/completions} body: only what the fake needs, unknown fields are ignored as
 * OpenAI's clients send many.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.parse(body); // throws a 400 OpenAiError if malformed
 * }</pre>
 *
 * @param model the requested model, echoed back
 * @param messages the {@code messages} array
 * @param tools the {@code tools} array, or an empty array
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk ({@code stream_options.include_usage})
 */
record ChatRequest(String model, JsonNode messages, JsonNode tools, boolean stream, boolean includeUsage) {

  static ChatRequest parse(String body) {
    JsonNode root = Json.tryParse(body).orElseThrow(() -> OpenAiError.invalidRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP "
            + "library correctly. The OpenAI API expects a JSON payload.)", null, null));
    if (!root.isObject()) {
      throw invalidType("body", "an object", root);
    }
    JsonNode model = root.get("model");
    if (model == null || model.isNull()) {
      throw OpenAiError.invalidRequest("you must provide a model parameter", "model", "missing_required_parameter");
    }
    if (!model.isTextual()) {
      throw invalidType("model", "a string", model);
    }
    JsonNode messages = messages(root.get("messages"));
    JsonNode tools = root.path("tools");
    if (!tools.isMissingNode() && !tools.isNull() && !tools.isArray()) {
      throw invalidType("tools", "an array", tools);
    }
    boolean stream = flag(root.get("stream"), "stream");
    boolean includeUsage = flag(root.path("stream_options").get("include_usage"), "stream_options.include_usage");
    return new ChatRequest(model.asText(), messages, tools.isArray() ? tools : Json.MAPPER.createArrayNode(),
        stream, includeUsage);
  }

  private static JsonNode messages(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw OpenAiError.invalidRequest("Missing required parameter: 'messages'.", "messages",
          "missing_required_parameter");
    }
    if (!messages.isArray()) {
      throw invalidType("messages", "an array", messages);
    }
    if (messages.isEmpty()) {
      throw OpenAiError.invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, "
          + "but got an empty array instead.", "messages", "empty_array");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject()) {
        throw invalidType("messages[" + i + "]", "an object", message);
      }
      if (!message.path("role").isTextual()) {
        throw OpenAiError.invalidRequest("Missing required parameter: 'messages[" + i + "].role'.",
            "messages[" + i + "].role", "missing_required_parameter");
      }
    }
    return messages;
  }

  private static boolean flag(JsonNode value, String param) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw invalidType(param, "a boolean", value);
    }
    return value.asBoolean();
  }

  private static OpenAiError invalidType(String param, String expected, JsonNode actual) {
    return OpenAiError.invalidRequest("Invalid type for '" + param + "': expected " + expected + ", but got "
        + actual.getNodeType().name().toLowerCase() + " instead.", param, "invalid_type");
  }
}
