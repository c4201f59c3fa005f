package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.model.internal.Rule.ToolCallTemplate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads script JSON and checks every field, so that a bad script fails at load time with one line naming the
 * file and the field, e.g. {@code script [s.json]: field [rules[2].then.toolCalls[0].name] is missing}.
 */
final class ScriptParser {
  private static final Set<String> SCRIPT_FIELDS = Set.of("name", "description", "goalPattern", "rules");
  private static final Set<String> RULE_FIELDS = Set.of("name", "description", "when", "then");
  private static final Set<String> WHEN_FIELDS =
      Set.of("lastRole", "lastToolResult", "lastToolResultMatches", "turn", "goalMatches");
  private static final Set<String> THEN_FIELDS = Set.of("content", "toolCalls");
  private static final Set<String> CALL_FIELDS = Set.of("name", "arguments");
  private static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool");

  private final String source;

  ScriptParser(String source) {
    this.source = source;
  }

  ScriptSpec parse(String json) {
    JsonNode root = readTree(json);
    requireObject(root, "(top level)", SCRIPT_FIELDS);
    String name = optionalText(root, "name", "name").orElse("script");
    Optional<Pattern> goalPattern = optionalText(root, "goalPattern", "goalPattern").map(p -> regex(p, "goalPattern"));
    JsonNode rules = root.get("rules");
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      throw error("rules", "must be a non-empty array of rules, e.g. \"rules\": [{\"when\": {\"turn\": 1}, "
          + "\"then\": {\"content\": \"Hello\"}}]");
    }
    List<Rule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      parsed.add(rule(rules.get(i), "rules[" + i + "]", i));
    }
    return new ScriptSpec(name, goalPattern, parsed);
  }

  private JsonNode readTree(String json) {
    try {
      JsonNode root = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new IllegalArgumentException("script [" + source + "]: is empty; expected a JSON object with rules");
      }
      return root;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(
          "script [" + source + "]: is not valid JSON" + where + ": " + jacksonProblem(e.getOriginalMessage()), e);
    }
  }

  private Rule rule(JsonNode node, String field, int index) {
    requireObject(node, field, RULE_FIELDS);
    String name = optionalText(node, "name", field + ".name").orElse("#" + (index + 1));
    Condition when = node.has("when") ? condition(node.get("when"), field + ".when") : Condition.ANY;
    JsonNode then = node.get("then");
    if (then == null) {
      throw error(field + ".then", "is missing; a rule answers with {\"content\": \"...\"} and/or "
          + "{\"toolCalls\": [{\"name\": \"...\", \"arguments\": {...}}]}");
    }
    requireObject(then, field + ".then", THEN_FIELDS);
    Optional<Template> content = optionalText(then, "content", field + ".then.content")
        .map(text -> template(text, field + ".then.content"));
    List<ToolCallTemplate> calls = toolCalls(then.get("toolCalls"), field + ".then.toolCalls");
    if (content.isEmpty() && calls.isEmpty()) {
      throw error(field + ".then", "needs content or toolCalls");
    }
    return new Rule(name, when, content, calls);
  }

  private Condition condition(JsonNode node, String field) {
    requireObject(node, field, WHEN_FIELDS);
    String role = optionalText(node, "lastRole", field + ".lastRole").orElse(null);
    if (role != null && !ROLES.contains(role)) {
      throw error(field + ".lastRole", "is [" + role + "]; use one of " + String.join(", ", ROLES));
    }
    JsonNode last = node.get("lastToolResult");
    if (last != null && !last.isNull() && !last.isTextual()) {
      throw error(field + ".lastToolResult", "must be a tool name, or null for \"no tool result yet\"");
    }
    Integer turn = null;
    if (node.has("turn")) {
      if (!node.get("turn").canConvertToInt() || !node.get("turn").isIntegralNumber() || node.get("turn").asInt() < 1) {
        throw error(field + ".turn", "must be a whole number from 1 (turn = assistant messages + 1)");
      }
      turn = node.get("turn").asInt();
    }
    return new Condition(role, last != null, last == null || last.isNull() ? null : last.asText(),
        optionalText(node, "lastToolResultMatches", field + ".lastToolResultMatches")
            .map(r -> regex(r, field + ".lastToolResultMatches")).orElse(null),
        turn,
        optionalText(node, "goalMatches", field + ".goalMatches").map(r -> regex(r, field + ".goalMatches"))
            .orElse(null));
  }

  private List<ToolCallTemplate> toolCalls(JsonNode node, String field) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw error(field, "must be a non-empty array of {\"name\": \"...\", \"arguments\": {...}}");
    }
    List<ToolCallTemplate> calls = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String callField = field + "[" + i + "]";
      JsonNode call = node.get(i);
      requireObject(call, callField, CALL_FIELDS);
      String name = optionalText(call, "name", callField + ".name")
          .filter(n -> !n.isBlank())
          .orElseThrow(() -> error(callField + ".name", "is missing; it names the tool to call"));
      JsonNode arguments = call.has("arguments") ? call.get("arguments") : Json.object();
      if (!arguments.isObject()) {
        throw error(callField + ".arguments", "must be a JSON object, e.g. {\"account_id\": \"${goal.account}\"}");
      }
      checkTemplates(arguments, callField + ".arguments");
      calls.add(new ToolCallTemplate(name, arguments.deepCopy()));
    }
    return calls;
  }

  private void checkTemplates(JsonNode node, String field) {
    if (node.isTextual()) {
      template(node.asText(), field);
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> checkTemplates(e.getValue(), field + "." + e.getKey()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkTemplates(node.get(i), field + "[" + i + "]");
      }
    }
  }

  private Template template(String text, String field) {
    try {
      return Template.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  private Pattern regex(String regex, String field) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error(field, "is not a valid regular expression: " + oneLine(e.getDescription()) + " near index "
          + e.getIndex());
    }
  }

  private void requireObject(JsonNode node, String field, Set<String> known) {
    if (!node.isObject()) {
      throw error(field, "must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        String path = field.equals("(top level)") ? name : field + "." + name;
        throw error(path, "is unknown; known fields here: " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private Optional<String> optionalText(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw error(field, "must be a string");
    }
    return Optional.of(value.asText());
  }

  private IllegalArgumentException error(String field, String problem) {
    return new IllegalArgumentException("script [" + source + "]: field [" + field + "] " + oneLine(problem));
  }

  /** Jackson's message without its trailing source description, which says nothing here. */
  private static String jacksonProblem(String message) {
    String text = oneLine(message);
    int cut = text.indexOf(" (for ");
    cut = cut >= 0 ? cut : text.indexOf(" at [Source:");
    return cut >= 0 ? text.substring(0, cut) : text;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
  }
}
