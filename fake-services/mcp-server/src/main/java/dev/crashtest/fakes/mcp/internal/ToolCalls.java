package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.mcp.McpEvents;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.fakes.mcp.McpTool;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK's {@code tools/call} handler for every tool: faults first, then the token exchange and the service's HTTP
 * call, the {@value McpEvents#TOOLS_CALL} event once the service answered, and the result (or a dropped stream).
 *
 * <ul>
 *   <li>2xx: one text content = the service's JSON body ({@code {}} when empty), {@code structuredContent} = that
 *       JSON when it is an object;
 *   <li>4xx (and a refused token exchange): {@code isError: true}, text {@code {"error": <body>}};
 *   <li>5xx or no answer: JSON-RPC error -32603, so the client retries.
 * </ul>
 */
final class ToolCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FaultState faults;
  private final Sessions sessions;
  private final TokenExchanger exchanger;
  private final ServiceCall services;
  private final Events events;

  ToolCalls(FaultState faults, Sessions sessions, TokenExchanger exchanger, ServiceCall services, Events events) {
    this.faults = faults;
    this.sessions = sessions;
    this.exchanger = exchanger;
    this.services = services;
    this.events = events;
  }

  McpSchema.CallToolResult call(McpTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
    CallContext call = (CallContext) exchange.transportContext().get(CallContext.KEY);
    Caller caller = call == null ? null : call.caller();
    Map<String, Object> details = Events.details(McpEvents.SESSION_ID, exchange.sessionId(), McpEvents.TOOL,
        tool.name(), McpEvents.IDEMPOTENCY_KEY, idempotencyKey(request));
    if (faults.claim(McpFault.ToolError.class, f -> f.tool().equals(tool.name())).isPresent()) {
      String text = "{\"error\":{\"error\":\"tool_failed\",\"message\":\"tool [" + tool.name()
          + "] failed (injected fault tool_error); nothing was sent to the service\"}}";
      details.put(McpEvents.FAULT, McpFault.Type.TOOL_ERROR.wireName());
      return finish(caller, details, null, error(text), null);
    }
    ServiceCall.Answer answer;
    try {
      String token = exchanger.exchange(call == null ? "" : call.token(), tool.service(), tool.scope());
      answer = services.send(tool, request.arguments(), token, idempotencyKey(request));
    } catch (TokenExchanger.Refused refused) {
      details.put(McpEvents.ERROR, "token_exchange_refused");
      return finish(caller, details, null, error("{\"error\":" + jsonOrString(refused.body()) + "}"), null);
    } catch (ToolTemplate.MissingArgument missing) {
      details.put(McpEvents.ERROR, "missing_argument");
      return finish(caller, details, null, error("{\"error\":{\"error\":\"invalid_arguments\",\"message\":"
          + JSON.valueToTree(missing.getMessage()) + "}}"), null);
    } catch (IOException e) {
      details.put(McpEvents.ERROR, "service_unreachable");
      throw failure(caller, details, null, "cannot reach service [" + tool.service() + "] for tool [" + tool.name()
          + "]: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("interrupted").build();
    }
    return answered(tool, call, caller, details, answer);
  }

  private McpSchema.CallToolResult answered(McpTool tool, CallContext call, Caller caller,
      Map<String, Object> details, ServiceCall.Answer answer) {
    details.put(McpEvents.REPLAYED, answer.replayed() ? Boolean.TRUE : null);
    if (answer.status() >= 500) {
      throw failure(caller, details, answer.status(), "service [" + tool.service() + "] answered "
          + answer.status() + " to tool [" + tool.name() + "]: " + answer.body());
    }
    Optional<McpFault.SlowTool> slow = faults.claim(McpFault.SlowTool.class, f -> f.tool().equals(tool.name()));
    slow.ifPresent(f -> pause(f, details));
    McpFault drop = faults.claim(McpFault.Restart.class, f -> true).map(McpFault.class::cast)
        .or(() -> faults.claim(McpFault.DropStream.class, f -> f.tool().equals(tool.name()))).orElse(null);
    if (drop != null) {
      details.put(McpEvents.FAULT, drop.type().wireName());
    }
    McpSchema.CallToolResult result = answer.status() / 100 == 2 ? success(answer.body())
        : error("{\"error\":" + jsonOrString(answer.body()) + "}");
    finish(caller, details, answer.status(), result, drop);
    if (drop != null && call != null && call.response() != null) {
      call.response().drop();
    }
    if (drop instanceof McpFault.Restart) {
      sessions.forgetAll();
    }
    return result;
  }

  private McpSchema.CallToolResult finish(Caller caller, Map<String, Object> details, Integer status,
      McpSchema.CallToolResult result, McpFault drop) {
    details.put(McpEvents.STATUS, status);
    details.put(McpEvents.IS_ERROR, Boolean.TRUE.equals(result.isError()));
    if (caller != null && !caller.via().isEmpty()) {
      details.put(dev.crashtest.fakes.EventVocabulary.VIA, caller.via());
    }
    events.publish(caller, McpEvents.TOOLS_CALL, !Boolean.TRUE.equals(result.isError()), details);
    return result;
  }

  private McpError failure(Caller caller, Map<String, Object> details, Integer status, String message) {
    details.put(McpEvents.STATUS, status);
    details.put(McpEvents.IS_ERROR, true);
    events.publish(caller, McpEvents.TOOLS_CALL, false, details);
    return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(message).build();
  }

  private static void pause(McpFault.SlowTool slow, Map<String, Object> details) {
    details.put(McpEvents.FAULT, slow.type().wireName());
    try {
      Thread.sleep(slow.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String idempotencyKey(McpSchema.CallToolRequest request) {
    Object key = request.meta() == null ? null : request.meta().get("idempotencyKey");
    return key == null ? null : key.toString();
  }

  private static McpSchema.CallToolResult success(String body) {
    String text = body == null || body.isBlank() ? "{}" : body;
    McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(text).isError(false);
    try {
      JsonNode json = JSON.readTree(text);
      if (json.isObject()) {
        result.structuredContent(JSON.convertValue(json, Map.class));
      }
    } catch (IOException notJson) {
      // served as text only
    }
    return result.build();
  }

  private static McpSchema.CallToolResult error(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  private static String jsonOrString(String body) {
    try {
      return JSON.writeValueAsString(JSON.readTree(body == null || body.isBlank() ? "null" : body));
    } catch (IOException notJson) {
      return JSON.valueToTree(body).toString();
    }
  }
}
