package dev.crashtest.agents;

/**
 * The status of a task as the control API reports it (contract, section 2).
 *
 * <pre>{@code
 * if (snapshot.status() == TaskStatus.AWAITING_APPROVAL) { runtime.approve(taskId, "alice"); }
 * }</pre>
 */
public enum TaskStatus {
  RUNNING,
  AWAITING_APPROVAL,
  COMPLETED,
  FAILED
}
