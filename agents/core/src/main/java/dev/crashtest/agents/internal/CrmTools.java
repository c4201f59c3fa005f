package dev.crashtest.agents.internal;

import java.util.Map;

/**
 * Procurement's CRM-backed tools (the contract's table in section 3.1): {@link WorkloadTools} over {@link
 * Workload#procurement()} with one CRM client. {@code request_approval} is not here: it is a matter of the
 * durability layer.
 *
 * <pre>{@code
 * String result = new CrmTools(crm).execute(new ToolCall("T-1", 1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
 * }</pre>
 */
public final class CrmTools {
  private final WorkloadTools tools;

  public CrmTools(CrmClient crm) {
    this.tools = new WorkloadTools(Workload.procurement(), Map.of("crm", crm));
  }

  /** The generic runner underneath. */
  public WorkloadTools tools() {
    return tools;
  }

  /** Runs the call and returns its tool result as a JSON string. */
  public String execute(ToolCall call, TokenSource tokens)
      throws ServiceFailedException, TokenExchangeException, InterruptedException {
    return tools.execute(call, service -> tokens);
  }
}
