package dev.crashtest.scenariofile;

import dev.crashtest.internal.Problems;

import dev.crashtest.scenario.Trigger;
import dev.crashtest.scenario.Triggers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Triggers as a scenario file spells them: {@code awaiting-approval}, or a map with one key,
 * {@code {agent-enters: create_quote}}, {@code {committed: crm.place_order}}, {@code {at: 5s}},
 * {@code {after-crm-calls: 3}}, {@code {call: crm.place_order, nth: 2}}.
 */
final class TriggerForms {
  static final String AWAITING_APPROVAL = "awaiting-approval";
  static final List<String> KEYS = List.of("at", "agent-enters", "committed", "after-crm-calls", "call", "nth");

  private TriggerForms() {}

  /** The JSON Schema of a trigger. */
  static Map<String, Object> schema() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", "object");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("at", described(Param.Type.DURATION.schema(),
        "Scenario time since the task was submitted, e.g. 5s."));
    properties.put("agent-enters", described(stringSchema(), "The model has just asked for this tool, e.g."
        + " create_quote."));
    properties.put("committed", described(stringSchema(), "The service has just committed this write, before its"
        + " answer left, e.g. crm.place_order."));
    Map<String, Object> count = Param.Type.POSITIVE_INT.schema();
    properties.put("after-crm-calls", described(count, "After the n-th CRM call of the run, any operation."));
    properties.put("call", described(stringSchema(), "The service's n-th answer to this operation (see nth),"
        + " e.g. crm.place_order or model.chat_completion."));
    properties.put("nth", described(Param.Type.POSITIVE_INT.schema(), "With call: which answer (default 1)."));
    object.put("properties", properties);
    object.put("additionalProperties", false);
    object.put("minProperties", 1);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("description", "When: awaiting-approval, or one of at, agent-enters, committed, after-crm-calls,"
        + " call (with nth).");
    schema.put("if", Map.of("type", "string"));
    schema.put("then", Map.of("enum", List.of(AWAITING_APPROVAL)));
    schema.put("else", object);
    return schema;
  }

  private static Map<String, Object> stringSchema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("minLength", 1);
    return schema;
  }

  private static Map<String, Object> described(Map<String, Object> schema, String description) {
    schema.put("description", description);
    return schema;
  }

  /**
   * The trigger {@code node} spells (schema-valid), or null after reporting to {@code problems} (field path relative
   * to the trigger) why it can never fire.
   */
  static Trigger read(JsonNode node, Problems.At at, KnownOperations known) {
    if (node.isString()) {
      return Triggers.taskAwaitsApproval();
    }
    List<String> keys = node.propertyNames().stream().toList();
    List<String> moments = keys.stream().filter(key -> !key.equals("nth")).toList();
    if (moments.size() != 1) {
      at.problem("", moments.isEmpty() ? "nth goes with call, e.g. {call: crm.place_order, nth: 2}"
          : "a trigger names one moment, got " + moments + "; split it into two faults");
      return null;
    }
    String key = moments.get(0);
    if (keys.contains("nth") && !key.equals("call")) {
      at.problem("nth", "nth goes with call only, e.g. {call: crm.place_order, nth: 2}");
      return null;
    }
    String value = node.get(key).asString();
    switch (key) {
      case "at":
        return Triggers.atTime(Durations.parse(value).orElseThrow());
      case "after-crm-calls":
        return Triggers.afterCrmCalls(node.get(key).asInt());
      case "agent-enters":
        if (!known.tools.contains(value)) {
          at.problem(key, Suggestions.unknown("tool", value, known.tools));
          return null;
        }
        return Triggers.agentEnters(value);
      case "committed":
        if (!known.committed.contains(value)) {
          at.problem(key, Suggestions.unknown("operation", value, known.committed)
              + (value.contains(".") ? "" : "; write service.operation"));
          return null;
        }
        return Triggers.committed(value.substring(0, value.indexOf('.')), value.substring(value.indexOf('.') + 1));
      default: // call
        if (!known.calls.contains(value)) {
          at.problem(key, Suggestions.unknown("operation", value, known.calls)
              + (value.contains(".") ? "" : "; write service.operation"));
          return null;
        }
        int dot = value.indexOf('.');
        return Triggers.nthCall(value.substring(0, dot), value.substring(dot + 1),
            node.has("nth") ? node.get("nth").asInt() : 1);
    }
  }

  /** How {@code trigger} is written; throws for a trigger with no file form (one a user coded in Java). */
  static Object write(Trigger trigger) {
    if (trigger instanceof Triggers.TaskAwaitsApproval) {
      return AWAITING_APPROVAL;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    if (trigger instanceof Triggers.AtTime t) {
      map.put("at", Durations.format(t.time()));
    } else if (trigger instanceof Triggers.AgentEnters t) {
      map.put("agent-enters", t.step());
    } else if (trigger instanceof Triggers.Committed t) {
      map.put("committed", t.service() + "." + t.operation());
    } else if (trigger instanceof Triggers.AfterCrmCalls t) {
      map.put("after-crm-calls", t.n());
    } else if (trigger instanceof Triggers.NthCall t) {
      map.put("call", t.service() + "." + t.operation());
      if (t.n() != 1) {
        map.put("nth", t.n());
      }
    } else {
      throw new IllegalArgumentException("trigger [" + trigger.describe() + "] has no scenario-file form; use one of"
          + " the Triggers factories");
    }
    return map;
  }

  /** Whether {@code trigger} is the default: when the task is submitted. */
  static boolean isDefault(Trigger trigger) {
    return trigger instanceof Triggers.AtTime t && t.time().equals(Duration.ZERO);
  }
}
