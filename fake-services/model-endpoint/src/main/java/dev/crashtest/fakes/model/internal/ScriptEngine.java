package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.model.internal.Rule.ToolCallTemplate;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers a conversation with the first rule of a script whose condition holds and whose templates can be
 * filled. If none does, it answers a text that says so, never an error: a confused agent should see why.
 *
 * <pre>{@code
 * ScriptedReply reply = ScriptEngine.reply(spec, Conversation.of(messages));
 * }</pre>
 */
final class ScriptEngine {
  static final String NO_MATCH = "crashtest model: no script rule matches";

  private ScriptEngine() {}

  static ScriptedReply reply(ScriptSpec spec, Conversation conversation) {
    List<String> unfilled = new ArrayList<>();
    for (Rule rule : spec.rules()) {
      if (!rule.when().matches(conversation)) {
        continue;
      }
      List<Pattern> patterns = new ArrayList<>();
      spec.goalPattern().ifPresent(patterns::add);
      rule.when().goalMatches().ifPresent(patterns::add);
      try {
        return fill(rule, TemplateContext.of(conversation, patterns), conversation.turn());
      } catch (TemplateException e) {
        unfilled.add("rule [" + rule.name() + "] matched but " + e.getMessage());
      }
    }
    return new ScriptedReply(Optional.empty(), noMatch(spec, conversation, unfilled), List.of());
  }

  private static ScriptedReply fill(Rule rule, TemplateContext context, int turn) {
    String content = rule.content().map(template -> template.render(context)).orElse(null);
    List<ToolCall> calls = new ArrayList<>();
    for (ToolCallTemplate call : rule.toolCalls()) {
      String id = "call_" + turn + "_" + (calls.size() + 1);
      calls.add(new ToolCall(id, call.name(), Json.write(fillNode(call.arguments(), context))));
    }
    return new ScriptedReply(Optional.of(rule.name()), content, calls);
  }

  private static JsonNode fillNode(JsonNode node, TemplateContext context) {
    if (node.isTextual()) {
      return Template.parse(node.asText()).value(context);
    }
    if (node.isObject()) {
      ObjectNode filled = Json.object();
      node.fields().forEachRemaining(e -> filled.set(e.getKey(), fillNode(e.getValue(), context)));
      return filled;
    }
    if (node.isArray()) {
      ArrayNode filled = Json.MAPPER.createArrayNode();
      node.forEach(element -> filled.add(fillNode(element, context)));
      return filled;
    }
    return node;
  }

  private static String noMatch(ScriptSpec spec, Conversation conversation, List<String> unfilled) {
    StringBuilder text = new StringBuilder(NO_MATCH)
        .append(" (script [").append(spec.name()).append("], turn ").append(conversation.turn())
        .append(", last message role [").append(conversation.lastRole()).append("], last tool result [")
        .append(conversation.lastToolName().orElse("none")).append("], goal [").append(conversation.goal())
        .append("])");
    unfilled.forEach(reason -> text.append("; ").append(reason));
    return text.toString();
  }
}
