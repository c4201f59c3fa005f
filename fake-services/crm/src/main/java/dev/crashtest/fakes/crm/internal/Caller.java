package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.crm.AuditRecord;
import java.util.Arrays;
import java.util.Set;

/**
 * Who called, as a verified token says.
 *
 * @param agent the agent ({@code act.sub}, else {@code azp} or {@code client_id}), or null
 * @param actorSource {@code act}, {@code client} or {@code none}
 * @param user the token's {@code sub}
 * @param scope the {@code scope} claim as sent, or null
 * @param tokenId the token's {@code jti}
 * @param delegated whether the token has an {@code act} claim
 */
record Caller(String agent, String actorSource, String user, String scope, String tokenId, boolean delegated) {

  /** The caller of a request without a valid token. */
  static final Caller NOBODY = new Caller(null, AuditRecord.ACTOR_NONE, null, null, null, false);

  boolean hasScope(String needed) {
    return scope != null && Set.copyOf(Arrays.asList(scope.trim().split("\\s+"))).contains(needed);
  }
}
