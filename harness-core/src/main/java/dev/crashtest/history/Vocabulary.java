package dev.crashtest.history;

import dev.crashtest.fakes.EventVocabulary;

/**
 * The names services, operations and detail keys go by in a history, shared by those who write ops (the
 * fakes, the runner) and those who read them (checkers, reports). What the fakes publish is defined once, in
 * {@link EventVocabulary}, and re-exported here under the same names; the harness's own ops are named here.
 */
public final class Vocabulary {
  private Vocabulary() {}

  // services
  public static final String MODEL = EventVocabulary.MODEL;
  public static final String CRM = EventVocabulary.CRM;
  /** The MCP server of a run whose agents reach their tools over MCP ({@code dev.crashtest.fakes.mcp.McpEvents}). */
  public static final String MCP = EventVocabulary.MCP;
  /** An MCP {@code tools/call} the MCP server answered; its {@link #MCP_TOOL} detail names the tool. */
  public static final String TOOLS_CALL = "tools_call";
  /** The tool of an MCP {@link #TOOLS_CALL}. */
  public static final String MCP_TOOL = "tool";
  public static final String IDENTITY = EventVocabulary.IDENTITY;
  public static final String HARNESS = "harness";
  /** The agent platform's own events (Temporal, Restate, PostgreSQL), when it publishes any. */
  public static final String PLATFORM = "platform";

  // actors of harness ops
  public static final String RUNNER = "runner";
  public static final String NEMESIS = "nemesis";

  // harness operations
  /**
   * The agent's process was started (details {@code agent}, {@code pid}, {@code port}, {@code clientId}), recorded as
   * soon as the process exists, before it answers {@code /health}; {@link #AGENT_READY} follows when it does.
   */
  public static final String AGENT_STARTED = "agent_started";
  public static final String AGENT_KILLED = "agent_killed";
  /**
   * The killed agent's process was started again on its state (detail {@code pid}), recorded as soon as the process
   * exists: anything the agent does while it starts up comes after it. {@link #AGENT_READY} follows when it answers
   * {@code /health}.
   */
  public static final String AGENT_RESTARTED = "agent_restarted";
  /**
   * The agent answered {@code /health} after {@link #AGENT_STARTED} or {@link #AGENT_RESTARTED} (detail {@code pid}):
   * from here the harness talks to it. Recovery time and the lost-task grace count from here.
   */
  public static final String AGENT_READY = "agent_ready";
  public static final String AGENT_PAUSED = "agent_paused";
  public static final String AGENT_RESUMED = "agent_resumed";
  /** A pause that found no agent process to freeze: an earlier fault killed it and it was not restarted yet. */
  public static final String AGENT_PAUSE_SKIPPED = "agent_pause_skipped";
  /** A standby worker's process was started while the agent is frozen (details {@code pid}, {@code port}). */
  public static final String STANDBY_STARTED = "standby_started";
  /** The standby worker answered {@code /health} (detail {@code pid}). */
  public static final String STANDBY_READY = "standby_ready";
  public static final String PLATFORM_STARTED = "platform_started";
  public static final String PLATFORM_KILLED = "platform_killed";
  public static final String PLATFORM_RESTARTED = "platform_restarted";
  public static final String PLATFORM_PAUSED = "platform_paused";
  public static final String PLATFORM_RESUMED = "platform_resumed";
  public static final String SUBMIT_TASK = "submit_task";
  /** An upstream agent handed the task over with its own delegated token ({@code from}: its client id). */
  public static final String HANDOFF_TOKEN = "handoff_token";
  /** The CRM detail naming the agent whose own address a request came in on (its workload identity). */
  public static final String PRESENTER = EventVocabulary.PRESENTER;
  public static final String TASK_STATUS = "task_status";
  public static final String APPROVE = "approve";
  /**
   * The run ended with the task still awaiting an approval the scenario never sent (details {@code taskId},
   * {@code heldMillis}: how long the harness watched the closed gate).
   */
  public static final String APPROVAL_WITHHELD = "approval_withheld";
  public static final String TIMED_OUT = "timed_out";
  /**
   * The harness's side of a run failed (a service, a proxy hop, the run directory), not the agent; detail
   * {@code error}. A run with it is an ERROR that the command line reports as exit 3.
   */
  public static final String ENVIRONMENT_FAILED = "environment_failed";
  /**
   * A fault fired (nemesis, INFO; details {@link #FAULT}, {@link #KIND}, and {@link #TRACE_ID} and {@link #SPAN_ID}
   * for a fault inferred from a trace); so do {@link #FAULT_HEALED}, {@link #FAULT_FAILED} and {@link #FAULT_MISSED}.
   */
  public static final String FAULT_INJECTED = "fault_injected";
  public static final String FAULT_HEALED = "fault_healed";
  /**
   * A fault fired but its injection threw (nemesis, FAIL; details {@link #FAULT}, {@link #KIND}, {@link #ERROR}): the
   * run is ERROR naming the fault and the error; also {@link #ENVIRONMENT_FAILED} when the environment broke.
   */
  public static final String FAULT_FAILED = "fault_failed";
  /**
   * A fault of the scenario never fired (runner, INFO; details {@link #FAULT}, {@link #KIND}, {@link #TRIGGER},
   * {@link #NEAREST_MISS}, {@link #OPTIONAL}): recorded when the run ends; the run is ERROR unless it was optional.
   */
  public static final String FAULT_MISSED = "fault_missed";
  /**
   * A service sent an event the harness could not parse (runner, FAIL; details {@link #BODY}, {@link #ERROR}): the
   * history misses an op, so the run is ERROR naming the body rather than judged on what is left.
   */
  public static final String EVENT_REJECTED = "event_rejected";
  /** A credential the harness issued was found where it must not be; details {@link #WHERE} and {@link #KIND}. */
  public static final String SECRET_LEAK = "secret_leak";
  /** The runner scanned the run's files for the credentials it issued; details {@code credentials}, {@code files}. */
  public static final String SECRET_SCAN = "secret_scan";
  /** The user revoked the agent's delegation (any service may record it; a fault_injected op naming it counts). */
  public static final String DELEGATION_REVOKED = EventVocabulary.DELEGATION_REVOKED;
  /** The identity provider's record of a revocation the harness asked for (details sub, act). */
  public static final String REVOKE_DELEGATION = EventVocabulary.REVOKE_DELEGATION;
  /** The identity provider's record of a withdrawn scope (details sub, act, scope). */
  public static final String WITHDRAW_SCOPE = EventVocabulary.WITHDRAW_SCOPE;
  /** A scope was withdrawn from the delegation; detail {@link #SCOPE} names it. */
  public static final String SCOPE_WITHDRAWN = "scope_withdrawn";

