package dev.crashtest.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an agent is asked to do, as data: the goal (with seeded choices), the tools its model may ask for, the services
 * behind them and the model's script. Read from a directory holding {@code workload.yaml}; procurement and
 * support-desk ship built in.
 *
 * <pre>{@code
 * Workload desk = Workload.read(Path.of("workloads/support-desk"));
 * String goal = desk.goal(new Random(42));   // "Order ORD-1003 never arrived: refund 120 EUR to customer CUST-9, ..."
 * Workload procurement = Workload.procurement();
 * }</pre>
 */
public final class Workload {
  /** The built-in workloads, by name. */
  public static final List<String> BUILT_IN = List.of("procurement", "support-desk");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)\\}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String description;
  private final Path directory;
  private final String goalTemplate;
  private final Map<String, List<String>> choices;
  private final String modelName;
  private final String script;
  private final List<String> userScopes;
  private final Map<String, WorkloadService> services;
  private final List<Tool> tools;
  private String selector;

  Workload(String name, String description, Path directory, String goalTemplate, Map<String, List<String>> choices,
      String modelName, String script, List<String> userScopes, Map<String, WorkloadService> services,
      List<Tool> tools) {
    this.name = name;
    this.description = description;
    this.directory = directory;
    this.goalTemplate = goalTemplate;
    this.choices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(choices));
    this.modelName = modelName;
    this.script = script;
    this.userScopes = List.copyOf(userScopes);
    this.services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    this.tools = List.copyOf(tools);
  }

  /** Reads the workload in {@code directory}; throws {@link WorkloadException} with every problem. */
  public static Workload read(Path directory) {
    Workload workload = WorkloadReader.read(directory);
    workload.selector = directory.toString();
    return workload;
  }

  /** The reference workload: procurement against the purpose-built CRM. */
  public static Workload procurement() {
    return Procurement.WORKLOAD;
  }

  /** Procurement, read once. */
  private static final class Procurement {
    static final Workload WORKLOAD = builtIn("procurement").orElseThrow();
  }

  /** A workload that ships with Crashtest, by name: {@code procurement}, {@code support-desk}. */
  public static Optional<Workload> builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      return Optional.empty();
    }
    String resource = "dev/crashtest/workloads/" + name + "/workload.yaml";
    URL url = Workload.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("the built-in workload [" + resource + "] is missing from the classpath; the"
          + " crashtest-harness-core jar is incomplete: rebuild it");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // opened by an earlier call: Path.of(uri) finds it
        }
      }
      Workload workload = WorkloadReader.read(Path.of(uri).getParent());
      workload.selector = name;
      return Optional.of(workload);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the built-in workload [" + resource + "]", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the built-in workload [" + resource + "]", e);
    }
  }

  /** The goal sentence, each placeholder filled by a choice drawn from {@code random}, in the order declared. */
  public String goal(Random random) {
    Map<String, String> drawn = new java.util.HashMap<>();
    choices.forEach((key, values) -> drawn.put(key, values.get(random.nextInt(values.size()))));
    Matcher matcher = PLACEHOLDER.matcher(goalTemplate);
    StringBuilder goal = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(goal, Matcher.quoteReplacement(drawn.getOrDefault(matcher.group(1), matcher.group())));
    }
    matcher.appendTail(goal);
    return goal.toString();
  }

  /**
   * The file the harness hands the agent ({@code HARNESS_WORKLOAD_FILE}, docs/agent-contract.md): the tools with
   * their HTTP calls and each service's base URL.
   */
  public String agentFile(Map<String, URI> serviceUrls) {
    ObjectNode file = JSON.createObjectNode();
    file.put("name", name);
    file.put("model", modelName);
    ArrayNode toolArray = file.putArray("tools");
    for (Tool tool : tools) {
      ObjectNode node = toolArray.addObject();
      node.put("name", tool.name());
      node.put("description", tool.description());
      node.set("parameters", parse(tool.parametersJson()));
      node.put("gate", tool.gate());
      if (!tool.gate()) {
        node.put("service", tool.service());
        node.put("method", tool.method());
        node.put("path", tool.path());
        node.set("body", tool.bodyJson() == null ? null : parse(tool.bodyJson()));
        if (tool.scope() != null) {
          node.put("scope", tool.scope());
        }
      }
    }
    ObjectNode urls = file.putObject("services");
    services.keySet().forEach(service -> urls.put(service, String.valueOf(serviceUrls.get(service))));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the workload file of [" + name + "]", e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  /** Every {@code service.tool} the agent's calls can make, for triggers such as {@code call: refunds.create_refund}. */
  public List<String> operations() {
    return tools.stream().filter(tool -> !tool.gate()).map(tool -> tool.service() + "." + tool.name()).toList();
  }

  /** Every {@code service.tool} that commits an effect, for triggers such as {@code committed: refunds.create_refund}. */
  public List<String> committedOperations() {
    return tools.stream().filter(tool -> tool.effect().isPresent()).map(tool -> tool.service() + "." + tool.name())
        .toList();
  }

  /**
   * The command-line arguments that select this workload again, for a reproduce line: empty for procurement (the
   * default), {@code --workload support-desk} for a built-in one, {@code --workload DIR} for one read from a directory.
   */
  public String arguments() {
    if (selector == null || selector.equals("procurement")) {
      return "";
    }
    return "--workload " + (selector.matches("[A-Za-z0-9._/-]+") ? selector : "'" + selector.replace("'", "'\\''")
        + "'");
  }

  /** The names of the tools the model may ask for, in declared order. */
  public List<String> toolNames() {
    return tools.stream().map(Tool::name).toList();
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** Where {@code workload.yaml} is (on the classpath's file system for a built-in one). */
  public Path directory() {
    return directory;
  }

  public String goalTemplate() {
    return goalTemplate;
  }

  public Map<String, List<String>> choices() {
    return choices;
  }

  public String modelName() {
    return modelName;
  }

  /** The model endpoint's script (JSON text). */
  public String script() {
    return script;
  }

  public List<String> userScopes() {
    return userScopes;
  }

  public Map<String, WorkloadService> services() {
    return services;
  }

  public List<Tool> tools() {
    return tools;
  }

  /** Whether its services are all built into Crashtest (procurement's CRM) rather than stubs. */
  public boolean isBuiltInServices() {
    return services.values().stream().allMatch(service -> service.builtIn().isPresent());
  }

  @Override
  public String toString() {
    return "workload [" + name + "]";
  }
}
