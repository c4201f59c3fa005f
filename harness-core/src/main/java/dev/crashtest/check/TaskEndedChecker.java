package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.COMPLETED;
import static dev.crashtest.history.Vocabulary.FAILED;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.TASK_STATE;
import static dev.crashtest.history.Vocabulary.TASK_STATUS;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.List;
import java.util.Optional;

/**
 * The task ended, completed or failed with a reason: the agent neither hung nor lost it. For faults a robust
 * agent cannot work around (a request the model refuses as too long), ending cleanly is what it must show.
 */
final class TaskEndedChecker implements Checker {

  @Override
  public String name() {
    return "task-ended";
  }

  @Override
  public CheckResult check(History history) {
    Optional<Op> last = history.select(op -> op.is(HARNESS, TASK_STATUS)).stream().reduce((a, b) -> b);
    if (last.isEmpty()) {
      return CheckResult.unknown(name(), "the task never reported a status");
    }
    String state = last.get().text(TASK_STATE);
    if (COMPLETED.equals(state)) {
      return CheckResult.pass(name(), "the task completed");
    }
    String error = last.get().text("error");
    if (FAILED.equals(state) && error != null && !error.isBlank()) {
      return CheckResult.pass(name(), "the task failed cleanly: " + error);
    }
    if (FAILED.equals(state)) {
      return CheckResult.fail(name(), "the task failed without saying why (op #" + last.get().index()
          + "); report the cause in the task's error", List.of(last.get().index()));
    }
    return CheckResult.fail(name(), "the task did not end: last status " + state + " (op #" + last.get().index()
        + ")", List.of(last.get().index()));
  }
}
