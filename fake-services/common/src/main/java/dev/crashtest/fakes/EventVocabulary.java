package dev.crashtest.fakes;

/**
 * The names the fakes' events go by: services, operations and detail keys of every {@link ServiceEvent} they
 * publish. Written once here, read by the fakes that publish the events and by anyone who reads them (the Crashtest
 * harness re-exports them in its history vocabulary); the fakes know nothing of who reads them.
 *
 * <pre>{@code
 * details.put(EventVocabulary.IDEMPOTENCY_KEY, request.idempotencyKey());   // in the CRM
 * op.text(EventVocabulary.IDEMPOTENCY_KEY);                                  // in a reader of its events
 * }</pre>
 */
public final class EventVocabulary {
  private EventVocabulary() {}

  // services: a ServiceEvent's service()
  public static final String MODEL = "model";
  public static final String CRM = "crm";
  public static final String IDENTITY = "identity";
  /** The fake MCP server ({@code crashtest-mcp-server}); its operations are in its own {@code McpEvents}. */
  public static final String MCP = "mcp";

  // details every fake may publish
  /** The HTTP status answered. */
  public static final String STATUS = "status";
  /** Why a request failed: an error code or message. */
  public static final String ERROR = "error";
  /** The wire name of the injected fault that shaped the answer, e.g. {@code commit_then_drop}. */
  public static final String FAULT = "fault";
  public static final String SCOPE = "scope";
  public static final String CLIENT_ID = "clientId";
  public static final String USER = "user";

  // the model endpoint's operation and details
  /** One {@code POST /v1/chat/completions}. */
  public static final String CHAT_COMPLETION = "chat_completion";
  /** The conversation's turn: assistant messages + 1. */
  public static final String TURN = "turn";
  /** The names of the tools the answer asks for, in order; empty for none. */
  public static final String TOOL_CALLS = "toolCalls";
  /** The name of the tool whose result the request ended with, if it ended with one. */
  public static final String LAST_TOOL_RESULT = "lastToolResult";
  public static final String STREAM = "stream";
  /** The model id the request named. */
  public static final String MODEL_ID = "model";
  /** How many messages the request held. */
  public static final String MESSAGES = "messages";
  /** The name of the script rule that answered. */
  public static final String RULE = "rule";
  public static final String PROMPT_TOKENS = "promptTokens";
  public static final String COMPLETION_TOKENS = "completionTokens";

  // the CRM's details (every request is one event and one audit record)
  public static final String METHOD = "method";
  public static final String PATH = "path";
  public static final String OPERATION = "operation";
  public static final String OUTCOME = "outcome";
  /** The agent named by the token ({@code act}, or the client of a service token). */
  public static final String AGENT = "agent";
  /**
   * The actors a delegated token came through between the caller and the agent, outermost first, e.g. {@code
   * ["mcp-server"]} for a call the MCP server made on the agent's behalf; present only when not empty.
   */
  public static final String VIA = "via";
  /** Where the agent's name came from: the token's {@code act}, its client, or nowhere. */
  public static final String ACTOR_SOURCE = "actorSource";
  public static final String TOKEN_ID = "tokenId";
  /** Whether the token was a delegated one, naming agent and user. */
  public static final String DELEGATED = "delegated";
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";
  /** Whether the answer was the stored one of an earlier request with the same idempotency key. */
  public static final String REPLAYED = "replayed";
  public static final String EFFECT_TYPE = "effectType";
  public static final String EFFECT_ID = "effectId";
  public static final String ACCOUNT_ID = "accountId";
  /**
   * What a committed effect is about, e.g. the account of an order or the order of a refund: exactly-once is judged
   * per {@link #EFFECT_TYPE} and this key.
   */
  public static final String EFFECT_KEY = "effectKey";
  /** {@code true} on a committed effect that a human must approve first (the CRM's orders, a refund above a limit). */
  public static final String NEEDS_APPROVAL = "needsApproval";
  /** The agent whose own address the request came in on (its workload identity). */
  public static final String PRESENTER = "presenter";
  public static final String REASON = "reason";
  /** The refusal a request met for who presented it or on whose behalf: a revoked delegation, another's token. */
  public static final String REFUSAL = "refusal";
  /** The CRM stored the write and dropped the connection before answering. */
  public static final String RESPONSE_DROPPED = "responseDropped";

  // the identity provider's operator operations the harness reads
  /** The provider recorded a revocation it was asked for (details {@code sub}, {@code act}). */
  public static final String REVOKE_DELEGATION = "revoke_delegation";
  /** The provider recorded a withdrawn scope (details {@code sub}, {@code act}, {@code scope}). */
  public static final String WITHDRAW_SCOPE = "withdraw_scope";
  /** A delegation was revoked: the refusal and the event that name it. */
  public static final String DELEGATION_REVOKED = "delegation_revoked";
}
