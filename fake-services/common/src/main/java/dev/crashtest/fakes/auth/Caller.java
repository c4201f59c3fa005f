package dev.crashtest.fakes.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who called, as a verified token says.
 *
 * <pre>{@code
 * Caller caller = verifier.verify("Bearer eyJ...");
 * caller.agent();              // "procurement-agent" (the innermost act.sub)
 * caller.via();                // ["mcp-server"] when the MCP server exchanged the agent's token on its behalf
 * caller.hasScope("crm.write");
 * }</pre>
 *
 * <p>A token exchanged again on behalf of an agent nests its actors (RFC 8693 section 4.1): {@code act: {"sub":
 * "mcp-server", "act": {"sub": "procurement-agent"}}}. The effect is the agent's: {@link #agent()} is the
 * <em>innermost</em> {@code act.sub}, and the actors it came through are {@link #via()}, outermost first.
 *
 * @param agent the agent (the innermost {@code act.sub}, else {@code azp} or {@code client_id}), or null
 * @param actorSource {@value #ACTOR_FROM_ACT}, {@value #ACTOR_FROM_CLIENT} or {@value #ACTOR_NONE}
 * @param user the token's {@code sub}
 * @param scope the {@code scope} claim as sent, or null
 * @param tokenId the token's {@code jti}
 * @param delegated whether the token has an {@code act} claim
 * @param via the actors between the caller and the agent, outermost first (e.g. {@code [mcp-server]}); empty for a
 *     token with one actor or none
 */
public record Caller(String agent, String actorSource, String user, String scope, String tokenId, boolean delegated,
    List<String> via) {

  /** {@link #actorSource()} when the agent came from the token's {@code act.sub}. */
  public static final String ACTOR_FROM_ACT = "act";
  /** {@link #actorSource()} when the agent came from the token's {@code azp} or {@code client_id}. */
  public static final String ACTOR_FROM_CLIENT = "client";
  /** {@link #actorSource()} when the caller is unknown (no valid token, or an operator's endpoint). */
  public static final String ACTOR_NONE = "none";

  /** The caller of a request without a valid token. */
  public static final Caller NOBODY = new Caller(null, ACTOR_NONE, null, null, null, false, List.of());

  public Caller {
    via = via == null ? List.of() : List.copyOf(via);
  }

  /** A caller that came through no intermediary. */
  public Caller(String agent, String actorSource, String user, String scope, String tokenId, boolean delegated) {
    this(agent, actorSource, user, scope, tokenId, delegated, List.of());
  }

  /** Whether the token's {@code scope} names {@code needed}. */
  public boolean hasScope(String needed) {
    return scope != null && Set.copyOf(Arrays.asList(scope.trim().split("\\s+"))).contains(needed);
  }
}
