package dev.crashtest.fakes.model.internal;

import java.util.List;
import java.util.Optional;

/**
 * What the script answers to one conversation: assistant text, tool calls, or both.
 *
 * @param rule the name of the rule that answered, empty if none matched
 * @param content the assistant text, or null if the answer is only tool calls
 * @param toolCalls the tool calls, possibly none
 */
record ScriptedReply(Optional<String> rule, String content, List<ToolCall> toolCalls) {

  ScriptedReply {
    toolCalls = List.copyOf(toolCalls);
  }

  List<String> toolNames() {
    return toolCalls.stream().map(ToolCall::name).toList();
  }

  /**
   * One tool call as OpenAI sends it.
   *
   * @param id deterministic: {@code call_<turn>_<n>}, n from 1
   * @param name the tool
   * @param arguments the arguments object, as a JSON string
   */
  record ToolCall(String id, String name, String arguments) {}
}
