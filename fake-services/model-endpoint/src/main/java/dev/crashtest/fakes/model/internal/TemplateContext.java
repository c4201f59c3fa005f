package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values templates are filled from: a conversation and the groups of the goal pattern(s) that matched it. */
final class TemplateContext {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final Conversation conversation;
  private final Map<String, String> goalGroups = new HashMap<>();
  private final StringBuilder patterns = new StringBuilder();

  private TemplateContext(Conversation conversation) {
    this.conversation = conversation;
  }

  /** Groups of later patterns replace groups of earlier ones with the same name or number. */
  static TemplateContext of(Conversation conversation, List<Pattern> goalPatterns) {
    TemplateContext context = new TemplateContext(conversation);
    goalPatterns.forEach(context::addGroups);
    return context;
  }

  private void addGroups(Pattern pattern) {
    patterns.append(patterns.length() == 0 ? "" : ", ").append(pattern.pattern());
    Matcher matcher = pattern.matcher(conversation.goal());
    if (!matcher.find()) {
      return;
    }
    for (int i = 0; i <= matcher.groupCount(); i++) {
      putIfPresent(String.valueOf(i), matcher.group(i));
    }
    Matcher names = GROUP_NAME.matcher(pattern.pattern());
    while (names.find()) {
      putIfPresent(names.group(1), matcher.group(names.group(1)));
    }
  }

  private void putIfPresent(String key, String value) {
    if (value != null) {
      goalGroups.put(key, value);
    }
  }

  String goal() {
    return conversation.goal();
  }

  int turn() {
    return conversation.turn();
  }

  String goalGroup(String name, Object placeholder) {
    String value = goalGroups.get(name);
    if (value == null) {
      throw new TemplateException(placeholder + ": the goal [" + conversation.goal() + "] has no group [" + name
          + "] in the goal pattern(s) [" + patterns + "]");
    }
    return value;
  }

  String lastToolName(Object placeholder) {
    return conversation.lastToolName()
        .orElseThrow(() -> new TemplateException(placeholder + ": the conversation has no tool result yet"));
  }

  JsonNode result(String tool, List<String> fields, Object placeholder) {
    String content = conversation.latestResult(tool)
        .orElseThrow(() -> new TemplateException(placeholder + ": no result of tool [" + tool + "] yet"));
    if (fields.isEmpty()) {
      return Json.tryParse(content).orElse(TextNode.valueOf(content));
    }
    JsonNode node = Json.tryParse(content)
        .orElseThrow(() -> new TemplateException(placeholder + ": the result of tool [" + tool
            + "] is not JSON: " + abbreviate(content)));
    for (String field : fields) {
      node = node.isArray() && field.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(field))
          : node.get(field);
      if (node == null || node.isNull()) {
        throw new TemplateException(placeholder + ": the result of tool [" + tool + "] has no field ["
            + String.join(".", fields) + "]: " + abbreviate(content));
      }
    }
    return node;
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