  // harness details
  public static final String WHERE = "where";
  public static final String KIND = "kind";
  public static final String FAULT = EventVocabulary.FAULT;
  /** The trigger of a fault, as it describes itself ({@code right after the CRM committed [place_order]}). */
  public static final String TRIGGER = "trigger";
  /** What the run did instead of what a trigger waited for ({@code the CRM committed: create_quote, add_note}). */
  public static final String NEAREST_MISS = "nearestMiss";
  /**
   * The trace a fault was inferred from ({@link dev.crashtest.scenario.Fault#source()}), 32 lower-case hex digits;
   * on the fault's ops next to {@link #SPAN_ID}, absent for a fault that names no trace.
   */
  public static final String TRACE_ID = "traceId";
  /** The span of {@link #TRACE_ID} a fault reproduces, 16 lower-case hex digits. */
  public static final String SPAN_ID = "spanId";
  /** Whether a fault was declared optional: allowed not to fire. */
  public static final String OPTIONAL = "optional";
  public static final String ERROR = EventVocabulary.ERROR;
  /** The raw text of something the harness could not take, e.g. an event body (cut to 2,000 characters). */
  public static final String BODY = "body";
  public static final String CLIENT_ID = EventVocabulary.CLIENT_ID;

  // model operations and details
  public static final String CHAT_COMPLETION = EventVocabulary.CHAT_COMPLETION;
  public static final String TURN = EventVocabulary.TURN;
  public static final String TOOL_CALLS = EventVocabulary.TOOL_CALLS;
  /** The tool whose result the model request ended with. */
  public static final String LAST_TOOL_RESULT = EventVocabulary.LAST_TOOL_RESULT;

  // crm details
  public static final String METHOD = EventVocabulary.METHOD;
  public static final String PATH = EventVocabulary.PATH;
  public static final String STATUS = EventVocabulary.STATUS;
  public static final String USER = EventVocabulary.USER;
  public static final String SCOPE = EventVocabulary.SCOPE;
  public static final String DELEGATED = EventVocabulary.DELEGATED;
  public static final String ACTOR_SOURCE = EventVocabulary.ACTOR_SOURCE;
  public static final String TOKEN_ID = EventVocabulary.TOKEN_ID;
  public static final String IDEMPOTENCY_KEY = EventVocabulary.IDEMPOTENCY_KEY;
  public static final String REPLAYED = EventVocabulary.REPLAYED;
  public static final String EFFECT_TYPE = EventVocabulary.EFFECT_TYPE;
  public static final String EFFECT_ID = EventVocabulary.EFFECT_ID;
  public static final String ACCOUNT_ID = EventVocabulary.ACCOUNT_ID;
  public static final String EFFECT_KEY = EventVocabulary.EFFECT_KEY;
  public static final String NEEDS_APPROVAL = EventVocabulary.NEEDS_APPROVAL;
  public static final String OPERATION = EventVocabulary.OPERATION;

  // what the runner records of the workload in submit_task, for the checkers
  /**
   * The tools of the task's workload whose call is a write (POST, PUT, PATCH, DELETE), as a list of names: a write the
   * model asks for is one of these even when the agent never called its service.
   */
  public static final String WRITE_TOOLS = "writeTools";
  /** The scope each tool of the workload needs, as a map from tool name to scope. */
  public static final String TOOL_SCOPES = "toolScopes";

  // task details
  public static final String TASK_ID = "taskId";
  public static final String TASK_STATE = "state";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
  /** The state recorded when the agent answers 404 for the task: it does not know it (any more). */
  public static final String UNKNOWN_TASK = "UNKNOWN_TASK";
}
