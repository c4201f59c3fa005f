package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the workload file the harness hands the agent ({@code HARNESS_WORKLOAD_FILE}, contract section 3.3) into a
 * {@link Workload} and the base URL of each service it calls. A service's URL is {@code HARNESS_SERVICE_<NAME>_URL}
 * (upper case, {@code -} as {@code _}) when set, else the file's {@code services} entry, else, for the service
 * {@code crm} only, {@code HARNESS_CRM_BASE_URL}. A file that cannot be used fails with the file and the field.
 *
 * <pre>{@code
 * WorkloadFile file = WorkloadFile.read(Path.of(System.getenv("HARNESS_WORKLOAD_FILE")), System.getenv());
 * file.workload().model();        // "crashtest-support"
 * file.serviceUrls().get("orders"); // http://127.0.0.1:41005/orders
 * }</pre>
 *
 * @param workload the workload
 * @param serviceUrls every service a tool calls, with its base URL (no trailing slash)
 */
public record WorkloadFile(Workload workload, Map<String, URI> serviceUrls) {
  /** The variable naming the file. */
  public static final String VARIABLE = "HARNESS_WORKLOAD_FILE";
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  public WorkloadFile {
    serviceUrls = Map.copyOf(serviceUrls);
  }

  /** The base URL variable of a service: {@code HARNESS_SERVICE_REFUNDS_URL} for {@code refunds}. */
  public static String urlVariable(String service) {
    return "HARNESS_SERVICE_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
  }

  /**
   * Reads and checks the file.
   *
   * @throws IllegalArgumentException naming the file and the field that is wrong
   */
  public static WorkloadFile read(Path file, Map<String, String> env) {
    JsonNode root;
    try {
      root = Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("workload file [" + file + "] named by " + VARIABLE
          + " cannot be read: " + e.getMessage(), e);
    }
    return new Reader(file, env).read(root);
  }

  /** The tool definition sent to the model, from the file's name, description and JSON Schema parameters. */
  static ToolSpecification specification(String name, String description, JsonNode parameters) {
    JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
    if (parameters.path("description").isTextual()) {
      schema.description(parameters.get("description").asText());
    }
    Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
    parameters.path("properties").fields().forEachRemaining(
        property -> properties.put(property.getKey(), JsonRawSchema.from(Json.write(property.getValue()))));
    schema.addProperties(properties);
    List<String> required = new ArrayList<>();
    parameters.path("required").forEach(field -> required.add(field.asText()));
    schema.required(required);
    if (parameters.path("additionalProperties").isBoolean()) {
      schema.additionalProperties(parameters.get("additionalProperties").asBoolean());
    }
    ToolSpecification.Builder spec = ToolSpecification.builder().name(name).parameters(schema.build());
    return description == null ? spec.build() : spec.description(description).build();
  }

  /** One read of one file; every error names the file and the field. */
  private record Reader(Path file, Map<String, String> env) {

    WorkloadFile read(JsonNode root) {
      if (!root.isObject()) {
        throw error("", "must be a JSON object with [name], [model], [tools] and [services]");
      }
      String name = text(root, "name", "name");
      String model = text(root, "model", "model");
      String instructions = root.path("instructions").isTextual() ? root.get("instructions").asText()
          : Workload.GENERIC_INSTRUCTIONS;
      JsonNode tools = root.path("tools");
      if (!tools.isArray() || tools.isEmpty()) {
        throw error("tools", "must be a non-empty array of tools");
      }
      List<WorkloadTool> read = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (int i = 0; i < tools.size(); i++) {
        WorkloadTool tool = tool(tools.get(i), "tools[" + i + "]");
        if (!names.add(tool.name())) {
          throw error("tools[" + i + "].name", "[" + tool.name() + "] is used by an earlier tool too");
        }
        read.add(tool);
      }
      Workload workload = new Workload(name, model, instructions, read);
      Map<String, URI> urls = new LinkedHashMap<>();
      for (String service : workload.services()) {
        urls.put(service, url(service, root.path("services").path(service)));
      }
      return new WorkloadFile(workload, urls);
    }

    private WorkloadTool tool(JsonNode node, String field) {
      if (!node.isObject()) {
        throw error(field, "must be a JSON object");
      }
      String name = text(node, "name", field + ".name");
      JsonNode parameters = node.path("parameters");
      if (!parameters.isObject()) {
        throw error(field + ".parameters", "must be a JSON Schema object, e.g. {\"type\": \"object\", "
            + "\"properties\": {...}, \"required\": [...]}");
      }
      String description = node.path("description").isTextual() ? node.get("description").asText() : null;
      ToolSpecification spec = specification(name, description, parameters);
      if (node.path("gate").asBoolean(false)) {
        return WorkloadTool.gate(spec);
      }
      String service = text(node, "service", field + ".service");
      String method = text(node, "method", field + ".method").toUpperCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        throw error(field + ".method", "[" + method + "] is not one of GET, POST, PUT, PATCH, DELETE");
      }
      String path = text(node, "path", field + ".path");
      if (!path.startsWith("/")) {
        throw error(field + ".path", "[" + path + "] must start with /");
      }
      JsonNode body = node.path("body");
      String scope = node.path("scope").isTextual() ? node.get("scope").asText() : scopes(node.path("scopes"));
      return WorkloadTool.http(spec, service, method, path, body.isMissingNode() || body.isNull() ? null : body,
          scope);
    }

    private static String scopes(JsonNode list) {
      if (!list.isArray() || list.isEmpty()) {
        return null;
      }
      List<String> scopes = new ArrayList<>();
      list.forEach(scope -> scopes.add(scope.asText()));
      return String.join(" ", scopes);
    }

    private URI url(String service, JsonNode fromFile) {
      String variable = urlVariable(service);
      String url = env.get(variable);
      if (url == null || url.isBlank()) {
        url = fromFile.isTextual() ? fromFile.asText() : null;
      }
      if ((url == null || url.isBlank()) && "crm".equals(service)) {
        url = env.get("HARNESS_CRM_BASE_URL");
      }
      if (url == null || url.isBlank()) {
        throw error("services." + service, "no base URL for service [" + service + "]: set " + variable
            + " or give it in the file's [services], e.g. \"services\": {\"" + service
            + "\": \"http://127.0.0.1:41005/" + service + "\"}");
      }
      try {
        return URI.create(url.trim().replaceAll("/+$", ""));
      } catch (IllegalArgumentException e) {
        throw error("services." + service, "[" + url + "] is not a URL");
      }
    }

    private String text(JsonNode node, String name, String field) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        throw error(field, "is missing");
      }
      if (!value.isTextual() || value.asText().isBlank()) {
        throw error(field, "must be a non-empty string; got " + value);
      }
      return value.asText();
    }

    private IllegalArgumentException error(String field, String problem) {
      return new IllegalArgumentException("workload file [" + file + "]: "
          + (field.isEmpty() ? "" : "field [" + field + "] ") + problem);
    }
  }
}
