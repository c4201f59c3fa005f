package dev.crashtest.agents.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The workload's tools over MCP (contract, section 3.4): one session per task on the MCP server
 * {@code HARNESS_MCP_URL}, authorized with the task's delegated token for audience {@value #AUDIENCE}. The model is
 * offered what {@code tools/list} answers, plus the workload's gate tools; a call goes out as {@code tools/call} with
 * {@code _meta.idempotencyKey = {taskId}/{step}/{tool}}, the key REST mode sends as {@code Idempotency-Key}.
 *
 * <p>The rules, per call: a session the server forgot ({@code 404}) is initialized again, listed again, and the call
 * repeated with the same key; a {@code 401} gets one fresh token exchange and one replay (in {@link McpSession}), a
 * second one fails the task; {@code notifications/tools/list_changed} or an unknown-tool error makes the next call
 * list the tools first; a tool not in the current list is never sent (the model gets {@code unknown_tool}); no answer
 * within the timeout, a dropped stream or a JSON-RPC internal error ({@code -32603}: the service failed) is retried with
 * the same key, at most {@value #MAX_RETRIES} times with {@link RetryPolicy}'s backoff, as REST calls are.
 *
 * <pre>{@code
 * Tools tools = McpTools.connect(workload, URI.create("http://127.0.0.1:41007/mcp"), Duration.ofSeconds(10),
 *     Sleeper.SYSTEM);
 * String quote = tools.execute(new ToolCall("T-1", 2, "create_quote", arguments), tokens);
 * }</pre>
 */
public final class McpTools implements Tools {
  /** The MCP server's resource name: the audience of the agent's token for it. */
  public static final String AUDIENCE = "mcp";
  /** {@code HARNESS_MCP_TOOL_TIMEOUT_MS}'s default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(10_000);
  static final int MAX_RETRIES = ServiceClient.MAX_RETRIES;
  /** How many tasks' sessions are kept; the eldest is closed. */
  static final int SESSIONS_KEPT = 64;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  private final Workload workload;
  private final URI url;
  private final Duration timeout;
  private final Sleeper sleeper;
  private final Map<String, McpSession> sessions = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, McpSession> eldest) {
      if (size() > SESSIONS_KEPT) {
        eldest.getValue().close();
        return true;
      }
      return false;
    }
  };

  private McpTools(Workload workload, URI url, Duration timeout, Sleeper sleeper) {
    this.workload = workload;
    this.url = url;
    this.timeout = timeout;
    this.sleeper = sleeper;
  }

  /** The tools of {@code workload} on the MCP server at {@code url}; nothing is sent before a task needs them. */
  public static McpTools connect(Workload workload, URI url, Duration timeout, Sleeper sleeper) {
    return new McpTools(workload, url, timeout, sleeper);
  }

  @Override
  public Workload workload() {
    return workload;
  }

  @Override
  public List<ToolSpecification> specifications(String taskId, TaskTokens tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    McpSession session = session(taskId, tokens);
    List<McpSchema.Tool> listed = session.tools();
    for (int failures = 0; session.isStale(); ) {
      int lost = session.sessionsLost();
      try {
        listed = session.list();
      } catch (RuntimeException e) {
        failures = failed(e, "tools/list", failures, session.sessionsLost() > lost, taskId);
      }
    }
    List<ToolSpecification> offered = new ArrayList<>();
    List<String> gates = workload.tools().stream().filter(WorkloadTool::gate).map(WorkloadTool::name).toList();
    listed.stream().filter(tool -> !gates.contains(tool.name())).forEach(tool -> offered.add(specification(tool)));
    workload.tools().stream().filter(WorkloadTool::gate).forEach(gate -> offered.add(gate.specification()));
    return offered;
  }

  @Override
  public String execute(ToolCall call, TaskTokens tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    McpSession session = session(call.taskId(), tokens);
    Map<String, Object> arguments = arguments(call.arguments());
    for (int failures = 0; ; ) {
      int lost = session.sessionsLost();
      try {
        if (session.isStale()) {
          session.list();
        }
        if (session.tool(call.tool()).isEmpty()) {
          return unknownTool(call.tool());
        }
        return McpResults.toolResult(session.call(call.tool(), arguments, call.idempotencyKey()));
      } catch (RuntimeException e) {
        Optional<McpError> error = cause(e, McpError.class);
        if (error.isPresent() && isUnknownTool(error.get())) {
          session.markStale();
          return unknownTool(call.tool());
        }
        if (error.isPresent() && error.get().getJsonRpcError().code() != INTERNAL_ERROR) {
          return McpResults.rpcError(error.get());
        }
        failures = failed(e, "tools/call [" + call.tool() + "] (key " + call.idempotencyKey() + ")", failures,
            session.sessionsLost() > lost, call.taskId());
      }
    }
  }

  /**
   * Decides what a failed request means: the task fails (authorization lost, or too many failures), or the request is
   * repeated after a wait (none when the session was only forgotten: the SDK initializes a new one on the next
   * request, and the tools are listed again). Returns the failures counted so far.
   */
  private int failed(RuntimeException e, String what, int failures, boolean sessionLost, String taskId)
      throws ServiceFailedException, InterruptedException {
    if (cause(e, InterruptedException.class).isPresent()) {
      throw new InterruptedException("interrupted during MCP " + what);
    }
    Optional<McpHttpClientTransportAuthorizationException> refused =
        cause(e, McpHttpClientTransportAuthorizationException.class);
    if (refused.isPresent()) {
      forget(taskId);
      throw new ServiceFailedException("MCP server [" + url + "] refused " + what + ": HTTP "
          + refused.get().getResponseInfo().statusCode() + " after a fresh token exchange; the agent no longer has"
          + " the authority this task needs", e);
    }
    boolean sessionGone = sessionLost || cause(e, McpTransportSessionNotFoundException.class).isPresent();
    if (++failures > MAX_RETRIES) {
      throw new ServiceFailedException("MCP server [" + url + "]: " + what + " failed " + failures
          + " times; last: " + describe(e), e);
    }
    if (!sessionGone) {
      sleeper.sleep(RetryPolicy.delay(Optional.empty(), failures));
    }
    return failures;
  }

  /** Whether task {@code taskId}'s list is stale: the next call lists the tools first. For tests. */
  boolean isStale(String taskId) {
    synchronized (sessions) {
      McpSession session = sessions.get(taskId);
      return session != null && session.isStale();
    }
  }

  private McpSession session(String taskId, TaskTokens tokens) {
    TokenSource source = tokens.forService(AUDIENCE);
    synchronized (sessions) {
      McpSession session = sessions.computeIfAbsent(taskId, id -> McpSession.open(url, timeout, source));
      session.use(source);
      return session;
    }
  }

  private void forget(String taskId) {
    McpSession session;
    synchronized (sessions) {
      session = sessions.remove(taskId);
    }
    if (session != null) {
      session.close();
    }
  }

  /** The tool definition for the model: name, description and the input schema as the tool's parameters. */
  static ToolSpecification specification(McpSchema.Tool tool) {
    JsonNode schema = tool.inputSchema() == null ? Json.object().put("type", "object")
        : Json.MAPPER.valueToTree(tool.inputSchema());
    return WorkloadFile.specification(tool.name(), tool.description(), schema);
  }

  static boolean isUnknownTool(McpError error) {
    McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
    String message = rpc.message() == null ? "" : rpc.message().toLowerCase(Locale.ROOT);
    return rpc.code() == INVALID_PARAMS && message.contains("unknown tool");
  }

  static String unknownTool(String tool) {
    return WorkloadTools.toolError("unknown_tool", "no tool named [" + tool + "] in the MCP server's current list");
  }

  private static Map<String, Object> arguments(String raw) {
    JsonNode parsed = Json.parseLenient(raw);
    return parsed.isObject() ? Json.MAPPER.convertValue(parsed, new TypeReference<Map<String, Object>>() {})
        : Map.of();
  }

  static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static String describe(Throwable e) {
    if (cause(e, TimeoutException.class).isPresent()) {
      return "no answer within the timeout (HARNESS_MCP_TOOL_TIMEOUT_MS)";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (cause: " + root + ")";
  }

  @Override
  public void close() {
    List<McpSession> open;
    synchronized (sessions) {
      open = List.copyOf(sessions.values());
      sessions.clear();
    }
    open.forEach(McpSession::close);
  }
}
