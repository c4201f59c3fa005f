package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.ACCOUNT_ID;
import static dev.crashtest.history.Vocabulary.AGENT_KILLED;
import static dev.crashtest.history.Vocabulary.AGENT_READY;
import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.EFFECT_TYPE;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.METHOD;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.REPLAYED;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Checks;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Counts and times of a run, computed from its history alone (see {@code docs/recovery.md}).
 *
 * <pre>{@code
 * Map<String, Long> metrics = RunMetrics.of(result.history(), result.metrics().get(RunMetrics.WALL_TIME_MILLIS));
 * metrics.get(RunMetrics.REDONE_MODEL_CALLS);   // model calls made again after a restart
 * }</pre>
 */
public final class RunMetrics {
  public static final String WALL_TIME_MILLIS = "wallTimeMillis";
  /** 1 when the task completed, else 0. */
  public static final String COMPLETED = "completed";
  public static final String MODEL_CALLS = "modelCalls";
  public static final String CRM_CALLS = "crmCalls";
  public static final String CRM_WRITES = "crmWrites";
  public static final String SIDE_EFFECTS = "sideEffects";
  /** Effects beyond the first of their kind for an account: 2 orders where 1 was meant count 1. */
  public static final String DUPLICATE_EFFECTS = "duplicateEffects";
  public static final String KILLS = "kills";
  public static final String RESTARTS = "restarts";
  /** Model and CRM calls completed before a crash and made again after the restart. */
  public static final String REDONE_CALLS = "redoneCalls";
  public static final String REDONE_MODEL_CALLS = "redoneModelCalls";
  public static final String REDONE_CRM_CALLS = "redoneCrmCalls";
  public static final String PROMPT_TOKENS = "promptTokens";
  public static final String COMPLETION_TOKENS = "completionTokens";
  public static final String MODEL_TOKENS = "modelTokens";
  /**
   * From each restarted agent's readiness ({@code agent_ready}) to its next successful model or CRM call that was not
   * redone work, summed over the restarts; progress made while the process was starting up (after
   * {@code agent_restarted}, before it answered {@code /health}) counts 0. Absent when there was no restart, or when
   * the agent never made progress after one.
   */
  public static final String RECOVERY_MILLIS = "recoveryMillis";
  /**
   * From each {@code agent_killed} to the {@code agent_ready} of the restart that followed it, summed: how long no
   * agent could answer (the restart delay plus process start-up). Absent when no killed agent came back.
   */
  public static final String DOWNTIME_MILLIS = "downtimeMillis";
  /** Restarts after which the agent never made progress again: the task was lost or the agent stuck. */
  public static final String UNRECOVERED_RESTARTS = "unrecoveredRestarts";

  private RunMetrics() {}

  /** The metrics of a run with this history, which took {@code wallMillis} from start to verdict. */
  public static Map<String, Long> of(History history, long wallMillis) {
    List<Op> ops = history.ops();
    Map<String, Long> metrics = new LinkedHashMap<>();
    metrics.put(WALL_TIME_MILLIS, wallMillis);
    CheckResult completed = Checks.run(Checks.taskCompleted(), history);
    metrics.put(COMPLETED, completed.verdict() == Verdict.PASS ? 1L : 0L);
    metrics.put(MODEL_CALLS, count(ops, op -> op.is(MODEL, CHAT_COMPLETION)));
    metrics.put(CRM_CALLS, count(ops, op -> op.service().equals(CRM)));
    metrics.put(CRM_WRITES, count(ops, op -> op.service().equals(CRM) && "POST".equals(op.text(METHOD))));
    List<Op> effects = ops.stream().filter(RunMetrics::isNewEffect).toList();
    metrics.put(SIDE_EFFECTS, (long) effects.size());
    metrics.put(DUPLICATE_EFFECTS, duplicates(effects));
    metrics.put(KILLS, count(ops, op -> op.is(HARNESS, AGENT_KILLED)));
    metrics.put(RESTARTS, count(ops, op -> op.is(HARNESS, AGENT_RESTARTED)));
    Set<Long> redone = Set.copyOf(Checks.run(Checks.noWorkRedone(), history).evidence());
    metrics.put(REDONE_CALLS, (long) redone.size());
    metrics.put(REDONE_MODEL_CALLS, count(ops, op -> redone.contains(op.index()) && op.service().equals(MODEL)));
    metrics.put(REDONE_CRM_CALLS, count(ops, op -> redone.contains(op.index()) && op.service().equals(CRM)));
    long prompt = sum(ops, PROMPT_TOKENS);
    long completion = sum(ops, COMPLETION_TOKENS);
    metrics.put(PROMPT_TOKENS, prompt);
    metrics.put(COMPLETION_TOKENS, completion);
    metrics.put(MODEL_TOKENS, prompt + completion);
    recovery(ops, redone, metrics);
    return metrics;
  }

