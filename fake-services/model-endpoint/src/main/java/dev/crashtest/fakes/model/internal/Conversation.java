package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a script rule sees of a chat request: the goal, the turn, the last message's role and the tool results so
 * far. A tool message is named after the tool by its {@code tool_call_id}, looked up in the {@code tool_calls} of
 * the assistant messages before it (or by its legacy {@code name} field).
 *
 * <pre>{@code
 * Conversation conversation = Conversation.of(request.get("messages"));
 * conversation.turn(); // number of assistant messages + 1
 * }</pre>
 */
final class Conversation {
  private final String goal;
  private final int turn;
  private final int messageCount;
  private final String lastRole;
  private final String lastToolName;
  private final String lastToolContent;
  private final Map<String, String> latestResults;

  private Conversation(Reader reader, int messageCount) {
    this.goal = reader.goal == null ? "" : reader.goal;
    this.turn = reader.assistantMessages + 1;
    this.messageCount = messageCount;
    this.lastRole = reader.lastRole;
    this.lastToolName = reader.lastToolName;
    this.lastToolContent = reader.lastToolContent;
    this.latestResults = Map.copyOf(reader.latestResults);
  }

  /** Reads an OpenAI {@code messages} array; messages without a {@code role} are counted but otherwise ignored. */
  static Conversation of(JsonNode messages) {
    return of(messages, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #of(JsonNode)}, each tool result's name read through {@code toolName} (a renamed tool's original). */
  static Conversation of(JsonNode messages, java.util.function.UnaryOperator<String> toolName) {
    Reader reader = new Reader(toolName);
    messages.forEach(reader::read);
    return new Conversation(reader, messages.size());
  }

  /** The text of the first user message, or an empty string. */
  String goal() {
    return goal;
  }

  /** The number of assistant messages in the conversation, plus one. */
  int turn() {
    return turn;
  }

  int messageCount() {
    return messageCount;
  }

  /** The role of the last message, or an empty string if there is none. */
  String lastRole() {
    return lastRole;
  }

  /** The tool name of the last tool message in the conversation, if any. */
  Optional<String> lastToolName() {
    return Optional.ofNullable(lastToolName);
  }

  /** The content of the last tool message in the conversation, if any. */
  Optional<String> lastToolContent() {
    return Optional.ofNullable(lastToolContent);
  }

  /** The content of the latest result of the named tool, if the tool was called and answered. */
  Optional<String> latestResult(String toolName) {
    return Optional.ofNullable(latestResults.get(toolName));
  }

  static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (!content.isArray()) {
      return content.isTextual() ? content.asText() : content.toString();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(part -> text.append(part.path("text").asText("")));
    return text.toString();
  }

  /** Walks the messages once, in order. */
  private static final class Reader {
    private final java.util.function.UnaryOperator<String> toolName;
    private final Map<String, String> toolNamesByCallId = new HashMap<>();
    private final Map<String, String> latestResults = new LinkedHashMap<>();
    private String goal;
    private int assistantMessages;
    private String lastRole = "";
    private String lastToolName;
    private String lastToolContent;

    Reader(java.util.function.UnaryOperator<String> toolName) {
      this.toolName = toolName;
    }

    void read(JsonNode message) {
      String role = message.path("role").asText("");
      lastRole = role;
      switch (role) {
        case "user" -> goal = goal == null ? text(message.get("content")) : goal;
        case "assistant" -> readAssistant(message);
        case "tool" -> readTool(message);
        default -> {}
      }
    }

    private void readAssistant(JsonNode message) {
      assistantMessages++;
      message.path("tool_calls").forEach(call ->
          toolNamesByCallId.put(call.path("id").asText(""), call.path("function").path("name").asText("")));
    }

    private void readTool(JsonNode message) {
      String callId = message.path("tool_call_id").asText("");
      String name = toolName.apply(toolNamesByCallId.getOrDefault(callId, message.path("name").asText("")));
      lastToolName = name.isEmpty() ? "unknown" : name;
      lastToolContent = text(message.get("content"));
      latestResults.put(lastToolName, lastToolContent);
    }
  }
}
