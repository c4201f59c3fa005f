package dev.crashtest.fakes.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminClient;
import dev.crashtest.fakes.faults.FaultWire;
import dev.crashtest.fakes.mcp.McpFault;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fault API on the server's own port, as every fake serves it: {@code POST /__crashtest/faults} with {@link
 * McpFault#toWire()} answers 201 {@code {"id","description"}}; {@code GET} lists {@code [{"id","description","hits"}]};
 * {@code DELETE /__crashtest/faults/{id}} heals one (404 if not active), {@code DELETE /__crashtest/faults} all. The
 * same is served under {@code /__admin/faults}, the path the MCP design named.
 */
final class FaultAdmin {
  static final String ALIAS = "/__admin/faults";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, List<String>> FIELDS = Map.of(
      "expire_sessions", List.of("type"),
      "restart", List.of("type"),
      "rename_tool", List.of("type", "from", "to"),
      "change_schema", List.of("type", "tool", "inputSchema"),
      "expire_authorization", List.of("type"),
      "drop_stream", List.of("type", "tool"),
      "slow_tool", List.of("type", "tool", "delayMillis"),
      "tool_error", List.of("type", "tool", "times"));

  private final Function<McpFault, InjectedFault> inject;
  private final Runtime runtime;

  /** What the API acts on. */
  interface Runtime {
    List<InjectedFault> active();

    boolean heal(String id);

    void healAll();
  }

  FaultAdmin(Function<McpFault, InjectedFault> inject, Runtime runtime) {
    this.inject = inject;
    this.runtime = runtime;
  }

  static boolean handles(String path) {
    return path.startsWith(AdminClient.FAULTS_PATH) || path.startsWith(ALIAS);
  }

  void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    String rest = path.startsWith(ALIAS) ? path.substring(ALIAS.length())
        : path.substring(AdminClient.FAULTS_PATH.length());
    String method = request.getMethod();
    if (rest.isEmpty() && method.equals("POST")) {
      post(request, response);
    } else if (rest.isEmpty() && method.equals("GET")) {
      List<Map<String, Object>> faults = new ArrayList<>();
      for (InjectedFault fault : runtime.active()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", fault.id());
        entry.put("description", fault.description());
        entry.put("hits", fault.hits());
        faults.add(entry);
      }
      Front.writeJson(response, 200, faults);
    } else if (rest.isEmpty() && method.equals("DELETE")) {
      runtime.healAll();
      response.setStatus(204);
    } else if (rest.startsWith("/") && method.equals("DELETE")) {
      if (runtime.heal(rest.substring(1))) {
        response.setStatus(204);
      } else {
        Front.writeJson(response, 404, Map.of("error", "not_found", "message", "mcp: no active fault ["
            + rest.substring(1) + "]"));
      }
    } else {
      Front.writeJson(response, 405, Map.of("error", "method_not_allowed", "message", "mcp: [" + method + " "
          + path + "] is not served; POST, GET or DELETE " + AdminClient.FAULTS_PATH));
    }
  }

  private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      McpFault fault = read(JSON.readTree(request.getInputStream()));
      InjectedFault injected = inject.apply(fault);
      Front.writeJson(response, 201, Map.of("id", injected.id(), "description", injected.description()));
    } catch (IllegalArgumentException | IOException e) {
      Front.writeJson(response, 400, Map.of("error", "invalid_fault", "message", String.valueOf(e.getMessage())));
    }
  }

  /** The fault a wire object describes. */
  static McpFault read(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("mcp: the fault must be a JSON object, e.g. {\"type\":\"expire_sessions\"}");
    }
    FaultWire wire = FaultWire.read("mcp", json, FIELDS);
    return switch (wire.type()) {
      case "expire_sessions" -> McpFault.expireSessions();
      case "restart" -> McpFault.restart();
      case "rename_tool" -> McpFault.renameTool(wire.text("from"), wire.text("to"));
      case "change_schema" -> McpFault.changeSchema(wire.text("tool"), schema(json.get("inputSchema")));
      case "expire_authorization" -> McpFault.expireAuthorization();
      case "drop_stream" -> McpFault.dropStream(wire.text("tool"));
      case "slow_tool" -> McpFault.slowTool(wire.text("tool"),
          Duration.ofMillis(wire.number("delayMillis", 1, Long.MAX_VALUE)));
      default -> McpFault.toolError(wire.text("tool"), (int) wire.number("times", 1, Integer.MAX_VALUE));
    };
  }

  private static String schema(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isTextual())) {
      throw new IllegalArgumentException("mcp: field [inputSchema] must be a JSON Schema object (or its text)");
    }
    return schema.isTextual() ? schema.asText() : schema.toString();
  }
}
