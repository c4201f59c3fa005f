package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.AGENT_KILLED;
import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.IDEMPOTENCY_KEY;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.PATH;
import static dev.crashtest.history.Vocabulary.TURN;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * After an agent restart, no step that had completed before the crash is done again.
 *
 * <p>A call counts as completed before a crash when the agent observably moved on after it: another model
 * call or call to a workload service ({@link WorkloadServices}) followed before the kill. The call in flight at the
 * kill may be repeated; that is recovery, not redone work. Model calls are identified by their turn, service calls by
 * service, operation and idempotency key (or path, for reads).
 *
 * <p>"After the restart" counts from {@code agent_restarted}, which the runner records the moment the new process
 * exists, not from {@code agent_ready} (its health check answering): a durable agent may resume, and redo work,
 * while it is still starting up.
 */
final class NoWorkRedoneChecker implements Checker {

  @Override
  public String name() {
    return "no-work-redone";
  }

  @Override
  public CheckResult check(History history) {
    List<Op> ops = history.ops();
    List<Op> restarts = ops.stream().filter(op -> op.is(HARNESS, AGENT_RESTARTED)).toList();
    if (restarts.isEmpty()) {
      return CheckResult.pass(name(), "the agent was not restarted, so nothing could be redone");
    }
    Set<Op> redone = new LinkedHashSet<>();
    Op firstRestart = null;
    for (Op restart : restarts) {
      int killAt = lastKillBefore(ops, restart.index());
      if (killAt < 0) {
        continue;
      }
      Set<String> completed = completedBefore(ops, killAt);
      for (Op op : callsBetween(ops, (int) restart.index(), nextKillAfter(ops, restart.index()))) {
        if (completed.contains(identity(op))) {
          redone.add(op);
          firstRestart = firstRestart == null ? restart : firstRestart;
        }
      }
    }
    if (redone.isEmpty()) {
      return CheckResult.pass(name(), "no completed step was redone after " + restarts.size() + " restart(s)");
    }
    return CheckResult.fail(name(), describe(firstRestart, redone, WorkloadServices.calledIn(history)),
        redone.stream().map(Op::index).toList());
  }

  private static String describe(Op restart, Set<Op> redone, Set<String> services) {
    List<String> turns = new ArrayList<>();
    List<Op> serviceOps = new ArrayList<>();
    for (Op op : redone) {
      if (op.service().equals(MODEL)) {
        turns.add(String.valueOf(op.number(TURN, -1)));
      } else {
        serviceOps.add(op);
      }
    }
    // one service reads as "2 CRM call(s) (get_account, create_quote)"; several name each call's service
    Set<String> redoneServices = new java.util.TreeSet<>(serviceOps.stream().map(Op::service).toList());
    boolean one = redoneServices.size() <= 1;
    List<String> serviceCalls = serviceOps.stream()
        .map(op -> one ? op.operation() : op.service() + "." + op.operation()).toList();
    return "work redone after the agent restart at op #"
        + restart.index()
        + ": "
        + turns.size()
        + " model call(s) (turns "
        + String.join(", ", turns)
        + ") and "
        + serviceCalls.size()
        + " "
        + (one ? WorkloadServices.adjective(redoneServices.isEmpty() ? services : redoneServices) : "service")
        + " call(s) ("
        + String.join(", ", serviceCalls)
        + ") that had completed before the crash were made again; checkpoint each step and resume from it";
  }

  /**
   * The calls that completed before the kill at {@code killAt}: every call before it but those in flight at a kill
   * (the last call before each kill up to this one), which the agent never heard, so repeating them is recovery. An
   * exploration found the case of two kills each right after the model answered the same turn: the turn was in flight
   * both times, never completed.
   */
  private static Set<String> completedBefore(List<Op> ops, int killAt) {
    List<Op> calls = callsBetween(ops, 0, killAt);
    Set<Long> inFlight = new HashSet<>();
    Op last = null;
    for (int i = 0; i <= killAt && i < ops.size(); i++) {
      Op op = ops.get(i);
      if (isAgentCall(op)) {
        last = op;
      } else if (op.is(HARNESS, AGENT_KILLED) && last != null) {
        inFlight.add(last.index());
      }
    }
    Set<String> completed = new HashSet<>();
    for (Op call : calls) {
      if (!inFlight.contains(call.index())) {
        completed.add(identity(call));
      }
    }
    return completed;
  }

  private static List<Op> callsBetween(List<Op> ops, int fromExclusive, int toExclusive) {
    List<Op> calls = new ArrayList<>();
    for (int i = Math.max(0, fromExclusive); i < toExclusive && i < ops.size(); i++) {
      Op op = ops.get(i);
      if (isAgentCall(op)) {
        calls.add(op);
      }
    }
    return calls;
  }

  private static boolean isAgentCall(Op op) {
    if (op.type() != OpType.OK) {
      return false;
    }
    return op.is(MODEL, CHAT_COMPLETION) || WorkloadServices.isCall(op);
  }

  private static String identity(Op op) {
    if (op.service().equals(MODEL)) {
      return "model turn " + op.number(TURN, -1);
    }
    String key = op.text(IDEMPOTENCY_KEY);
    return op.service() + " " + op.operation() + " " + (key != null ? key : op.text(PATH));
  }

  private static int lastKillBefore(List<Op> ops, long index) {
    for (int i = (int) index - 1; i >= 0; i--) {
      if (ops.get(i).is(HARNESS, AGENT_KILLED)) {
        return i;
      }
    }
    return -1;
  }

  private static int nextKillAfter(List<Op> ops, long index) {
    for (int i = (int) index + 1; i < ops.size(); i++) {
      if (ops.get(i).is(HARNESS, AGENT_KILLED)) {
        return i;
      }
    }
    return ops.size();
  }
}
