package dev.crashtest.agents.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The delegated tokens of one task, one {@link TokenSource} per workload service: each is exchanged for the
 * service's name as audience and the scopes its tools declare ({@link Workload#scopes(String)}), so procurement's
 * one service {@code crm} gets today's {@code audience=crm, scope=crm.read crm.write}.
 *
 * <pre>{@code
 * TaskTokens tokens = TaskTokens.perService(exchange, workload, userToken, Clock.systemUTC());
 * String bearer = tokens.forService("refunds").current();
 * }</pre>
 */
@FunctionalInterface
public interface TaskTokens {

  /** The token source for calls on {@code service}; the same one for every call of the task. */
  TokenSource forService(String service);

  /**
   * One token source per service, made on first use. {@value McpTools#AUDIENCE} (the MCP server, contract section
   * 3.4) is asked for with every scope the workload's tools declare, unless the workload has a service of that name.
   */
  static TaskTokens perService(TokenExchange exchange, Workload workload, String userToken, Clock clock) {
    Map<String, TokenSource> sources = new HashMap<>();
    return service -> {
      synchronized (sources) {
        return sources.computeIfAbsent(service,
            name -> new TokenSource(exchange, userToken, clock, name, scopes(workload, name)));
      }
    };
  }

  private static java.util.List<String> scopes(Workload workload, String service) {
    boolean mcp = McpTools.AUDIENCE.equals(service) && !workload.services().contains(service);
    return mcp ? workload.scopes() : workload.scopes(service);
  }
}
