package dev.crashtest.fakes.mcp;

import dev.crashtest.fakes.faults.FaultRules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A way the MCP server misbehaves on purpose, for {@link McpToolServer#inject(McpFault)}: the failures of MCP sessions
 * that agents meet in production. A closed set; each is a value (a record), with its wire form for the admin API.
 *
 * <pre>{@code
 * try (InjectedFault drop = mcp.inject(McpFault.dropStream("create_quote"))) {
 *   // the next create_quote commits at the CRM, and its SSE stream closes before the result
 * }
 * }</pre>
 *
 * <table>
 *   <caption>faults and what a client sees</caption>
 *   <tr><th>factory</th><th>wire {@code type}</th><th>on the wire</th><th>lasts</th></tr>
 *   <tr><td>{@link #expireSessions()}</td><td>{@code expire_sessions}</td>
 *       <td>every current session is forgotten: its next request gets 404, its open GET stream closes</td>
 *       <td>done at injection</td></tr>
 *   <tr><td>{@link #restart()}</td><td>{@code restart}</td>
 *       <td>the next {@code tools/call} is forwarded (committed at the service), then the server "restarts": that
 *       call's connection closes before the result and every session is forgotten (404)</td><td>one call</td></tr>
 *   <tr><td>{@link #renameTool}</td><td>{@code rename_tool}</td>
 *       <td>{@code tools/list} names the tool {@code to}; {@code notifications/tools/list_changed} on every open
 *       stream; a call of {@code from} is JSON-RPC error -32602 {@code unknown tool [from]}</td><td>until healed</td></tr>
 *   <tr><td>{@link #changeSchema}</td><td>{@code change_schema}</td>
 *       <td>the tool's {@code inputSchema} is the new one; {@code list_changed} sent</td><td>until healed</td></tr>
 *   <tr><td>{@link #expireAuthorization()}</td><td>{@code expire_authorization}</td>
 *       <td>every token presented so far is refused: 401 {@code invalid_token} "token expired"; a fresh token (new
 *       {@code jti}) is accepted</td><td>until healed</td></tr>
 *   <tr><td>{@link #dropStream}</td><td>{@code drop_stream}</td>
 *       <td>the next call of the tool commits at the service; its SSE response starts (200, headers) and the
 *       connection closes before the result</td><td>one call</td></tr>
 *   <tr><td>{@link #slowTool}</td><td>{@code slow_tool}</td>
 *       <td>calls of the tool commit at once and answer {@code delay} later</td><td>until healed</td></tr>
 *   <tr><td>{@link #toolError}</td><td>{@code tool_error}</td>
 *       <td>the next {@code times} calls of the tool answer {@code isError: true}, text {@code
 *       {"error":{"error":"tool_failed","message":...}}}, without reaching the service</td><td>{@code times}
 *       calls</td></tr>
 * </table>
 */
public sealed interface McpFault {

  /** The closed set of fault types, by the name events and the admin API use. */
  enum Type {
    EXPIRE_SESSIONS, RESTART, RENAME_TOOL, CHANGE_SCHEMA, EXPIRE_AUTHORIZATION, DROP_STREAM, SLOW_TOOL, TOOL_ERROR;

    /** The snake_case name, e.g. {@code drop_stream}. */
    public String wireName() {
      return FaultRules.wireName(this);
    }
  }

  /** Forgets every current session: their next request gets 404 and must {@code initialize} again. */
  static McpFault expireSessions() {
    return new ExpireSessions();
  }

  /** The next {@code tools/call} commits at the service, then its answer is dropped and every session is lost. */
  static McpFault restart() {
    return new Restart();
  }

  /** Serves tool {@code from} as {@code to} and tells every open stream that the tool list changed. */
  static McpFault renameTool(String from, String to) {
    return new RenameTool(from, to);
  }

  /** Serves {@code tool} with {@code newSchemaJson} as its input schema and tells every open stream. */
  static McpFault changeSchema(String tool, String newSchemaJson) {
    return new ChangeSchema(tool, newSchemaJson);
  }

  /** Refuses every token presented so far with 401 "token expired"; tokens with a new {@code jti} pass. */
  static McpFault expireAuthorization() {
    return new ExpireAuthorization();
  }

  /** The next call of {@code tool} commits at the service and its SSE stream closes before the result. */
  static McpFault dropStream(String tool) {
    return new DropStream(tool);
  }

  /** Calls of {@code tool} commit at once and answer {@code delay} later. */
  static McpFault slowTool(String tool, Duration delay) {
    return new SlowTool(tool, delay);
  }

  /** The next {@code times} calls of {@code tool} answer {@code isError: true} without reaching the service. */
  static McpFault toolError(String tool, int times) {
    return new ToolError(tool, times);
  }

  Type type();

  /** How the fault reads to a human, e.g. {@code drop the stream of the next create_quote call}. */
  String describe();

  /**
   * The JSON object {@code POST /__crashtest/faults} takes for this fault, e.g. {@code
   * {"type":"slow_tool","tool":"create_quote","delayMillis":3000}}.
   */
  default Map<String, Object> toWire() {
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("type", type().wireName());
    if (this instanceof RenameTool r) {
      wire.put("from", r.from());
      wire.put("to", r.to());
    } else if (this instanceof ChangeSchema c) {
      wire.put("tool", c.tool());
      wire.put("inputSchema", c.newSchemaJson());
    } else if (this instanceof DropStream d) {
      wire.put("tool", d.tool());
    } else if (this instanceof SlowTool t) {
      wire.put("tool", t.tool());
      wire.put("delayMillis", FaultRules.wireMillis("mcp", t.delay()));
    } else if (this instanceof ToolError t) {
      wire.put("tool", t.tool());
      wire.put("times", t.times());
    }
    return wire;
  }

  /** See {@link #expireSessions()}. */
  record ExpireSessions() implements McpFault {
    @Override
    public Type type() {
      return Type.EXPIRE_SESSIONS;
    }

    @Override
    public String describe() {
      return "forget every session (404 on their next request)";
    }
  }

  /** See {@link #restart()}. */
  record Restart() implements McpFault {
    @Override
    public Type type() {
      return Type.RESTART;
    }

    @Override
    public String describe() {
      return "restart during the next tools/call: it commits, its answer is dropped, every session is lost";
    }
  }

  /** See {@link #renameTool(String, String)}. */
  record RenameTool(String from, String to) implements McpFault {
    public RenameTool {
      requireTool(from, "from");
      requireTool(to, "to");
      if (from.equals(to)) {
        throw new IllegalArgumentException("mcp: fault [rename_tool] renames [" + from + "] to itself");
      }
    }

    @Override
    public Type type() {
      return Type.RENAME_TOOL;
    }

    @Override
    public String describe() {
      return "rename tool " + from + " to " + to + ", until healed";
    }
  }

  /** See {@link #changeSchema(String, String)}. */
  record ChangeSchema(String tool, String newSchemaJson) implements McpFault {
    public ChangeSchema {
      requireTool(tool, "tool");
      Objects.requireNonNull(newSchemaJson, "newSchemaJson");
    }

    @Override
    public Type type() {
      return Type.CHANGE_SCHEMA;
    }

    @Override
    public String describe() {
      return "change the input schema of " + tool + ", until healed";
    }
  }

  /** See {@link #expireAuthorization()}. */
  record ExpireAuthorization() implements McpFault {
    @Override
    public Type type() {
      return Type.EXPIRE_AUTHORIZATION;
    }

    @Override
    public String describe() {
      return "refuse every token presented so far (401 token expired), until healed";
    }
  }

  /** See {@link #dropStream(String)}. */
  record DropStream(String tool) implements McpFault {
    public DropStream {
      requireTool(tool, "tool");
    }

    @Override
    public Type type() {
      return Type.DROP_STREAM;
    }

    @Override
    public String describe() {
      return "drop the stream of the next " + tool + " call after it commits";
    }
  }

  /** See {@link #slowTool(String, Duration)}. */
  record SlowTool(String tool, Duration delay) implements McpFault {
    public SlowTool {
      requireTool(tool, "tool");
      FaultRules.positiveDelay("mcp", delay);
    }

    @Override
    public Type type() {
      return Type.SLOW_TOOL;
    }

    @Override
    public String describe() {
      return "answer " + tool + " " + delay.toMillis() + " ms late, until healed";
    }
  }

  /** See {@link #toolError(String, int)}. */
  record ToolError(String tool, int times) implements McpFault {
    public ToolError {
      requireTool(tool, "tool");
      FaultRules.requestLimit("mcp", times);
    }

    @Override
    public Type type() {
      return Type.TOOL_ERROR;
    }

    @Override
    public String describe() {
      return "answer isError on " + tool + FaultRules.lasting(times).replace("request", "call");
    }
  }

  private static void requireTool(String tool, String field) {
    if (tool == null || tool.isBlank()) {
      throw new IllegalArgumentException("mcp: fault field [" + field + "] must name a tool, e.g. create_quote");
    }
  }
}
