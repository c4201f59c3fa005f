package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.AGENT_RESTARTED;
import static dev.crashtest.history.Vocabulary.COMPLETED;
import static dev.crashtest.history.Vocabulary.EFFECT_TYPE;
import static dev.crashtest.history.Vocabulary.REPLAYED;
import static dev.crashtest.history.Vocabulary.FAILED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TASK_STATE;
import static dev.crashtest.history.Vocabulary.UNKNOWN_TASK;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.util.List;
import java.util.Optional;

/**
 * The submitted task reached COMPLETED, as the agent itself reported through its control API, and reached its goal:
 * a workload service ({@link WorkloadServices}) committed at least one side effect for it (an op with
 * {@code effectType}; a replayed answer to a write counts). Whether every write the model asked for happened is
 * {@code requested-writes}' to judge.
 */
final class TaskCompletedChecker implements Checker {
  @Override
  public String name() {
    return "task-completed";
  }

  private static boolean effectCommitted(Op op) {
    return WorkloadServices.isWorkloadService(op.service()) && op.type() == OpType.OK
        && (op.text(EFFECT_TYPE) != null || (WorkloadServices.isWrite(op) && op.flag(REPLAYED)));
  }

  @Override
  public CheckResult check(History history) {
    List<Op> ops = history.ops();
    Optional<Op> submitted = TaskOps.submission(ops);
    if (submitted.isEmpty()) {
      return CheckResult.unknown(name(), "no task was submitted, so there is nothing to judge");
    }
    String taskId = submitted.get().text(TASK_ID);
    List<Op> statuses = TaskOps.statuses(ops, taskId);
    if (statuses.isEmpty()) {
      return CheckResult.fail(
          name(), "task [" + taskId + "] never reported a status", List.of(submitted.get().index()));
    }
    Op last = statuses.get(statuses.size() - 1);
    String state = last.text(TASK_STATE);
    if (COMPLETED.equals(state)) {
      if (ops.stream().noneMatch(TaskCompletedChecker::effectCommitted)) {
        return CheckResult.fail(name(), "task [" + taskId + "] reported COMPLETED (op #" + last.index() + ") but no"
            + " side effect was committed; its result: \"" + Optional.ofNullable(last.text("result")).orElse("") + "\"; a task"
            + " that did not reach its goal must end FAILED with the reason", List.of(last.index()));
      }
      return CheckResult.pass(name(), "task [" + taskId + "] completed (op #" + last.index() + ")");
    }
    if (FAILED.equals(state)) {
      return CheckResult.fail(
          name(),
          "task [" + taskId + "] failed: " + Optional.ofNullable(last.text("error")).orElse("the agent gave no reason"),
          List.of(last.index()));
    }
    Optional<Op> restart = ops.stream().filter(op -> op.is(HARNESS, AGENT_RESTARTED)).reduce((a, b) -> b);
    if (UNKNOWN_TASK.equals(state) && restart.isPresent()) {
      return CheckResult.fail(
          name(),
          "task ["
              + taskId
              + "] lost: after the agent restarted (op #"
              + restart.get().index()
              + ") it no longer knew the task (404 at op #"
              + last.index()
              + ") and never completed it; keep task progress in HARNESS_STATE_DIR or a durable runtime",
          List.of(restart.get().index(), last.index()));
    }
    return CheckResult.fail(
        name(),
        "task [" + taskId + "] did not complete before the run ended: last status " + state + " (op #" + last.index() + ")",
        List.of(last.index()));
  }
}
