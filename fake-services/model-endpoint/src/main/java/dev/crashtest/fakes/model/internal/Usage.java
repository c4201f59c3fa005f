package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;

/**
 * A deterministic token count: characters / 4, rounded up, at least 1. The prompt counts the text of every
 * message, the names and arguments of earlier tool calls, and the {@code tools} definitions as JSON; the
 * completion counts the answer's text and its tool calls' names and arguments.
 *
 * @param promptTokens tokens of the request
 * @param completionTokens tokens of the answer
 */
record Usage(int promptTokens, int completionTokens) {

  static Usage estimate(ChatRequest request, ScriptedReply reply) {
    long promptChars = request.tools().isEmpty() ? 0 : Json.write(request.tools()).length();
    for (JsonNode message : request.messages()) {
      promptChars += Conversation.text(message.get("content")).length();
      for (JsonNode call : message.path("tool_calls")) {
        promptChars += call.path("function").path("name").asText("").length()
            + call.path("function").path("arguments").asText("").length();
      }
    }
    long completionChars = reply.content() == null ? 0 : reply.content().length();
    for (ToolCall call : reply.toolCalls()) {
      completionChars += call.name().length() + call.arguments().length();
    }
    return new Usage(tokens(promptChars), tokens(completionChars));
  }

  private static int tokens(long chars) {
    return (int) Math.max(1, (chars + 3) / 4);
  }

  int totalTokens() {
    return promptTokens + completionTokens;
  }

  ObjectNode toJson() {
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", totalTokens());
    return usage;
  }
}
