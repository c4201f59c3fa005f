package dev.crashtest.explore;

/**
 * The kinds of fault an exploration draws from: the whole vocabulary a schedule can hold without changing what the
 * standard checks expect (a revoked delegation rightly ends a task unfinished, so it is left to written scenarios).
 */
public enum FaultFamily {
  AGENT_KILL("kill -9 the agent"),
  AGENT_TERM("SIGTERM the agent"),
  AGENT_PAUSE("freeze the agent"),
  PLATFORM_KILL("kill -9 the platform"),
  OUTAGE("cut a hop"),
  LATENCY("slow a hop"),
  MODEL_RATE_LIMIT("model answers 429"),
  MODEL_SERVER_ERROR("model answers 503"),
  COMMIT_THEN_DROP("a service commits, then drops its answer"),
  SECRET_ROTATION("rotate the agent's secret"),
  SHORT_TOKENS("delegated tokens live 2 s"),
  CLOCK_SKEW("the identity provider's clock is off"),
  /** Tools over MCP only, as the three below. */
  MCP_SESSIONS_LOST("the MCP server forgets every session"),
  MCP_RESTART("the MCP server restarts during a tool call"),
  MCP_AUTH_EXPIRED("the MCP server refuses every token so far");

  private final String description;

  FaultFamily(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The family's name as reports write it, e.g. {@code agent-kill}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
