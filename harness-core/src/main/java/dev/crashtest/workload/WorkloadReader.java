package dev.crashtest.workload;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.crashtest.internal.DidYouMean;
import dev.crashtest.internal.Problems;
import dev.crashtest.internal.YamlTree;
import dev.crashtest.fakes.stub.StubServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a workload directory: {@code workload.yaml} composed with line marks and validated by the published schema,
 * then the parts only a reader can check (a tool's service is declared, the script asks only for known tools, the
 * stub files are JSON mappings, an effect's key is a field of the request). Every problem is collected first.
 */
final class WorkloadReader {
  private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(WorkloadSchema.json());
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)\\}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final String source;
  private final Map<String, int[]> marks = new HashMap<>();
  private final Problems problems;
  private final List<String> fileProblems = new ArrayList<>();
  private JsonNode root;

  private WorkloadReader(Path directory) {
    this.directory = directory;
    this.source = directory.resolve("workload.yaml").toString();
    this.problems = new Problems(source, marks);
  }

  static Workload read(Path directory) {
    return new WorkloadReader(directory).read();
  }

  private Workload read() {
    Path file = directory.resolve("workload.yaml");
    if (!Files.isRegularFile(file)) {
      throw new WorkloadException(List.of(directory + ": no workload.yaml here; a workload is a directory with a"
          + " workload.yaml (see docs/workloads.md)"));
    }
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkloadException(List.of(file + ": cannot be read: " + e.getMessage()));
    }
    Optional<YamlTree> tree = YamlTree.compose(source, yaml, problems, marks);
    Workload workload = null;
    if (tree.isPresent()) {
      root = tree.get().root;
      if (!root.isObject()) {
        problems.add("", "a workload file is a map of fields; start with a name, e.g. name: my-workload");
      } else {
        SCHEMA.validate(root).forEach(this::translate);
        if (!problems.any()) {
          workload = build();
        }
      }
    }
    List<String> all = new ArrayList<>(problems.lines());
    all.addAll(fileProblems);
    if (!all.isEmpty()) {
      throw new WorkloadException(all);
    }
    return workload;
  }

  private void translate(Error error) {
    String path = display(error);
    String value = error.getInstanceNode() == null || error.getInstanceNode().isContainer() ? ""
        : error.getInstanceNode().asString();
    switch (error.getKeyword()) {
      case "required" -> problems.add(path, "missing field [" + argument(error) + "]");
      case "additionalProperties" -> {
        String field = argument(error);
        List<String> known = path.isEmpty() ? WorkloadSchema.TOP_LEVEL
            : path.matches("tools\\[\\d+\\]") ? WorkloadSchema.TOOL_FIELDS : List.of();
        problems.add(Problems.child(path, field), "unknown field [" + field + "]"
            + (known.isEmpty() ? "" : "; known: " + String.join(", ", known)) + DidYouMean.hint(field, known));
      }
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        error.getSchemaNode().forEach(v -> allowed.add(v.asString()));
        problems.add(path, "unknown value [" + value + "]; known: " + String.join(", ", allowed)
            + DidYouMean.hint(value, allowed));
      }
      case "type" -> problems.add(path, "expected " + error.getSchemaNode().toString().replace("\"", "")
          + (value.isEmpty() ? "" : ", got [" + value + "]"));
      case "pattern" -> problems.add(path, "[" + value + "] does not match " + error.getSchemaNode().asString());
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

  private static String display(Error error) {
    StringBuilder path = new StringBuilder();
    var location = error.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        path.append(path.length() > 0 ? "." : "").append(element);
      }
    }
    return path.toString();
  }

  private Workload build() {
    String name = root.get("name").asString();
    Map<String, WorkloadService> services = services();
    List<Tool> tools = tools(services);
    Map<String, List<String>> choices = choices();
    String template = root.get("goal").get("template").asString();
    Matcher placeholders = PLACEHOLDER.matcher(template);
    while (placeholders.find()) {
      if (!choices.containsKey(placeholders.group(1))) {
        problems.add("goal.template", "placeholder {" + placeholders.group(1) + "} has no choices; add"
            + " goal.choices." + placeholders.group(1) + ": [...]");
      }
    }
    JsonNode model = root.get("model");
    String script = script(model.get("script").asString(), tools);
    List<String> scopes = new ArrayList<>();
    if (root.has("user-scopes")) {
      root.get("user-scopes").forEach(scope -> scopes.add(scope.asString()));
    }
    String description = root.has("description") ? root.get("description").asString() : "";
    String modelName = model.has("name") ? model.get("name").asString() : "crashtest-" + name;
    return new Workload(name, description, directory, template, choices, modelName, script, scopes, services, tools);
  }

  private Map<String, WorkloadService> services() {
    Map<String, WorkloadService> services = new LinkedHashMap<>();
    JsonNode node = root.get("services");
    for (String name : node.propertyNames()) {
      JsonNode service = node.get(name);
      if (service.has("builtin")) {
        services.put(name, new WorkloadService(name, Optional.of(service.get("builtin").asString()), Optional.empty()));
      } else {
        Path stubs = directory.resolve(service.get("stubs").asString()).normalize();
        checkStubs("services." + name + ".stubs", stubs);
        services.put(name, new WorkloadService(name, Optional.empty(), Optional.of(stubs)));
      }
    }
    return services;
  }

  private void checkStubs(String field, Path stubs) {
    if (!Files.isDirectory(stubs)) {
      problems.add(field, "no directory [" + stubs + "]; give the directory of this service's WireMock stub"
          + " mappings (*.json)");
      return;
    }
    try (Stream<Path> files = Files.list(stubs)) {
      List<Path> json = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
      if (json.isEmpty()) {
        problems.add(field, "[" + stubs + "] holds no *.json stub mapping");
      }
      for (Path file : json) {
        try {
          JSON.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
          fileProblems.add(file + ": not valid WireMock JSON: " + firstLine(e.getMessage()));
        }
      }
      if (fileProblems.isEmpty() && !json.isEmpty() && stubs.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
        // WireMock's own reading of each mapping: an unknown field, a misspelt matcher
        String service = field.substring("services.".length(), field.length() - ".stubs".length());
        StubServer.check(service, stubs).forEach(e -> fileProblems.add(e.file() + ": not a WireMock stub mapping: "
            + firstLine(e.reason())));
      }
    } catch (IOException e) {
      problems.add(field, "[" + stubs + "] cannot be listed: " + e.getMessage());
    }
  }

  private List<Tool> tools(Map<String, WorkloadService> services) {
    List<Tool> tools = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    JsonNode nodes = root.get("tools");
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      String path = "tools[" + i + "]";
      String name = node.get("name").asString();
      if (!names.add(name)) {
        problems.add(path + ".name", "tool [" + name + "] is declared twice; give each tool its own name");
      }
      boolean gate = node.has("gate") && node.get("gate").asBoolean();
      if (gate) {
        for (String field : List.of("service", "http", "scope", "effect")) {
          if (node.has(field)) {
            problems.add(path + "." + field, "a gate tool makes no call; drop [" + field + "]");
          }
        }
        tools.add(new Tool(name, node.get("description").asString(), node.get("parameters").toString(), null, null,
            null, null, null, Optional.empty(), true));
        continue;
      }
      if (!node.has("service") || !node.has("http")) {
        problems.add(path, "a tool calls a service: give service and http (or gate: true for the approval gate)");
        continue;
      }
      String service = node.get("service").asString();
      if (!services.containsKey(service)) {
        problems.add(path + ".service", "unknown service [" + service + "]; known: "
            + String.join(", ", services.keySet()) + DidYouMean.hint(service, services.keySet()));
      }
      JsonNode http = node.get("http");
      String method = http.get("method").asString();
      String body = http.has("body") ? http.get("body").toString() : null;
      checkPlaceholders(path + ".http.path", http.get("path").asString(), node.get("parameters"));
      boolean builtIn = services.containsKey(service) && services.get(service).builtIn().isPresent();
      Optional<Effect> effect = effect(node, path, method, http, builtIn);
      if (node.has("scope") && root.has("user-scopes")) {
        String scope = node.get("scope").asString();
        List<String> delegated = new ArrayList<>();
        root.get("user-scopes").forEach(s -> delegated.add(s.asString()));
        if (!delegated.contains(scope)) {
          problems.add(path + ".scope", "[" + scope + "] is not among user-scopes (" + String.join(", ", delegated)
              + "): the user never delegates it, so every call of this tool would be refused; add it to user-scopes");
        }
      }
      tools.add(new Tool(name, node.get("description").asString(), node.get("parameters").toString(), service, method,
          http.get("path").asString(), body, node.has("scope") ? node.get("scope").asString() : null, effect, false));
    }
    return tools;
  }

  private void checkPlaceholders(String field, String template, JsonNode parameters) {
    JsonNode properties = parameters.get("properties");
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      if (properties == null || !properties.has(matcher.group(1))) {
        problems.add(field, "{" + matcher.group(1) + "} is not a parameter of the tool");
      }
    }
  }

  /** The tool's effect; a built-in service (the CRM) knows its effects' keys itself, so they are not checked. */
  private Optional<Effect> effect(JsonNode tool, String path, String method, JsonNode http, boolean builtIn) {
    if (!tool.has("effect")) {
      return Optional.empty();
    }
    JsonNode effect = tool.get("effect");
    if (method.equals("GET")) {
      problems.add(path + ".effect", "a GET changes nothing; only a write (POST, PUT, PATCH, DELETE) has an effect");
      return Optional.empty();
    }
    String key = effect.get("key").asString();
    JsonNode body = http.get("body");
    if (!builtIn && (body == null || !body.isObject() || !body.has(key))) {
      problems.add(path + ".effect.key", "[" + key + "] is not a field of the request body"
          + (body != null && body.isObject() ? "; body fields: " + String.join(", ", body.propertyNames()) : ""));
    }
    Optional<String> field = Optional.empty();
    double above = 0;
    if (effect.has("approval-above")) {
      field = Optional.of(effect.get("approval-above").get("field").asString());
      above = effect.get("approval-above").get("value").asDouble();
      if (body == null || !body.has(field.get())) {
        problems.add(path + ".effect.approval-above.field", "[" + field.get() + "] is not a field of the request body");
      }
    }
    return Optional.of(new Effect(effect.get("type").asString(), effect.get("id").asString(), key,
        effect.has("approval") && effect.get("approval").asBoolean(), field, above));
  }

  private Map<String, List<String>> choices() {
    Map<String, List<String>> choices = new LinkedHashMap<>();
    JsonNode node = root.get("goal").get("choices");
    if (node != null) {
      for (String name : node.propertyNames()) {
        List<String> values = new ArrayList<>();
        node.get(name).forEach(value -> values.add(value.asString()));
        choices.put(name, List.copyOf(values));
      }
    }
    return choices;
  }

  /** The script's text, after checking it is JSON and asks only for the workload's tools. */
  private String script(String relative, List<Tool> tools) {
    Path file = directory.resolve(relative).normalize();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add("model.script", "no model script [" + file + "]; give the model endpoint's rule-based script"
          + " (JSON), relative to workload.yaml");
      return "";
    }
    JsonNode script;
    try {
      script = JSON.readTree(text);
    } catch (RuntimeException e) {
      fileProblems.add(file + ": not valid JSON: " + firstLine(e.getMessage()));
      return text;
    }
    try {
      // the model endpoint's own reading: a field it does not know, a template it cannot fill
      dev.crashtest.fakes.model.Script.fromJson(text, file.toString());
    } catch (RuntimeException e) {
      fileProblems.add(firstLine(e.getMessage()));
    }
    List<String> known = tools.stream().map(Tool::name).toList();
    JsonNode rules = script.get("rules");
    if (rules == null || !rules.isArray()) {
      fileProblems.add(file + ": field [rules] is missing; a script is {\"name\", \"goalPattern\", \"rules\": [...]}");
      return text;
    }
    for (int r = 0; r < rules.size(); r++) {
      JsonNode calls = rules.get(r).path("then").path("toolCalls");
      for (int c = 0; c < calls.size(); c++) {
        String tool = calls.get(c).path("name").asString();
        if (!known.contains(tool)) {
          fileProblems.add(file + ": rules[" + r + "].then.toolCalls[" + c + "].name: unknown tool [" + tool
              + "]; known: " + String.join(", ", known) + DidYouMean.hint(tool, known));
        }
      }
    }
    return text;
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
