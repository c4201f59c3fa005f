package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.SUBMIT_TASK;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TASK_STATUS;

import dev.crashtest.history.Op;
import java.util.List;
import java.util.Optional;

/** The run's task as the history shows it: its submission and the statuses the agent reported. */
final class TaskOps {
  private TaskOps() {}

  /** The first task the harness submitted in the run. */
  static Optional<Op> submission(List<Op> ops) {
    return ops.stream().filter(op -> op.is(HARNESS, SUBMIT_TASK)).findFirst();
  }

  /** Every status of {@code taskId} the runner recorded, in order. */
  static List<Op> statuses(List<Op> ops, String taskId) {
    return ops.stream().filter(op -> op.is(HARNESS, TASK_STATUS) && taskId.equals(op.text(TASK_ID))).toList();
  }

  /** The last status of the run's task, if it reported any. */
  static Optional<Op> lastStatus(List<Op> ops) {
    return submission(ops).flatMap(submitted -> statuses(ops, submitted.text(TASK_ID)).stream().reduce((a, b) -> b));
  }
}
