package dev.crashtest.tracereplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.tracereplay.AgentRun.ModelCall;
import dev.crashtest.tracereplay.AgentRun.ToolCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workload a trace shows: its tools (from {@code execute_tool} spans, their arguments and the HTTP call under
 * each), the services those calls went to ({@code server.address}), and for each tool a WireMock stub answering what
 * the trace recorded. Scopes, effect keys and tool descriptions are not in a trace: each guess is a TODO comment.
 */
final class WorkloadDraft {
  private static final Pattern GATE_NAME = Pattern.compile("(?i).*(approv|confirm|human|review|consent).*");
  private static final Pattern ID_FIELD = Pattern.compile("(?i).*id");

  /** One tool, as workload.yaml says it. */
  record Tool(String name, String description, JsonNode parameters, Optional<String> service, String method,
      String path, Optional<ObjectNode> body, boolean gate, Optional<Effect> effect, List<String> comments,
      Optional<ToolCall> firstSuccess) {

    boolean isWrite() {
      return !gate && !method.equals("GET");
    }

    String scope() {
      return service.orElse("tools") + (isWrite() ? ".write" : ".read");
    }
  }

  /** A write's effect. */
  record Effect(String type, String id, String key, boolean approval) {}

  final String name;
  final String goal;
  final String model;
  final List<Tool> tools = new ArrayList<>();
  final Set<String> services = new LinkedHashSet<>();
  final List<String> headerComments = new ArrayList<>();
  int todos;
  private final Redactor redactor;

  WorkloadDraft(AgentRun run, String name, Redactor redactor) {
    this.name = name;
    this.redactor = redactor;
    String traced = run.goal().orElse("");
    if (traced.isEmpty()) {
      headerComments.add("TODO: no user message in the trace's model calls: write the task the agent was given");
      todos++;
      this.goal = "TODO: the task the agent was given";
    } else {
      String text = redactor.text(traced);
      if (text.contains("{") || text.contains("}")) {
        headerComments.add("the goal's braces became parentheses: {name} is a placeholder in a workload goal");
        text = text.replace('{', '(').replace('}', ')');
      }
      this.goal = text;
    }
    this.model = run.model().orElse("traced-model");
    Map<String, JsonNode> definitions = toolDefinitions(run);
    for (String tool : run.toolNames()) {
      tools.add(tool(run, tool, definitions.get(tool)));
    }
    tools.forEach(tool -> tool.service().ifPresent(services::add));
    if (services.isEmpty()) {
      services.add("tools");
    }
  }

