package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.SUBMIT_TASK;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TASK_STATUS;
import static dev.crashtest.history.Vocabulary.TOOL_SCOPES;
import static dev.crashtest.history.Vocabulary.WRITE_TOOLS;

import dev.crashtest.history.Op;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's task as the history shows it: its submission, the statuses the agent reported, and what the submission
 * says of the workload's tools ({@code writeTools}, {@code toolScopes}; a history without them is judged on the calls
 * it holds).
 */
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

  /**
   * The tools whose call is a write: those the submission declares ({@code writeTools}) and those the history shows
   * as an operation of a write to a workload service. A write the agent never made is known only by the declaration.
   */
  static Set<String> writeTools(List<Op> ops) {
    Set<String> tools = new LinkedHashSet<>();
    submission(ops).ifPresent(submitted -> tools.addAll(submitted.list(WRITE_TOOLS)));
    ops.stream().filter(WorkloadServices::isWrite).forEach(op -> tools.add(op.operation()));
    return tools;
  }

  /** The scope each tool needs, as the submission declares it ({@code toolScopes}); empty when it declares none. */
  static Map<String, String> toolScopes(List<Op> ops) {
    Map<String, String> scopes = new LinkedHashMap<>();
    submission(ops).map(submitted -> submitted.details().get(TOOL_SCOPES)).filter(Map.class::isInstance)
        .map(value -> (Map<?, ?>) value).ifPresent(map -> map.forEach((tool, scope) -> scopes.put(String.valueOf(tool),
            String.valueOf(scope))));
    return scopes;
  }
}
