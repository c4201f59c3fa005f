package dev.crashtest.scenariofile;

import dev.crashtest.internal.Problems;
import dev.crashtest.internal.YamlTree;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.crashtest.check.Checker;
import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.IdentityChange;
import dev.crashtest.scenario.NetworkFault;
import dev.crashtest.scenario.ProcessCrash;
import dev.crashtest.scenario.ProcessPause;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.SecretRotation;
import dev.crashtest.scenario.ServiceFault;
import dev.crashtest.scenario.TraceSource;
import dev.crashtest.scenario.Trigger;
import dev.crashtest.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one scenario file: SnakeYAML Engine composes it with line marks, the published JSON Schema validates it
 * (networknt), then the fields build the scenario through the same DSL a Java user calls. Every problem is collected
 * and placed on its line before anything is thrown.
 */
final class ScenarioReader {
  private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(ScenarioSchema.json());
  private static final Pattern FAULT_ITEM = Pattern.compile("^faults\\[(\\d+)\\]$");
  /** The path of a fault's {@code source}, as a regular expression. */
  private static final String SOURCE = "faults\\[\\d+\\]\\.source";
  private static final String TRACE_EXAMPLE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_EXAMPLE = "00f067aa0ba902b7";

  private final String source;
  private final KnownOperations known;
  private final boolean stubbed;
  private final Problems problems;
  private final Map<String, int[]> marks;
  private JsonNode root;

  private ScenarioReader(String source, Workload workload) {
    this.source = source;
    this.known = KnownOperations.of(workload);
    this.stubbed = !workload.isBuiltInServices();
    this.marks = new HashMap<>();
    this.problems = new Problems(source, marks);
  }

  /** The scenario {@code yaml} describes; throws {@link ScenarioFileException} with every problem. */
  static Scenario read(String source, String yaml, Workload workload) {
    return new ScenarioReader(source, workload).read(yaml);
  }

  private Scenario read(String yaml) {
    Optional<YamlTree> tree = YamlTree.compose(source, yaml, problems, marks);
    if (tree.isPresent()) {
      root = tree.get().root;
      if (!root.isObject()) {
        problems.add("", "a scenario file is a map of fields; start with a name, e.g. name: my-incident");
      } else {
        SCHEMA.validate(root).forEach(this::translate);
        Scenario scenario = build();
        if (!problems.any()) {
          return scenario;
        }
      }
    }
    throw new ScenarioFileException(problems.lines());
  }

  // ---- schema problems, said in the file's terms

  private void translate(Error error) {
    String path = display(error.getInstanceLocation());
    JsonNode value = error.getInstanceNode();
    String keyword = error.getKeyword();
    switch (keyword) {
      case "required" -> problems.add(path, "missing field [" + argument(error) + "]" + requiredHint(path));
      case "additionalProperties" -> {
        String field = argument(error);
        problems.add(Problems.child(path, field), Suggestions.unknown("field", field, knownFields(path)));
      }
      case "enum", "const" -> problems.add(path, CheckNames.WITH_ARGUMENT.contains(text(value))
          ? "check [" + text(value) + "] takes an argument; write {" + text(value) + ": 5}"
          : Suggestions.unknown(what(path), text(value), allowed(error)));
      case "pattern" -> problems.add(path, patternMessage(path, text(value)));
      case "type" -> problems.add(path, (isDuration(path) ? "expected a duration with its unit, e.g. 3s or 800ms"
          : "expected " + expectedType(error)) + ", got " + typeOf(value)
          + (text(value).isEmpty() ? "" : " [" + text(value) + "]") + typeHint(path, value));
      case "minimum" -> problems.add(path, "must be at least " + error.getSchemaNode().asString() + ", got ["
          + text(value) + "]");
      case "maximum" -> problems.add(path, "must be at most " + error.getSchemaNode().asString() + ", got ["
          + text(value) + "]");
      case "minProperties", "maxProperties" -> problems.add(path, path.matches(".*\\.(when|until)$")
          ? "a trigger names one moment, e.g. {agent-enters: create_quote}"
          : "write one check with its argument, e.g. {bounded-retries: 5}");
      case "minLength" -> problems.add(path, "must not be empty");
      default -> problems.add(path, error.getMessage().replaceFirst("^\\$[^:]*: ", ""));
    }
  }

  private static String argument(Error error) {
    if (error.getProperty() != null) {
      return error.getProperty();
    }
    Object[] arguments = error.getArguments();
    return arguments == null || arguments.length == 0 ? "?" : String.valueOf(arguments[0]);
  }

  private String requiredHint(String path) {
    if (path.matches(SOURCE)) {
      return ", e.g. source: {trace-id: " + TRACE_EXAMPLE + ", span-id: " + SPAN_EXAMPLE + "}";
    }
    return path.isEmpty() ? ", e.g. name: my-incident" : "";
  }