  private Tool tool(AgentRun run, String tool, JsonNode definition) {
    List<String> comments = new ArrayList<>();
    List<ToolCall> calls = run.toolCalls.stream().filter(call -> call.name().equals(tool)).toList();
    Optional<ToolCall> first = calls.stream().findFirst();
    Optional<ToolCall> withHttp = calls.stream().filter(call -> call.http().isPresent()).findFirst();
    Optional<ToolCall> success = calls.stream().filter(call -> !call.failed() && call.result().isPresent())
        .findFirst();
    List<JsonNode> arguments = new ArrayList<>();
    calls.forEach(call -> arguments.add(call.arguments()));
    for (ModelCall model : run.modelCalls) {
      model.asked().stream().filter(asked -> asked.name().equals(tool)).forEach(asked -> arguments.add(asked.arguments()));
    }
    String description = definition != null && definition.hasNonNull("description")
        ? redactor.scrub(definition.get("description").asText()) : tool + " (as the trace shows it)";
    JsonNode parameters = definition != null && definition.has("parameters") ? definition.get("parameters")
        : inferParameters(arguments);
    if (definition == null) {
      comments.add("parameters inferred from the arguments the trace recorded (no gen_ai.tool.definitions)");
    }
    if (withHttp.isEmpty()) {
      if (GATE_NAME.matcher(tool).matches()) {
        comments.add("no service call under " + tool + " in the trace and its name asks a human: taken as the"
            + " approval gate");
        return new Tool(tool, description, parameters, Optional.empty(), "", "", Optional.empty(), true,
            Optional.empty(), comments, success);
      }
      todo(comments, "the trace shows no HTTP call under " + tool + (first.isEmpty() ? " (it was asked for, never run)"
          : "") + ": it calls POST /todo/" + tool + " on a stub that answers {}; give it its real service and path");
      return new Tool(tool, description, parameters, Optional.of("tools"), "POST", "/todo/" + tool,
          Optional.empty(), false, Optional.empty(), comments, success);
    }
    ToolCall call = withHttp.get();
    String service = call.service().orElse("tools");
    String method = call.method().orElse("GET");
    Set<String> inPath = new LinkedHashSet<>();
    String path = call.http().get().text("url.template").orElse(null);
    if (path != null) {
      java.util.regex.Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path);
      while (names.find()) {
        inPath.add(names.group(1));
      }
    } else {
      path = templateOf(AgentRun.pathOf(call.http().get()).orElse("/"), call.arguments(), inPath, comments, tool);
    }
    Optional<ObjectNode> body = Optional.empty();
    if (!method.equals("GET")) {
      ObjectNode fields = JsonNodeFactory.instance.objectNode();
      call.arguments().fieldNames().forEachRemaining(field -> {
        if (!inPath.contains(field)) {
          fields.put(field, "{" + field + "}");
        }
      });
      body = Optional.of(fields);
      comments.add("body: each argument not in the path, under its own name (the trace does not record bodies)");
    }
    Optional<Effect> effect = Optional.empty();
    if (!method.equals("GET")) {
      effect = effect(run, tool, call, success, body.get(), comments);
    }
    return new Tool(tool, description, parameters, Optional.of(service), method, path, body, false, effect,
        comments, success);
  }

  private Optional<Effect> effect(AgentRun run, String tool, ToolCall call, Optional<ToolCall> success,
      ObjectNode body, List<String> comments) {
    Set<String> argumentValues = new LinkedHashSet<>();
    call.arguments().forEach(value -> argumentValues.add(value.asText()));
    Optional<String> id = Optional.empty();
    if (success.isPresent() && success.get().result().get().isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = success.get().result().get().fields();
      while (fields.hasNext() && id.isEmpty()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (ID_FIELD.matcher(field.getKey()).matches() && field.getValue().isValueNode()
            && !argumentValues.contains(field.getValue().asText())) {
          id = Optional.of(field.getKey());
        }
      }
    }
    Optional<String> key = body.fieldNames().hasNext() ? Optional.of(body.fieldNames().next()) : Optional.empty();
    if (id.isEmpty() || key.isEmpty()) {
      todo(comments, "no effect declared for " + tool + ": the trace shows no " + (id.isEmpty()
          ? "id field in its result" : "argument in its body") + "; declare effect: {type, id, key} so"
          + " exactly-once-effects judges it");
      return Optional.empty();
    }
    todo(comments, "effect key guessed: [" + key.get() + "], the first body field; it must be the field that makes"
        + " two " + tool + " calls the same effect");
    boolean approval = run.toolCalls.stream().anyMatch(gate -> gate.http().isEmpty()
        && GATE_NAME.matcher(gate.name()).matches() && gate.span().process().equals(call.span().process())
        && gate.span().endNanos() <= call.span().startNanos());
    if (approval) {
      comments.add("approval: true because the trace shows " + tool + " only after the approval gate; remove it if"
          + " it needs none");
    }
    return Optional.of(new Effect(tool, id.get(), key.get(), approval));
  }

  private String templateOf(String path, JsonNode arguments, Set<String> inPath, List<String> comments,
      String tool) {
    StringBuilder template = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (template.length() > 0 || !segment.isEmpty()) {
        template.append('/');
      }
      String decoded = AgentRun.decode(segment);
      String argument = null;
      Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields();
      while (fields.hasNext() && argument == null) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isValueNode() && !decoded.isEmpty() && field.getValue().asText().equals(decoded)) {
          argument = field.getKey();
        }
      }
      if (argument != null) {
        template.append('{').append(argument).append('}');
        inPath.add(argument);
      } else {
        template.append(redactor.redacts() && decoded.matches(".*\\d.*") ? "TODO" : segment);
        if (redactor.redacts() && decoded.matches(".*\\d.*")) {
          todo(comments, "a path segment of " + tool + " holds data that is no argument: redacted to TODO");
        }
      }
    }
    String result = template.length() == 0 ? "/" : template.toString();
    comments.add("path: " + (inPath.isEmpty() ? "as the trace's url.full" : "from url.full, with the segments equal"
        + " to an argument made {placeholders}") + " (no url.template in the trace)");
    return result;
  }

  private static JsonNode inferParameters(List<JsonNode> arguments) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (JsonNode call : arguments) {
      call.fields().forEachRemaining(field -> {
        seen.merge(field.getKey(), 1, Integer::sum);
        if (!properties.has(field.getKey())) {
          properties.putObject(field.getKey()).put("type", typeOf(field.getValue()));
        }
      });
    }
    var required = schema.putArray("required");
    seen.forEach((field, count) -> {
      if (count == arguments.size()) {
        required.add(field);
      }
    });
    return schema;
  }

  private static String typeOf(JsonNode value) {
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.isObject() ? "object" : "string";
  }

  private static Map<String, JsonNode> toolDefinitions(AgentRun run) {
    Map<String, JsonNode> definitions = new LinkedHashMap<>();
    for (ModelCall call : run.modelCalls) {
      call.span().text("gen_ai.tool.definitions").map(AgentRun::json).filter(JsonNode::isArray)
          .ifPresent(array -> array.forEach(definition -> {
            JsonNode function = definition.has("function") ? definition.get("function") : definition;
            if (function.hasNonNull("name")) {
              definitions.putIfAbsent(function.get("name").asText(), function);
            }
          }));
    }
    return definitions;
  }

  private void todo(List<String> comments, String text) {
    comments.add("TODO: " + text);
    todos++;
  }

  /** The scopes the tools need, which the user delegates. */
  List<String> scopes() {
    Set<String> scopes = new LinkedHashSet<>();
    tools.stream().filter(tool -> !tool.gate()).forEach(tool -> scopes.add(tool.scope()));
    return List.copyOf(scopes);
  }

  String yaml(String description) {
    StringBuilder out = new StringBuilder();
    out.append("# Written by ./crashtest import-trace; review every TODO (docs/workloads.md says what each field"
        + " means).\n");
    out.append("name: ").append(Yaml.value(name)).append('\n');
    out.append("description: ").append(Yaml.value(description)).append('\n');
    headerComments.forEach(comment -> out.append(Yaml.comment("", comment)));
    out.append("goal:\n  template: ").append(Yaml.value(goal)).append('\n');
    out.append("model:\n  name: ").append(Yaml.value(model)).append("\n  script: model-script.json\n");
    out.append(Yaml.comment("", "TODO: the trace does not carry scopes: one read and one write scope per service"));
    todos++;
    out.append("user-scopes: ").append(Yaml.value(scopes())).append('\n');
    out.append("services:\n");
    for (String service : services) {
      out.append("  ").append(service).append(": {stubs: ").append(Yaml.value("stubs/" + service)).append("}\n");
    }
    out.append("tools:\n");
    for (Tool tool : tools) {
      tool.comments().forEach(comment -> out.append(Yaml.comment("  ", comment)));
      out.append("  - name: ").append(Yaml.value(tool.name())).append('\n');
      out.append("    description: ").append(Yaml.value(tool.description())).append('\n');
      out.append("    parameters: ").append(Yaml.value(tool.parameters())).append('\n');
      if (tool.gate()) {
        out.append("    gate: true\n");
        continue;
      }
      out.append("    service: ").append(tool.service().orElseThrow()).append('\n');
      out.append("    http: {method: ").append(tool.method()).append(", path: ").append(Yaml.value(tool.path()));
      tool.body().ifPresent(body -> out.append(", body: ").append(Yaml.value(body)));
      out.append("}\n");
      out.append("    scope: ").append(Yaml.value(tool.scope())).append('\n');
      tool.effect().ifPresent(effect -> out.append("    effect: {type: ").append(Yaml.value(effect.type()))
          .append(", id: ").append(Yaml.value(effect.id())).append(", key: ").append(Yaml.value(effect.key()))
          .append(effect.approval() ? ", approval: true" : "").append("}\n"));
    }
    return out.toString();
  }

  /** Each stub file, by its path under the output directory. */
  Map<String, JsonNode> stubs() {
    Map<String, JsonNode> stubs = new LinkedHashMap<>();
    for (Tool tool : tools) {
      if (tool.gate()) {
        continue;
      }
      ObjectNode stub = JsonNodeFactory.instance.objectNode();
      stub.put("name", tool.name());
      ObjectNode request = stub.putObject("request");
      request.put("method", tool.method());
      request.put(tool.path().contains("{") ? "urlPathTemplate" : "urlPath", tool.path());
      ObjectNode response = stub.putObject("response");
      Optional<ToolCall> success = tool.firstSuccess();
      int status = success.flatMap(ToolCall::status).filter(s -> s < 400).orElse(tool.isWrite() ? 201 : 200);
      response.put("status", status);
      response.putObject("headers").put("Content-Type", "application/json");
      JsonNode body = success.flatMap(ToolCall::result).map(redactor::json)
          .orElse(JsonNodeFactory.instance.objectNode());
      if (body.isTextual()) {
        response.put("body", body.asText());
      } else {
        response.set("jsonBody", body);
      }
      ObjectNode metadata = stub.putObject("metadata");
      if (success.isPresent()) {
        metadata.put("source", success.get().span().reference());
      } else {
        metadata.put("todo", "the trace has no successful " + tool.name() + " call: this stub answers {}");
        todos++;
      }
      stubs.put("stubs/" + tool.service().orElseThrow() + "/" + tool.name() + ".json", stub);
    }
    return stubs;
  }
}
