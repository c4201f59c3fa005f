package dev.crashtest.env;

/**
 * The services an agent reaches, each through its own fault proxy.
 *
 * <pre>{@code
 * import static dev.crashtest.env.Service.MODEL;
 * Faults.outage(MODEL).lasting(Duration.ofSeconds(5));
 * }</pre>
 */
public enum Service {
  MODEL("model"),
  CRM("crm"),
  IDENTITY("identity"),
  /** The durable-execution platform of the run's agent (Temporal, Restate, PostgreSQL for DBOS), when it has one. */
  PLATFORM("platform"),
  /** The MCP server that serves the workload's tools, when agents reach their tools over MCP ({@code --tools mcp}). */
  MCP("mcp");

  private final String id;

  Service(String id) {
    this.id = id;
  }

  /** The name in the history and of the service's proxy: {@code model}, {@code crm}, {@code identity}, {@code mcp}. */
  public String id() {
    return id;
  }
}
