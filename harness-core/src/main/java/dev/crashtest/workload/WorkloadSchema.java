package dev.crashtest.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Schema of {@code workload.yaml}, published as {@code docs/workload.schema.json}. */
public final class WorkloadSchema {
  static final List<String> TOP_LEVEL = List.of("name", "description", "goal", "model", "user-scopes", "services",
      "tools");
  static final List<String> TOOL_FIELDS = List.of("name", "description", "parameters", "service", "http", "scope",
      "effect", "gate");
  private static final Map<String, Object> SCHEMA = build();

  private WorkloadSchema() {}

  /** The schema as pretty-printed JSON, with a final newline. */
  public static String json() {
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return new ObjectMapper().writer(printer).writeValueAsString(SCHEMA) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the workload schema cannot be written as JSON", e);
    }
  }

  private static Map<String, Object> build() {
    Map<String, Object> schema = object(List.of("name", "goal", "model", "services", "tools"),
        "A workload: the task, the tools the agent's model may call, and the services behind them. See"
            + " docs/workloads.md.");
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", "urn:crashtest:workload:v1");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", pattern("^[a-z0-9][a-z0-9-]*$", "Lower-case words joined by '-'."));
    properties.put("description", string("What the agent does in this workload."));
    Map<String, Object> goal = object(List.of("template"), "The task sentence, its {placeholders} drawn from choices"
        + " by the run's seed.");
    Map<String, Object> choices = object(List.of(), "For each placeholder, the values a run draws one of.");
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("type", "array");
    values.put("minItems", 1);
    values.put("items", Map.of("type", List.of("string", "number")));
    choices.put("additionalProperties", values);
    goal.put("properties", props("template", string("The goal, e.g. \"Refund order {order}\"."), "choices", choices));
    goal.put("additionalProperties", false);
    properties.put("goal", goal);
    Map<String, Object> model = object(List.of("script"), "The scripted model: what it asks for, turn by turn.");
    model.put("properties", props("name", string("The model id agents send (default crashtest-<name>)."),
        "script", string("The model endpoint's rule-based script (JSON), relative to this file.")));
    model.put("additionalProperties", false);
    properties.put("model", model);
    Map<String, Object> scopes = new LinkedHashMap<>();
    scopes.put("description", "The scopes the user delegates to the agent.");
    scopes.put("type", "array");
    scopes.put("items", Map.of("type", "string"));
    properties.put("user-scopes", scopes);
    Map<String, Object> service = object(List.of(), "A directory of WireMock stub mappings, or a built-in service.");
    service.put("properties", props("stubs", string("WireMock stub mappings (*.json), relative to this file."),
        "builtin", enumOf(List.of("crm"), "A service Crashtest serves itself: procurement's CRM.")));
    service.put("additionalProperties", false);
    service.put("minProperties", 1);
    service.put("maxProperties", 1);
    Map<String, Object> services = object(List.of(), "The services the tools call, by name.");
    services.put("propertyNames", Map.of("pattern", "^[a-z][a-z0-9-]*$"));
    services.put("minProperties", 1);
    services.put("additionalProperties", service);
    properties.put("services", services);
    Map<String, Object> tools = new LinkedHashMap<>();
    tools.put("description", "The tools the model may ask for.");
    tools.put("type", "array");
    tools.put("minItems", 1);
    tools.put("items", tool());
    properties.put("tools", tools);
    schema.put("properties", properties);
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> tool() {
    Map<String, Object> tool = object(List.of("name", "description", "parameters"), "One tool.");
    Map<String, Object> http = object(List.of("method", "path"), "The call the reference agents make.");
    http.put("properties", props("method", enumOf(List.of("GET", "POST", "PUT", "PATCH", "DELETE"), "The method."),
        "path", pattern("^/", "The path, {param} replaced by the argument."),
        "body", Map.of("description", "The JSON body template; \"{param}\" takes the argument's value.")));
    http.put("additionalProperties", false);
    Map<String, Object> above = object(List.of("field", "value"), "Gated when this request field is above value.");
    above.put("properties", props("field", string("A request body field."), "value", props("type", "number")));
    above.put("additionalProperties", false);
    Map<String, Object> effect = object(List.of("type", "id", "key"), "The side effect of a write.");
    effect.put("properties", props("type", string("What the effect is, e.g. refund."),
        "id", string("The response field holding the effect's id."),
        "key", string("The request body field saying what it is about; exactly once per type and key."),
        "approval", props("type", "boolean", "description", "A human must approve it first."),
        "approval-above", above));
    effect.put("additionalProperties", false);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", pattern("^[a-z][a-z0-9_]*$", "The tool name the model uses."));
    properties.put("description", string("What the model is told."));
    properties.put("parameters", object(List.of(), "The JSON schema of the arguments, as sent to the model."));
    properties.put("service", string("The service it calls."));
    properties.put("http", http);
    properties.put("scope", string("The scope the call needs."));
    properties.put("effect", effect);
    properties.put("gate", props("type", "boolean", "description", "The human-approval gate: no call."));
    tool.put("properties", properties);
    tool.put("additionalProperties", false);
    return tool;
  }

  private static Map<String, Object> object(List<String> required, String description) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("description", description);
    schema.put("type", "object");
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  private static Map<String, Object> props(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> string(String description) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("description", description);
    schema.put("type", "string");
    return schema;
  }

  private static Map<String, Object> pattern(String pattern, String description) {
    Map<String, Object> schema = string(description);
    schema.put("pattern", pattern);
    return schema;
  }

  private static Map<String, Object> enumOf(List<String> values, String description) {
    Map<String, Object> schema = string(description);
    schema.put("enum", values);
    return schema;
  }
}
