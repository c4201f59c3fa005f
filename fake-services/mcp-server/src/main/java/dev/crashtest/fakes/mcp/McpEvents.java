package dev.crashtest.fakes.mcp;

/**
 * The operations and details of the {@link dev.crashtest.fakes.ServiceEvent}s an {@link McpToolServer} publishes:
 * service {@value #SERVICE}, actor = the agent (the innermost {@code act.sub} of its token, else its client) or
 * {@code anonymous}.
 *
 * <pre>{@code
 * events.stream().filter(e -> e.operation().equals(McpEvents.TOOLS_CALL))
 *     .map(e -> e.details().get(McpEvents.TOOL)).toList();   // [get_account, create_quote]
 * }</pre>
 *
 * <table>
 *   <caption>operations</caption>
 *   <tr><th>operation</th><th>outcome</th><th>details</th></tr>
 *   <tr><td>{@value #INITIALIZE}</td><td>OK</td><td>sessionId, clientName, protocolVersion</td></tr>
 *   <tr><td>{@value #TOOLS_LIST}</td><td>OK</td><td>sessionId, tools (names, in order)</td></tr>
 *   <tr><td>{@value #TOOLS_CALL}</td><td>OK, FAIL when isError or a JSON-RPC error</td>
 *       <td>sessionId, tool, idempotencyKey, isError, status (the service's; absent when the call never reached it),
 *       replayed, fault, unknownTool, error</td></tr>
 *   <tr><td>{@value #NOTIFICATION}</td><td>OK</td><td>sessionId, method</td></tr>
 *   <tr><td>{@value #SESSION_MISSING}</td><td>FAIL</td><td>sessionId, method (HTTP)</td></tr>
 *   <tr><td>{@value #UNAUTHORIZED}</td><td>FAIL</td><td>reason</td></tr>
 *   <tr><td>{@value #TOKEN_PASSTHROUGH}</td><td>FAIL</td><td>audience, reason</td></tr>
 *   <tr><td>{@value #SESSION_CLOSED}</td><td>OK</td><td>sessionId</td></tr>
 * </table>
 *
 * <p>Details with no value are left out (a {@link dev.crashtest.fakes.ServiceEvent} holds no nulls); every event
 * of a known caller adds {@value #USER}, the token's {@code sub}.
 *
 * <p>{@value #TOOLS_CALL} is published after the service answered and before the MCP response is written, as every
 * fake publishes: a listener that kills the agent then cuts exactly between "the service committed" and "the agent
 * learned of it".
 */
public final class McpEvents {
  private McpEvents() {}

  /** Every event's service. */
  public static final String SERVICE = dev.crashtest.fakes.EventVocabulary.MCP;

  public static final String INITIALIZE = "initialize";
  public static final String TOOLS_LIST = "tools_list";
  public static final String TOOLS_CALL = "tools_call";
  public static final String NOTIFICATION = "notification";
  public static final String SESSION_MISSING = "session_missing";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String TOKEN_PASSTHROUGH = "token_passthrough";
  public static final String SESSION_CLOSED = "session_closed";

  public static final String SESSION_ID = "sessionId";
  public static final String CLIENT_NAME = "clientName";
  public static final String PROTOCOL_VERSION = "protocolVersion";
  public static final String TOOLS = "tools";
  public static final String TOOL = "tool";
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";
  public static final String IS_ERROR = "isError";
  /** The service's HTTP status; absent when the call never reached it. */
  public static final String STATUS = "status";
  public static final String EFFECT_KEY = "effectKey";
  /** {@code true} on a {@code tools/call} of a tool not in the current list (JSON-RPC error -32602). */
  public static final String UNKNOWN_TOOL = "unknownTool";
  /** The JSON-RPC method of a notification the server sent. */
  public static final String METHOD = "method";
  public static final String REASON = "reason";
  public static final String AUDIENCE = "audience";
  /** The wire name of the {@link McpFault} that shaped the answer, e.g. {@code drop_stream}. */
  public static final String FAULT = "fault";
  /** The service replayed a stored answer for the idempotency key. */
  public static final String REPLAYED = "replayed";
  public static final String ERROR = "error";
  /** The user the agent acts for (the token's {@code sub}). */
  public static final String USER = "user";
  /** The JSON-RPC method of a notification: tools changed. */
  public static final String TOOLS_LIST_CHANGED = "notifications/tools/list_changed";
}