  private static void recovery(List<Op> ops, Set<Long> redone, Map<String, Long> metrics) {
    long total = 0;
    long unrecovered = 0;
    long downtime = 0;
    boolean restarted = false;
    boolean cameBack = false;
    for (Op restart : ops) {
      if (!restart.is(HARNESS, AGENT_RESTARTED)) {
        continue;
      }
      restarted = true;
      Optional<Op> ready = readyAfter(ops, restart);
      Op from = ready.orElse(restart);
      Optional<Long> millis = progressAfter(ops, restart, redone)
          .map(op -> Math.max(0, op.timeMillis() - from.timeMillis()));
      if (millis.isPresent()) {
        total += millis.get();
      } else {
        unrecovered++;
      }
      Optional<Op> kill = lastKillBefore(ops, restart);
      if (ready.isPresent() && kill.isPresent()) {
        cameBack = true;
        downtime += ready.get().timeMillis() - kill.get().timeMillis();
      }
    }
    if (restarted && unrecovered == 0) {
      metrics.put(RECOVERY_MILLIS, total);
    }
    if (cameBack) {
      metrics.put(DOWNTIME_MILLIS, downtime);
    }
    metrics.put(UNRECOVERED_RESTARTS, unrecovered);
  }

  /**
   * The {@code agent_ready} of {@code restart}: the next one before any next kill. Histories written before readiness
   * was recorded have none; the restart itself (then recorded at readiness) stands in.
   */
  static Optional<Op> readyAfter(List<Op> ops, Op restart) {
    for (int i = (int) restart.index() + 1; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op.is(HARNESS, AGENT_KILLED) || op.is(HARNESS, AGENT_RESTARTED)) {
        return Optional.empty();
      }
      if (op.is(HARNESS, AGENT_READY)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  private static Optional<Op> lastKillBefore(List<Op> ops, Op restart) {
    for (int i = (int) restart.index() - 1; i >= 0; i--) {
      if (ops.get(i).is(HARNESS, AGENT_KILLED)) {
        return Optional.of(ops.get(i));
      }
    }
    return Optional.empty();
  }

  /** The agent's first successful model or CRM call after {@code restart} that is new work, before any next kill. */
  private static Optional<Op> progressAfter(List<Op> ops, Op restart, Set<Long> redone) {
    for (Op op : ops) {
      if (op.index() <= restart.index()) {
        continue;
      }
      if (op.is(HARNESS, AGENT_KILLED)) {
        return Optional.empty();
      }
      boolean agentCall = op.is(MODEL, CHAT_COMPLETION)
          || (op.service().equals(CRM) && !op.operation().equals(CrashPoints.AUDIT));
      if (agentCall && op.type() == OpType.OK && !op.actor().equals(HARNESS) && !redone.contains(op.index())) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  private static boolean isNewEffect(Op op) {
    return op.service().equals(CRM) && op.type() == OpType.OK && op.text(EFFECT_ID) != null && !op.flag(REPLAYED);
  }

  private static long duplicates(List<Op> effects) {
    Map<String, Long> perKind = new HashMap<>(effects.stream().collect(
        Collectors.groupingBy(op -> op.text(EFFECT_TYPE) + "/" + op.text(ACCOUNT_ID), Collectors.counting())));
    return perKind.values().stream().mapToLong(n -> n - 1).sum();
  }

  private static long count(List<Op> ops, Predicate<Op> filter) {
    return ops.stream().filter(filter).count();
  }

  private static long sum(List<Op> ops, String key) {
    return ops.stream().filter(op -> op.is(MODEL, CHAT_COMPLETION)).mapToLong(op -> op.number(key, 0)).sum();
  }
}
