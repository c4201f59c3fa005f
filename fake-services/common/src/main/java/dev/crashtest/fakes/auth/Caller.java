package dev.crashtest.fakes.auth;

import java.util.Arrays;
import java.util.Set;

/**
 * Who called, as a verified token says.
 *
 * <pre>{@code
 * Caller caller = verifier.verify("Bearer eyJ...");
 * caller.agent();              // "procurement-agent" (act.sub)
 * caller.hasScope("crm.write");
 * }</pre>
 *
 * @param agent the agent ({@code act.sub}, else {@code azp} or {@code client_id}), or null
 * @param actorSource {@value #ACTOR_FROM_ACT}, {@value #ACTOR_FROM_CLIENT} or {@value #ACTOR_NONE}
 * @param user the token's {@code sub}
 * @param scope the {@code scope} claim as sent, or null
 * @param tokenId the token's {@code jti}
 * @param delegated whether the token has an {@code act} claim
 */
public record Caller(String agent, String actorSource, String user, String scope, String tokenId, boolean delegated) {

  /** {@link #actorSource()} when the agent came from the token's {@code act.sub}. */
  public static final String ACTOR_FROM_ACT = "act";
  /** {@link #actorSource()} when the agent came from the token's {@code azp} or {@code client_id}. */
  public static final String ACTOR_FROM_CLIENT = "client";
  /** {@link #actorSource()} when the caller is unknown (no valid token, or an operator's endpoint). */
  public static final String ACTOR_NONE = "none";

  /** The caller of a request without a valid token. */
  public static final Caller NOBODY = new Caller(null, ACTOR_NONE, null, null, null, false);

  /** Whether the token's {@code scope} names {@code needed}. */
  public boolean hasScope(String needed) {
    return scope != null && Set.copyOf(Arrays.asList(scope.trim().split("\\s+"))).contains(needed);
  }
}
