package dev.crashtest.agents;

import java.util.Optional;

/**
 * The durability layer: where tasks live, on which threads they run, and how their steps are recorded and
 * resumed. The control API talks only to this interface; the agent logic ({@link TaskWorkflow}) only to
 * {@link TaskContext}. A new durability layer (Temporal, Restate, DBOS) is one new implementation.
 *
 * <pre>{@code
 * try (TaskRuntime runtime = TaskRuntimes.create("naive", workflow)) {
 *   runtime.submit(new TaskRequest("T-1", goal, userToken));
 *   runtime.find("T-1").map(TaskSnapshot::status); // Optional[RUNNING]
 * }
 * }</pre>
 */
public interface TaskRuntime extends AutoCloseable {

  /** The name given to {@code --runtime}, e.g. {@code naive}. */
  String name();

  /**
   * Starts the task on its own thread unless its id is already known, and returns its current snapshot.
   * Submitting a known id again starts nothing.
   */
  TaskSnapshot submit(TaskRequest request);

  /** The task's current snapshot, or empty when this runtime does not know the task. */
  Optional<TaskSnapshot> find(String taskId);

  /** Releases a task that waits in {@link TaskContext#awaitApproval()}. */
  ApprovalResult approve(String taskId, String approver);

  /** Stops accepting tasks and lets go of running ones; never blocks for long. */
  @Override
  void close();
}
