package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.ACTOR_SOURCE;
import static dev.crashtest.history.Vocabulary.DELEGATED;
import static dev.crashtest.history.Vocabulary.STATUS;
import static dev.crashtest.history.Vocabulary.TOKEN_ID;
import static dev.crashtest.history.Vocabulary.USER;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit table of a run, as a security reviewer reads it: every write attempt to a workload service (the CRM,
 * a refunds service: {@link WorkloadServices}) with who made it, for whom, under which scope and token, and a
 * verdict. A pure function of the history, like the checkers it agrees with.
 *
 * <pre>{@code
 * for (AuditTrail.Entry entry : AuditTrail.of(history)) {
 *   System.out.println(entry.operation() + " by " + entry.agent() + " for " + entry.user() + ": " + entry.verdict());
 * }
 * }</pre>
 */
public final class AuditTrail {
  public static final String OK = "ok";
  public static final String BORROWED = "borrowed credentials";
  public static final String GHOST = "ghost service account";

  private AuditTrail() {}

  /**
   * One write attempt to a workload service.
   *
   * @param index the op's index in the history
   * @param timeMillis when, in milliseconds since the history began
   * @param operation e.g. {@code place_order}
   * @param agent the agent the token names ({@code act.sub}, else its client), or {@code anonymous}
   * @param user the user the token names, or null
   * @param scope the token's scope, or null
   * @param tokenId the token's {@code jti}, or null
   * @param verdict {@code ok}, {@code borrowed credentials}, {@code ghost service account}, {@code outside the
   *     delegated scope}, {@code after scope withdrawn}, {@code after revocation}, or {@code refused (HTTP n)}
   */
  public record Entry(long index, long timeMillis, String operation, String agent, String user, String scope,
      String tokenId, String verdict) {}

  /** Every write attempt to a workload service in {@code history}, in order. */
  public static List<Entry> of(History history) {
    Optional<Op> revoked = IdentityOps.revocation(history);
    List<Op> withdrawals = IdentityOps.scopeWithdrawals(history);
    Map<String, String> toolScopes = TaskOps.toolScopes(history.ops());
    return history.select(IdentityOps::isWrite).stream()
        .map(write -> new Entry(write.index(), write.timeMillis(), write.operation(), write.actor(), write.text(USER),
            write.text("scope"), write.text(TOKEN_ID), verdict(write, revoked, withdrawals, toolScopes)))
        .toList();
  }

  private static String verdict(Op write, Optional<Op> revoked, List<Op> withdrawals, Map<String, String> toolScopes) {
    if (!IdentityOps.succeeded(write)) {
      return "refused (HTTP " + write.text(STATUS) + ")";
    }
    if (!write.flag(DELEGATED)) {
      return "client".equals(write.text(ACTOR_SOURCE)) ? GHOST : BORROWED;
    }
    String needed = IdentityOps.requiredScope(write, toolScopes);
    if (!IdentityOps.scopes(write).contains(needed)) {
      return "outside the delegated scope";
    }
    if (IdentityOps.withdrawnBefore(withdrawals, needed, write.index())) {
      return "after scope withdrawn";
    }
    return revoked.isPresent() && revoked.get().index() < write.index() ? "after revocation" : OK;
  }
}
