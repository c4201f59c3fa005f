package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.stream.Collectors;

/**
 * Turns MCP answers into the tool results the model reads, the same as REST mode's (contract, section 3.3): a
 * success is the service's JSON body (the result's text, else its {@code structuredContent}, else {@code {}}); an
 * {@code isError} result is {@code {"error": ...}} as the server wrote it.
 *
 * <pre>{@code
 * String forTheModel = McpResults.toolResult(session.call("get_account", arguments, key));
 * }</pre>
 */
final class McpResults {

  private McpResults() {}

  static String toolResult(McpSchema.CallToolResult result) {
    String text = result.content() == null ? "" : result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(content -> ((McpSchema.TextContent) content).text())
        .collect(Collectors.joining());
    JsonNode parsed = Json.parseLenient(text);
    boolean json = !text.isBlank() && !parsed.isTextual();
    if (Boolean.TRUE.equals(result.isError())) {
      return parsed.isObject() && parsed.has("error") ? Json.write(parsed)
          : WorkloadTools.toolError("tool_error", text.isBlank() ? "the MCP tool reported an error" : text);
    }
    if (json) {
      return text;
    }
    if (result.structuredContent() != null) {
      return Json.write(result.structuredContent());
    }
    return text.isBlank() ? "{}" : Json.write(Json.object().put("text", text));
  }

  /** A JSON-RPC error other than an internal one (those are retried): handed to the model. */
  static String rpcError(McpError error) {
    McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
    return Json.write(Json.object().set("error", Json.object().put("error", "mcp_error").put("code", rpc.code())
        .put("message", rpc.message())));
  }
}
