package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.AGENT_KILLED;
import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.METHOD;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.REPLAYED;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Checks;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts and times of a run, computed from its history alone. */
final class RunMetrics {
  private RunMetrics() {}

  static Map<String, Long> of(History history, long wallMillis) {
    List<Op> ops = history.ops();
    Map<String, Long> metrics = new LinkedHashMap<>();
    metrics.put("wallTimeMillis", wallMillis);
    metrics.put("modelCalls", count(ops, op -> op.is(MODEL, CHAT_COMPLETION)));
    metrics.put("crmCalls", count(ops, op -> op.service().equals(CRM)));
    metrics.put("crmWrites", count(ops, op -> op.service().equals(CRM) && "POST".equals(op.text(METHOD))));
    metrics.put("sideEffects", count(ops, op -> op.service().equals(CRM) && op.type() == OpType.OK
        && op.text(EFFECT_ID) != null && !op.flag(REPLAYED)));
    metrics.put("kills", count(ops, op -> op.is(HARNESS, AGENT_KILLED)));
    metrics.put("restarts", count(ops, op -> op.is(HARNESS, AGENT_RESTARTED)));
    CheckResult redone = Checks.run(Checks.noWorkRedone(), history);
    metrics.put("redoneCalls", (long) redone.evidence().size());
    metrics.put("promptTokens", sum(ops, "promptTokens"));
    metrics.put("completionTokens", sum(ops, "completionTokens"));
    recoveryMillis(ops).ifPresent(millis -> metrics.put("recoveryMillis", millis));
    return metrics;
  }

  /** From the first restart to the agent's next call to the model or the CRM. */
  private static java.util.Optional<Long> recoveryMillis(List<Op> ops) {
    Op restart = ops.stream().filter(op -> op.is(HARNESS, AGENT_RESTARTED)).findFirst().orElse(null);
    if (restart == null) {
      return java.util.Optional.empty();
    }
    return ops.stream()
        .filter(op -> op.index() > restart.index() && (op.service().equals(MODEL) || op.service().equals(CRM)))
        .findFirst()
        .map(op -> op.timeMillis() - restart.timeMillis());
  }

  private static long count(List<Op> ops, java.util.function.Predicate<Op> filter) {
    return ops.stream().filter(filter).count();
  }

  private static long sum(List<Op> ops, String key) {
    return ops.stream().filter(op -> op.is(MODEL, CHAT_COMPLETION)).mapToLong(op -> op.number(key, 0)).sum();
  }
}
