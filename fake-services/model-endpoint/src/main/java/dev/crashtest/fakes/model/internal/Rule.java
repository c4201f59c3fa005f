package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One rule of a script: when the conversation looks like {@code when}, answer {@code content} and/or call
 * {@code toolCalls}.
 *
 * @param name shown in the "no rule matches" answer and in errors
 * @param when the condition
 * @param content the assistant text, if any
 * @param toolCalls the tool calls, possibly none
 */
record Rule(String name, Condition when, Optional<Template> content, List<ToolCallTemplate> toolCalls) {

  Rule {
    toolCalls = List.copyOf(toolCalls);
  }

  /**
   * A tool call whose {@code arguments} object holds templates in its string values.
   *
   * @param name the tool's name
   * @param arguments a JSON object; every string in it, at any depth, is a {@link Template}
   */
  record ToolCallTemplate(String name, JsonNode arguments) {}
}
