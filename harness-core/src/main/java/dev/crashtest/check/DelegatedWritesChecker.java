package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.ACTOR_SOURCE;
import static dev.crashtest.history.Vocabulary.DELEGATED;
import static dev.crashtest.history.Vocabulary.SCOPE;
import static dev.crashtest.history.Vocabulary.USER;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every write to a workload service ({@link WorkloadServices}: the CRM, a refunds service, …) was made with a
 * delegated token that names the agent, the user and the scope the write needs (its tool's declared scope, else
 * {@code <service>.write}).
 */
final class DelegatedWritesChecker implements Checker {

  @Override
  public String name() {
    return "delegated-writes";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> writes = history.select(op -> WorkloadServices.isWrite(op) && op.type() == OpType.OK);
    Map<String, String> toolScopes = TaskOps.toolScopes(history.ops());
    List<String> problems = new ArrayList<>();
    List<Long> evidence = new ArrayList<>();
    for (Op write : writes) {
      String problem = problemWith(write, IdentityOps.requiredScope(write, toolScopes));
      if (problem != null) {
        problems.add("write [" + write.operation() + "] at op #" + write.index() + " " + problem);
        evidence.add(write.index());
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(name(), String.join("; ", problems), evidence);
    }
    String services = WorkloadServices.adjective(WorkloadServices.calledIn(history));
    if (writes.isEmpty()) {
      return CheckResult.pass(name(), "no " + services + " writes were made");
    }
    return CheckResult.pass(name(), "all " + writes.size() + " " + services
        + " writes carried a delegated token naming agent, user and scope");
  }

  private static String problemWith(Op write, String neededScope) {
    if (!write.flag(DELEGATED)) {
      return "client".equals(write.text(ACTOR_SOURCE))
          ? "used the agent's own service token for nobody (ghost service account): exchange the user's token instead"
          : "used a token that names no agent (the user's own token: borrowed credentials): exchange it (RFC 8693) first";
    }
    if (write.actor() == null || write.actor().equals("anonymous")) {
      return "used a delegated token that names no agent";
    }
    if (write.text(USER) == null || write.text(USER).isBlank()) {
      return "used a token that names no user";
    }
    if (!IdentityOps.scopes(write).contains(neededScope)) {
      return "used a token without the [" + neededScope + "] scope (scope: " + write.text(SCOPE) + ")";
    }
    return null;
  }
}
