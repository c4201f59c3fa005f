package dev.crashtest.scenariofile;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of a scenario file, generated from the same fault, trigger and check forms the reader uses, so the
 * schema an editor completes from and the reader never disagree. Published as {@code docs/scenario.schema.json}.
 *
 * <pre>{@code
 * String schema = ScenarioSchema.json();
 * }</pre>
 */
public final class ScenarioSchema {
  /** The {@code $id} the published schema carries. */
  public static final String ID = "urn:crashtest:scenario:v1";
  static final List<String> TOP_LEVEL = List.of("name", "description", "timeout", "requires", "experimental",
      "resubmit-after-restart", "handoff-from", "clock-compression", "approval", "checks", "expect", "faults");
  static final List<String> APPROVAL = List.of("delay", "withheld-for");
  static final List<String> COMMON_FAULT_FIELDS = List.of("fault", "when", "optional", "source");
  static final List<String> SOURCE_FIELDS = List.of("trace-id", "span-id");
  static final List<String> HEAL_FIELDS = List.of("lasting", "until");

  private static final Map<String, Object> SCHEMA = build();

  private ScenarioSchema() {}

  /** The schema as pretty-printed JSON, with a final newline. */
  public static String json() {
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return new ObjectMapper().writer(printer).writeValueAsString(SCHEMA) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the scenario schema cannot be written as JSON", e);
    }
  }

  /** The fields a fault of {@code form} may carry, in the order the writer writes them. */
  static List<String> fieldsOf(FaultForm form) {
    List<String> fields = new ArrayList<>(COMMON_FAULT_FIELDS);
    form.params().forEach(param -> fields.add(param.name()));
    if (form.heals()) {
      fields.addAll(HEAL_FIELDS);
    }
    return fields;
  }

  private static Map<String, Object> build() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", ID);
    schema.put("title", "Crashtest scenario");
    schema.put("description", "One scenario: the faults of an incident, when they fire, and the checks the run must"
        + " pass. See docs/scenarios.md.");
    schema.put("type", "object");
    schema.put("required", List.of("name"));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", describe(pattern("^[a-z0-9][a-z0-9-]*$"),
        "Lower-case words joined by '-', unique among the scenarios of a run."));
    properties.put("description", describe(type("string"), "What happened, as the report will tell it."));
    properties.put("timeout", describe(Param.Type.DURATION.schema(),
        "How long the task may take before the run ends and the task counts as not completed (default 60s)."));
    properties.put("requires", describe(enumOf(List.of("platform", "stateful-platform")),
        "Only agents on a durable-execution platform (that keeps its state across restarts) run it; others are"
            + " SKIPPED."));
    properties.put("experimental", describe(type("boolean"),
        "Failures are reported but fail the gate only with --fail-on experimental."));
    properties.put("resubmit-after-restart", describe(type("boolean"),
        "After each agent restart the task is submitted again, as a queue redelivering a message would."));
    properties.put("handoff-from", describe(pattern("^[a-z0-9][a-z0-9-]*$"),
        "An upstream agent (client id) hands the task over with its own delegated token: token passthrough."));
    Map<String, Object> compression = type("integer");
    compression.put("minimum", 1);
    properties.put("clock-compression", describe(compression,
        "One real millisecond stands for this many scenario milliseconds (86400: a day per second)."));
    properties.put("approval", approval());
    properties.put("checks", checks());
    properties.put("expect", expect());
    Map<String, Object> faults = type("array");
    faults.put("items", Map.of("$ref", "#/$defs/fault"));
    properties.put("faults", describe(faults, "What goes wrong, each item naming its kind with fault:."));
    schema.put("properties", properties);
    schema.put("additionalProperties", false);
    schema.put("$defs", defs());
    return schema;
  }

  private static Map<String, Object> approval() {
    Map<String, Object> approval = type("object");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("delay", describe(Param.Type.DURATION.schema(),
        "The human approves this long (scenario time) after the agent asks."));
    properties.put("withheld-for", describe(Param.Type.DURATION.schema(),
        "The human never answers; the run ends this long (real time) after the task starts awaiting approval."));
    approval.put("properties", properties);
    approval.put("additionalProperties", false);
    return describe(approval, "The human at the approval gate.");
  }

  private static Map<String, Object> checks() {
    Map<String, Object> withArgument = type("object");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bounded-retries", describe(Param.Type.POSITIVE_INT.schema(),
        "No service is called more than N times in a row while it keeps failing."));
    withArgument.put("properties", properties);
    withArgument.put("additionalProperties", false);
    withArgument.put("minProperties", 1);
    withArgument.put("maxProperties", 1);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("if", Map.of("type", "string"));
    item.put("then", Map.of("enum", CheckNames.names()));
    item.put("else", withArgument);
    Map<String, Object> checks = type("array");
    checks.put("items", item);
    return describe(checks, "The checks the run must pass (default [standard]); sets: standard, identity, always."
        + " approval-gate, requested-writes and secret-hygiene are always judged.");
  }

  private static Map<String, Object> expect() {
    Map<String, Object> expect = type("object");
    expect.put("propertyNames", pattern("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    expect.put("additionalProperties", enumOf(List.of("PASS", "FAIL", "ERROR")));
    return describe(expect, "The verdict an agent is known to get, by agent name, e.g. {naive: FAIL}: met, it does"
        + " not fail the gate; changed, it does.");
  }

  private static Map<String, Object> defs() {
    Map<String, Object> defs = new LinkedHashMap<>();
    Map<String, Object> fault = type("object");
    fault.put("required", List.of("fault"));
    fault.put("properties", Map.of("fault", describe(enumOf(FaultForms.names()), "The kind of fault.")));
    List<Object> branches = new ArrayList<>();
    for (FaultForm form : FaultForms.all()) {
      Map<String, Object> when = new LinkedHashMap<>();
      when.put("properties", Map.of("fault", Map.of("const", form.name())));
      when.put("required", List.of("fault"));
      Map<String, Object> branch = new LinkedHashMap<>();
      branch.put("if", when);
      branch.put("then", Map.of("$ref", "#/$defs/fault-" + form.name()));
      branches.add(branch);
      defs.put("fault-" + form.name(), faultSchema(form));
    }
    fault.put("allOf", branches);
    defs.put("fault", fault);
    defs.put("trigger", TriggerForms.schema());
    defs.put("trace-source", traceSource());
    return defs;
  }

  private static Map<String, Object> traceSource() {
    Map<String, Object> source = type("object");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("trace-id", describe(pattern("^[0-9a-f]{32}$"), "The trace's id: 32 lower-case hex digits."));
    properties.put("span-id", describe(pattern("^[0-9a-f]{16}$"), "The span's id: 16 lower-case hex digits."));
    source.put("properties", properties);
    source.put("required", SOURCE_FIELDS);
    source.put("additionalProperties", false);
    return describe(source, "The span of a production trace this fault reproduces, written by ./crashtest"
        + " import-trace and shown in the reports.");
  }

  private static Map<String, Object> faultSchema(FaultForm form) {
    Map<String, Object> schema = type("object");
    schema.put("description", form.family() + ": " + form.description());
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("fault", Map.of("const", form.name()));
    properties.put("when", describe(ref("#/$defs/trigger"), "When it fires (default: when the task is submitted)."));
    properties.put("optional", describe(type("boolean"),
        "The fault may not fire without making the run ERROR (by default a fault that never fired is an ERROR)."));
    properties.put("source", ref("#/$defs/trace-source"));
    List<String> required = new ArrayList<>(List.of("fault"));
    for (Param param : form.params()) {
      properties.put(param.name(), param.schema());
      if (param.required()) {
        required.add(param.name());
      }
    }
    if (form.heals()) {
      properties.put("lasting", describe(Param.Type.DURATION.schema(), "Healed this long after it fired."));
      properties.put("until", describe(ref("#/$defs/trigger"), "Healed when this trigger fires."));
    }
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> type(String type) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", type);
    return schema;
  }

  private static Map<String, Object> pattern(String pattern) {
    Map<String, Object> schema = type("string");
    schema.put("pattern", pattern);
    return schema;
  }

  private static Map<String, Object> enumOf(List<String> values) {
    Map<String, Object> schema = type("string");
    schema.put("enum", values);
    return schema;
  }

  private static Map<String, Object> ref(String ref) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$ref", ref);
    return schema;
  }

  private static Map<String, Object> describe(Map<String, Object> schema, String description) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("description", description);
    described.putAll(schema);
    return described;
  }
}
