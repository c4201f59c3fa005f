package dev.crashtest.fakes.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The actors a delegated token names, outermost first: {@code act: {"sub": "mcp-server", "act": {"sub":
 * "procurement-agent"}}} is {@code [mcp-server, procurement-agent]} (RFC 8693 section 4.1). A token exchanged again
 * on an agent's behalf, by the MCP server for instance, keeps the agent innermost; what the user took back from the
 * agent binds every token in the chain.
 */
final class ActorChain {
  private ActorChain() {}

  /** The {@code sub}s of the nested {@code act} claim, outermost first; empty for none. */
  static List<String> of(Object act) {
    List<String> actors = new ArrayList<>();
    Object current = act;
    while (current instanceof Map<?, ?> actor && actor.get("sub") instanceof String sub) {
      actors.add(sub);
      current = actor.get("act");
    }
    return actors;
  }
}