  /** An id of decimal digits alone reads as a number in YAML: quoted, it stays the id. */
  private static String typeHint(String path, JsonNode value) {
    if (!path.matches(SOURCE + "\\.(trace-id|span-id)") || value == null || !value.isNumber()) {
      return "";
    }
    return value.isIntegralNumber() ? "; write the id in quotes, e.g. " + path.substring(path.lastIndexOf('.') + 1)
        + ": \"" + value.asString() + "\"" : "; write the id in quotes";
  }

  private List<String> knownFields(String path) {
    if (path.isEmpty()) {
      return ScenarioSchema.TOP_LEVEL;
    }
    if (path.equals("approval")) {
      return ScenarioSchema.APPROVAL;
    }
    if (path.matches(".*\\.(when|until)$")) {
      return TriggerForms.KEYS;
    }
    if (path.matches(SOURCE)) {
      return ScenarioSchema.SOURCE_FIELDS;
    }
    if (path.startsWith("checks[")) {
      return CheckNames.WITH_ARGUMENT;
    }
    Matcher item = FAULT_ITEM.matcher(path);
    if (item.matches()) {
      JsonNode fault = root.get("faults").get(Integer.parseInt(item.group(1))).get("fault");
      Optional<FaultForm> form = fault == null ? Optional.empty() : FaultForms.named(fault.asString());
      if (form.isPresent()) {
        return ScenarioSchema.fieldsOf(form.get());
      }
    }
    return List.of();
  }

  private static String what(String path) {
    if (path.endsWith(".fault")) {
      return "fault";
    }
    if (path.startsWith("checks[")) {
      return "check";
    }
    if (path.startsWith("expect.")) {
      return "verdict";
    }
    if (path.matches(".*\\.(when|until)$")) {
      return "trigger";
    }
    if (path.endsWith(".service")) {
      return "service";
    }
    return "value";
  }

  private static List<String> allowed(Error error) {
    JsonNode schema = error.getSchemaNode();
    List<String> values = new ArrayList<>();
    if (schema != null && schema.isArray()) {
      schema.forEach(v -> values.add(v.asString()));
    } else if (schema != null && schema.isValueNode()) {
      values.add(schema.asString());
    }
    return values;
  }

  /** The fault kind of the item {@code path} is in, e.g. {@code crm-slow} for {@code faults[2].delay}. */
  private Optional<String> kindAt(String path) {
    Matcher item = Pattern.compile("^faults\\[(\\d+)\\]").matcher(path);
    if (!item.find()) {
      return Optional.empty();
    }
    JsonNode fault = root.get("faults").get(Integer.parseInt(item.group(1))).get("fault");
    return fault == null || !fault.isString() ? Optional.empty() : Optional.of(fault.asString());
  }

  private String patternMessage(String path, String value) {
    if (path.matches(SOURCE + "\\.trace-id")) {
      return "[" + value + "] is not a trace id; write its 32 lower-case hex digits, e.g. " + TRACE_EXAMPLE;
    }
    if (path.matches(SOURCE + "\\.span-id")) {
      return "[" + value + "] is not a span id; write its 16 lower-case hex digits, e.g. " + SPAN_EXAMPLE;
    }
    if (path.equals("name") || path.equals("handoff-from")) {
      return "[" + value + "] must be lower-case words joined by '-', e.g. crash-after-place-order";
    }
    if (path.startsWith("expect")) {
      return "[" + value + "] is not an agent name";
    }
    if (path.endsWith("restart-after")) {
      return "bad duration [" + value + "]; " + Durations.HINT + ", or never";
    }
    if (path.endsWith(".delay") && value.matches(".*(±|\\+-).*")) {
      return kindAt(path).filter(kind -> !kind.equals("latency"))
          .map(kind -> "[" + kind + "] takes one duration, e.g. 800ms; only latency varies by a seeded jitter")
          .orElse("bad duration [" + value + "]; write a delay and its jitter, e.g. 800ms ± 200ms");
    }
    return "bad duration [" + value + "]; " + Durations.HINT;
  }

