package dev.crashtest.fakes.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted tool calls, each with one argument wrong but still valid for the tool's schema: another
 * existing account, another SKU, another quantity of at least 1, or another id of the same shape (a quote id
 * {@code Q-7} becomes {@code Q-3}). Which argument and which value follow from the seed and the tool call id,
 * so the same seed and conversation always get the same wrong answer. Answers with no argument it can change
 * (text only) are left alone.
 *
 * @param seed drives every choice
 */
public record WrongToolArgumentsFault(long seed) implements FaultKind {
  static final String NAME = "wrong_tool_arguments";
  static final FaultType TYPE = new FaultType(NAME, List.of(), List.of("seed"),
      fields -> new WrongToolArgumentsFault(fields.has("seed") ? fields.integer("seed") : 0));
  static final List<String> ACCOUNTS = List.of("ACME-001", "GLOBEX-002", "INITECH-003", "UMBRELLA-004");
  static final List<String> SKUS = List.of("LAPTOP-14", "MONITOR-27", "DOCK-USB-C", "HEADSET-PRO");
  private static final Pattern ID = Pattern.compile("([A-Za-z][A-Za-z_]*-)(\\d+)");

  @Override
  public String name() {
    return NAME;
  }

  /** The seed always, 0 included, so that what is sent reads the same as the fault. */
  @Override
  public Map<String, Object> wireFields() {
    return Map.of("seed", seed);
  }

  @Override
  public String describe() {
    return "tool calls with a wrong argument (seed " + seed + ")";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    List<ToolCall> calls = new ArrayList<>();
    List<Map<String, Object>> changes = new ArrayList<>();
    for (ToolCall call : answer.reply().toolCalls()) {
      Optional<ObjectNode> arguments = Json.tryParse(call.arguments())
          .filter(JsonNode::isObject).map(node -> (ObjectNode) node);
      List<String> changeable = arguments.map(WrongToolArgumentsFault::changeable).orElse(List.of());
      if (changeable.isEmpty()) {
        calls.add(call);
        continue;
      }
      Random random = new Random(seed * 31 + call.id().hashCode());
      String field = changeable.get(random.nextInt(changeable.size()));
      JsonNode scripted = arguments.get().get(field);
      JsonNode wrong = wrongValue(scripted, random);
      arguments.get().set(field, wrong);
      calls.add(new ToolCall(call.id(), call.name(), Json.write(arguments.get())));
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("tool", call.name());
      change.put("argument", field);
      change.put("scripted", scripted.isInt() ? scripted.asInt() : scripted.asText());
      change.put("sent", wrong.isInt() ? wrong.asInt() : wrong.asText());
      changes.add(change);
    }
    if (changes.isEmpty()) {
      return false;
    }
    ScriptedReply reply = answer.reply();
    answer.replaceReply(new ScriptedReply(reply.rule(), reply.content(), calls));
    answer.detail("wrongArguments", changes);
    return true;
  }

  private static List<String> changeable(ObjectNode arguments) {
    List<String> fields = new ArrayList<>();
    arguments.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      boolean known = value.isTextual() && (ACCOUNTS.contains(value.asText()) || SKUS.contains(value.asText())
          || ID.matcher(value.asText()).matches());
      if (known || (value.isInt() && value.asInt() >= 1)) {
        fields.add(field.getKey());
      }
    });
    return fields;
  }

  private static JsonNode wrongValue(JsonNode scripted, Random random) {
    if (scripted.isInt()) {
      return IntNode.valueOf(other(scripted.asInt(), random));
    }
    String text = scripted.asText();
    for (List<String> known : List.of(ACCOUNTS, SKUS)) {
      if (known.contains(text)) {
        List<String> others = new ArrayList<>(known);
        others.remove(text);
        return TextNode.valueOf(others.get(random.nextInt(others.size())));
      }
    }
    Matcher id = ID.matcher(text);
    id.matches();
    String digits = id.group(2);
    int number = other(Integer.parseInt(digits.length() > 9 ? digits.substring(digits.length() - 9) : digits),
        random);
    return TextNode.valueOf(id.group(1) + String.format("%0" + digits.length() + "d", number));
  }

  /** A whole number from 1 to {@code value + 9}, never {@code value}. */
  private static int other(int value, Random random) {
    int pick = 1 + random.nextInt(Math.max(1, value) + 8);
    return pick >= value ? pick + 1 : pick;
  }
}
