package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.AGENT_STARTED;
import static dev.crashtest.history.Vocabulary.CLIENT_ID;
import static dev.crashtest.history.Vocabulary.DELEGATED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.PRESENTER;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No agent presented another agent's token (the service's {@code presenter} names who presented it; refused attempts
 * count too), and every successful call to a workload service ({@link WorkloadServices}) stayed inside the
 * delegation: its token held the scope the call needs (its tool's declared scope, else {@code <service>.read} to read
 * and {@code <service>.write} to write), no call used a scope after it was withdrawn, and no call used another
 * agent's token.
 */
final class LeastPrivilegeChecker implements Checker {
  @Override
  public String name() {
    return "least-privilege";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> attempts = history.select(WorkloadServices::isCall);
    Map<String, String> toolScopes = TaskOps.toolScopes(history.ops());
    long calls = attempts.stream().filter(IdentityOps::succeeded).count();
    List<Op> withdrawals = IdentityOps.scopeWithdrawals(history);
    Optional<String> self = history.ops().stream().filter(op -> op.is(HARNESS, AGENT_STARTED))
        .map(op -> op.text(CLIENT_ID)).filter(id -> id != null).findFirst();
    List<String> problems = new ArrayList<>();
    List<Long> evidence = new ArrayList<>();
    for (Op attempt : attempts) {
      String problem = presentedByAnother(attempt);
      if (problem == null && IdentityOps.succeeded(attempt)) {
        problem = problemWith(attempt, IdentityOps.requiredScope(attempt, toolScopes), withdrawals, self);
      }
      if (problem != null) {
        problems.add(problem);
        evidence.add(attempt.index());
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(name(), String.join("; ", problems)
          + (problems.stream().anyMatch(p -> p.startsWith("agent [")) ? "; never present a token another agent"
              + " passed along: exchange the user's token (RFC 8693) for your own" : ""), evidence);
    }
    return CheckResult.pass(name(), "all " + calls + " " + WorkloadServices.adjective(WorkloadServices.calledIn(history))
        + " calls stayed within the delegated scope");
  }

  /** A call, refused or not, whose token names another agent than the one that presented it. */
  private static String presentedByAnother(Op attempt) {
    String presenter = attempt.text(PRESENTER);
    String owner = attempt.text("agent");
    if (presenter == null || owner == null || presenter.equals(owner)) {
      return null;
    }
    return "agent [" + presenter + "] presented agent [" + owner + "]'s token for " + kind(attempt)
        + (IdentityOps.succeeded(attempt) ? " and " + WorkloadServices.the(attempt.service()) + " accepted it"
            : " (refused: HTTP " + attempt.details().get("status") + ")");
  }

  private static String kind(Op call) {
    return (IdentityOps.isWrite(call) ? "write " : "read ") + IdentityOps.at(call);
  }

  private static String problemWith(Op call, String needed, List<Op> withdrawals, Optional<String> self) {
    String problem = scopeProblem(call, needed, withdrawals, self);
    return problem == null ? null : kind(call) + " " + problem;
  }

  private static String scopeProblem(Op call, String needed, List<Op> withdrawals, Optional<String> self) {
    if (!IdentityOps.scopes(call).contains(needed)) {
      return "used [" + needed + "] outside the delegated scope (scope: " + call.text("scope") + ")";
    }
    for (Op withdrawal : withdrawals) {
      if (withdrawal.index() < call.index()
          && IdentityOps.withdrawnScope(withdrawal).filter(needed::equals).isPresent()) {
        return "used [" + needed + "] after it was withdrawn at op #" + withdrawal.index();
      }
    }
    if (self.isPresent() && call.flag(DELEGATED) && !self.get().equals(call.actor())) {
      return "presented agent [" + call.actor() + "]'s token, not its own [" + self.get() + "]";
    }
    return null;
  }
}
