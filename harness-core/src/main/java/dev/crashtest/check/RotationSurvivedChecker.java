package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.FAULT;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.List;

/** A signing key or client secret was rotated mid-task, and the task still completed without human help. */
final class RotationSurvivedChecker implements Checker {
  @Override
  public String name() {
    return "rotation-survived";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> rotations = IdentityOps.rotations(history);
    if (rotations.isEmpty()) {
      return CheckResult.unknown(name(), "no key or secret was rotated in this run, so there is nothing to judge");
    }
    String what = String.join(", ", rotations.stream().map(op -> op.text(FAULT) + " (op #" + op.index() + ")")
        .toList());
    CheckResult completed = new TaskCompletedChecker().check(history);
    List<Long> evidence = rotations.stream().map(Op::index).toList();
    if (completed.verdict() == Verdict.PASS) {
      return new CheckResult(name(), Verdict.PASS, "the task completed across " + what, evidence);
    }
    return new CheckResult(name(), completed.verdict(), "the task did not survive " + what + ": "
        + completed.message() + "; re-read the secret file and refetch the JWKS instead of caching them", evidence);
  }
}