  /** Whether the field at {@code path} holds a duration, by its name. */
  private static boolean isDuration(String path) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    return List.of("timeout", "delay", "withheld-for", "lasting", "at").contains(field)
        || FaultForms.all().stream().flatMap(form -> form.params().stream()).anyMatch(param -> param.name()
            .equals(field) && param.type().name().contains("DURATION"));
  }

  private static String expectedType(Error error) {
    JsonNode schema = error.getSchemaNode();
    String type = schema == null ? "?" : schema.asString();
    return switch (type) {
      case "object" -> "a map of fields";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "boolean" -> "true or false";
      default -> "a " + type;
    };
  }

  private static String typeOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a map";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isIntegralNumber()) {
      return "a whole number";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "true/false";
    }
    return "text";
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() || value.isContainer() ? "" : value.asString();
  }

  static String display(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(element);
      }
    }
    return path.toString();
  }

  // ---- building the scenario, with the problems only the reader can see

  private Scenario build() {
    String name = root.has("name") && !problems.anyUnder("name") ? root.get("name").asString() : "unnamed";
    Scenario scenario = Scenario.named(name);
    scenario = settings(scenario);
    scenario = checks(scenario);
    scenario = expectations(scenario);
    JsonNode faults = root.get("faults");
    if (faults != null && faults.isArray()) {
      for (int i = 0; i < faults.size(); i++) {
        String path = "faults[" + i + "]";
        if (!problems.anyUnder(path)) {
          Fault fault = fault(faults.get(i), path);
          if (fault != null) {
            scenario = scenario.withFault(fault);
          }
        } else {
          triggersOnly(faults.get(i), path);
        }
      }
    }
    return scenario;
  }

  /** A setting the DSL refuses (a zero timeout) is a problem at its field, never an exception. */
  private Scenario settings(Scenario scenario) {
    try {
      return trySettings(scenario);
    } catch (IllegalArgumentException e) {
      problems.add(settingOf(e), e.getMessage().replaceAll("\\[PT0S\\]", "[0s]"));
      return scenario;
    }
  }

  private static String settingOf(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    return message.startsWith("timeout") ? "timeout" : message.startsWith("approval") ? "approval" : "";
  }

  private Scenario trySettings(Scenario scenario) {
    if (clean("description")) {
      scenario = scenario.describedAs(root.get("description").asString());
    }
    if (clean("timeout")) {
      scenario = scenario.withTimeout(duration(root.get("timeout")));
    }
    if (clean("requires")) {
      scenario = root.get("requires").asString().equals("platform") ? scenario.requiringPlatform()
          : scenario.requiringStatefulPlatform();
    }
    if (clean("experimental") && root.get("experimental").asBoolean()) {
      scenario = scenario.experimental();
    }
    if (clean("resubmit-after-restart") && root.get("resubmit-after-restart").asBoolean()) {
      scenario = scenario.withTaskResubmittedAfterRestart();
    }
    if (clean("handoff-from")) {
      scenario = scenario.withHandoffFrom(root.get("handoff-from").asString());
    }
    if (clean("clock-compression")) {
      scenario = scenario.withClockCompression(root.get("clock-compression").asLong());
    }
    if (clean("approval")) {
      JsonNode approval = root.get("approval");
      if (approval.has("delay")) {
        scenario = scenario.withApprovalDelay(duration(approval.get("delay")));
      }
      if (approval.has("delay") && approval.has("withheld-for")) {
        problems.add("approval.withheld-for", "a human who never answers has no delay; give delay or withheld-for,"
            + " not both");
      } else if (approval.has("withheld-for")) {
        if (duration(approval.get("withheld-for")).isZero()) {
          problems.add("approval.withheld-for", "must be longer than 0s: the run watches the waiting task that long");
        } else {
          scenario = scenario.withApprovalWithheldFor(duration(approval.get("withheld-for")));
        }
      }
    }
    return scenario;
  }

  private Scenario checks(Scenario scenario) {
    if (!clean("checks")) {
      return scenario;
    }
    List<Checker> checks = new ArrayList<>();
    for (JsonNode item : root.get("checks")) {
      if (item.isString()) {
        String name = item.asString();
        if (CheckNames.SETS.containsKey(name)) {
          checks.addAll(CheckNames.SETS.get(name).get());
        } else {
          checks.add(CheckNames.CHECKS.get(name).get());
        }
      } else {
        String name = item.propertyNames().iterator().next();
        checks.add(CheckNames.withArgument(name, item.get(name).asInt()));
      }
    }
    if (checks.isEmpty()) {
      problems.add("checks", "an empty list judges nothing; leave checks out for the standard set");
      return scenario;
    }
    return scenario.withChecks(CheckNames.withAlways(checks));
  }

  private Scenario expectations(Scenario scenario) {
    if (!clean("expect")) {
      return scenario;
    }
    JsonNode expect = root.get("expect");
    for (String agent : expect.propertyNames()) {
      scenario = scenario.withExpectation(agent, RunVerdict.valueOf(expect.get(agent).asString()));
    }
    return scenario;
  }

  private boolean clean(String field) {
    return root.has(field) && !problems.anyUnder(field);
  }

  private Fault fault(JsonNode item, String path) {
    FaultForm form = FaultForms.named(item.get("fault").asString()).orElseThrow();
    if (!operationsKnown(form, item, path)) {
      return null;
    }
    Fault fault;
    try {
      fault = form.build().apply(new Args(item, stubbed));
    } catch (IllegalArgumentException | IllegalStateException e) {
      problems.add(path, e.getMessage());
      return null;
    }
    Trigger when = item.has("when") ? TriggerForms.read(item.get("when"), problems.at(path + ".when"), known) : null;
    Trigger until = item.has("until") ? TriggerForms.read(item.get("until"), problems.at(path + ".until"), known) : null;
    if (item.has("lasting") && item.has("until")) {
      problems.add(path + ".until", "write lasting or until, not both");
      return null;
    }
    if ((item.has("when") && when == null) || (item.has("until") && until == null)) {
      return null;
    }
    Duration lasting = item.has("lasting") ? duration(item.get("lasting")) : null;
    if (lasting != null && lasting.isZero()) {
      problems.add(path + ".lasting", "must be longer than 0s; leave it out for a fault that lasts to the end");
      return null;
    }
    Fault timed = timed(fault, when, lasting, until, item.has("optional") && item.get("optional").asBoolean());
    return item.has("source") ? timed.from(source(item.get("source"))) : timed;
  }

  /** The span a fault reproduces; the schema has checked both ids. */
  private static TraceSource source(JsonNode source) {
    return TraceSource.of(source.get("trace-id").asString(), source.get("span-id").asString());
  }

  /** For a fault with problems already: the problems of its triggers too, so the user sees all at once. */
  private void triggersOnly(JsonNode item, String path) {
    for (String field : List.of("when", "until")) {
      if (item.isObject() && item.has(field) && !problems.anyUnder(path + "." + field)) {
        TriggerForms.read(item.get(field), problems.at(path + "." + field), known);
      }
    }
    JsonNode kind = item.isObject() ? item.get("fault") : null;
    if (kind != null && kind.isString() && FaultForms.named(kind.asString()).isPresent()) {
      if (item.has("operation") && !problems.anyUnder(path + ".operation") && item.get("operation").isString()
          || item.has("on-tool") && !problems.anyUnder(path + ".on-tool") && item.get("on-tool").isString()) {
        operationsKnown(FaultForms.named(kind.asString()).get(), item, path);
      }
    }
  }

  /** Whether the operations and tools the fault names are ones the workload makes; reports those it does not. */
  private boolean operationsKnown(FaultForm form, JsonNode item, String path) {
    boolean ok = true;
    if (item.has("operation")) {
      String operation = item.get("operation").asString();
      List<String> allowed = form.name().equals("crm-commit-then-drop") ? known.committedOperations()
          : known.tools;
      if (!allowed.contains(operation)) {
        problems.add(path + ".operation", Suggestions.unknown("operation", operation, allowed));
        ok = false;
      }
    }
    if (item.has("on-tool") && !known.tools.contains(item.get("on-tool").asString())) {
      problems.add(path + ".on-tool", Suggestions.unknown("tool", item.get("on-tool").asString(), known.tools));
      ok = false;
    }
    return ok;
  }

  /** The fault, fired by {@code when}, healed after {@code lasting} or by {@code until}, optional or not. */
  static Fault timed(Fault fault, Trigger when, Duration lasting, Trigger until, boolean optional) {
    if (fault instanceof ProcessCrash crash) {
      crash = when == null ? crash : crash.when(when);
      return optional ? crash.optional() : crash;
    }
    if (fault instanceof ProcessPause pause) {
      pause = when == null ? pause : pause.when(when);
      pause = lasting == null ? pause : pause.lasting(lasting);
      pause = until == null ? pause : pause.until(until);
      return optional ? pause.optional() : pause;
    }
    if (fault instanceof NetworkFault network) {
      network = when == null ? network : network.when(when);
      network = lasting == null ? network : network.lasting(lasting);
      network = until == null ? network : network.until(until);
      return optional ? network.optional() : network;
    }
    if (fault instanceof ServiceFault service) {
      service = when == null ? service : service.when(when);
      service = lasting == null ? service : service.lasting(lasting);
      service = until == null ? service : service.until(until);
      return optional ? service.optional() : service;
    }
    if (fault instanceof IdentityChange change) {
      change = when == null ? change : change.when(when);
      change = lasting == null ? change : change.lasting(lasting);
      change = until == null ? change : change.until(until);
      return optional ? change.optional() : change;
    }
    SecretRotation rotation = (SecretRotation) fault;
    rotation = when == null ? rotation : rotation.when(when);
    return optional ? rotation.optional() : rotation;
  }

  private static Duration duration(JsonNode node) {
    return Durations.parse(node.asString()).orElseThrow();
  }
}
