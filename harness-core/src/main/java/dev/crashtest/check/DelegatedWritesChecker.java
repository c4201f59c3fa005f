package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.ACTOR_SOURCE;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.DELEGATED;
import static dev.crashtest.history.Vocabulary.METHOD;
import static dev.crashtest.history.Vocabulary.SCOPE;
import static dev.crashtest.history.Vocabulary.USER;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every CRM write was made with a delegated token that names the agent, the user and the write scope. */
final class DelegatedWritesChecker implements Checker {
  static final String WRITE_SCOPE = "crm.write";

  @Override
  public String name() {
    return "delegated-writes";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> writes =
        history.select(op -> op.service().equals(CRM) && op.type() == OpType.OK && "POST".equals(op.text(METHOD)));
    List<String> problems = new ArrayList<>();
    List<Long> evidence = new ArrayList<>();
    for (Op write : writes) {
      String problem = problemWith(write);
      if (problem != null) {
        problems.add("write [" + write.operation() + "] at op #" + write.index() + " " + problem);
        evidence.add(write.index());
      }
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(name(), String.join("; ", problems), evidence);
    }
    if (writes.isEmpty()) {
      return CheckResult.pass(name(), "no CRM writes were made");
    }
    return CheckResult.pass(
        name(), "all " + writes.size() + " CRM writes carried a delegated token naming agent, user and scope");
  }

  private static String problemWith(Op write) {
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
    String scope = write.text(SCOPE);
    if (scope == null || !Arrays.asList(scope.split(" ")).contains(WRITE_SCOPE)) {
      return "used a token without the [" + WRITE_SCOPE + "] scope (scope: " + scope + ")";
    }
    return null;
  }
}
