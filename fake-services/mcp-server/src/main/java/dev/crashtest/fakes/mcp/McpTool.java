package dev.crashtest.fakes.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One tool the MCP server serves, and the HTTP call it stands for: a neutral description, so the fake knows nothing of
 * whoever declared the tool (the harness builds these from a workload's tools that have a service).
 *
 * <pre>{@code
 * McpTool createQuote = new McpTool("create_quote", "Create a price quote for an account.",
 *     "{\"type\":\"object\",\"properties\":{\"account_id\":{\"type\":\"string\"},\"sku\":{\"type\":\"string\"},"
 *         + "\"quantity\":{\"type\":\"integer\"}},\"required\":[\"account_id\",\"sku\",\"quantity\"]}",
 *     "crm", "POST", "/quotes", "{\"accountId\":\"{account_id}\",\"sku\":\"{sku}\",\"quantity\":\"{quantity}\"}",
 *     "crm.write", true);
 * }</pre>
 *
 * <p>A {@code tools/call} fills {@code pathTemplate} and {@code bodyTemplateJson} from the call's arguments: every
 * {@code {arg}} in the path is the argument's text as one URL-encoded segment; in the body a string that is exactly
 * {@code "{arg}"} becomes the argument's JSON value (a number stays a number), {@code "text {arg}"} interpolates, and
 * anything else is copied.
 *
 * @param name the tool's MCP name, e.g. {@code create_quote}
 * @param description what the model reads about it
 * @param inputSchemaJson the JSON Schema of its arguments (an object schema), as JSON text
 * @param service the service it is forwarded to, a name given to {@link McpToolServer.Builder#withService}
 * @param method the HTTP method, e.g. {@code POST}
 * @param pathTemplate the path under the service's base URL, e.g. {@code /accounts/{account_id}}
 * @param bodyTemplateJson the JSON body template, or null for no body
 * @param scope the scope the service needs (the MCP server asks for it in its token exchange), or null
 * @param write whether the call changes something: it then carries the caller's {@code Idempotency-Key}
 */
public record McpTool(String name, String description, String inputSchemaJson, String service, String method,
    String pathTemplate, String bodyTemplateJson, String scope, boolean write) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException naming the field, if the name is not an MCP tool name, the schema or body template
   *     is not JSON, the method is not an HTTP method or the path does not start with {@code /}
   */
  public McpTool {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("mcp: tool name [" + name + "] must be 1-128 letters, digits, _ . or -,"
          + " e.g. create_quote");
    }
    description = description == null ? "" : description;
    requireJson(name, "inputSchemaJson", Objects.requireNonNull(inputSchemaJson, "inputSchemaJson"));
    Objects.requireNonNull(service, "service");
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("mcp: tool [" + name + "] method [" + method + "] is not one of " + METHODS);
    }
    if (pathTemplate == null || !pathTemplate.startsWith("/")) {
      throw new IllegalArgumentException("mcp: tool [" + name + "] path [" + pathTemplate + "] must start with /,"
          + " e.g. /accounts/{account_id}");
    }
    if (bodyTemplateJson != null) {
      requireJson(name, "bodyTemplateJson", bodyTemplateJson);
    }
  }

  /** The same tool under another name, as {@link McpFault#renameTool} serves it. */
  public McpTool withName(String newName) {
    return new McpTool(newName, description, inputSchemaJson, service, method, pathTemplate, bodyTemplateJson, scope,
        write);
  }

  /** The same tool with another input schema, as {@link McpFault#changeSchema} serves it. */
  public McpTool withInputSchema(String newSchemaJson) {
    return new McpTool(name, description, newSchemaJson, service, method, pathTemplate, bodyTemplateJson, scope,
        write);
  }

  private static void requireJson(String tool, String field, String json) {
    try {
      JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("mcp: tool [" + tool + "] field [" + field + "] is not JSON: "
          + e.getOriginalMessage());
    }
  }
}
