package dev.crashtest.agents;

import java.util.Objects;

/**
 * What the agent knows of one task at one moment: the body of {@code GET /tasks/{taskId}}.
 *
 * <pre>{@code
 * TaskSnapshot done = TaskSnapshot.completed("T-1", "Ordered 5 units.");
 * assert done.status() == TaskStatus.COMPLETED;
 * }</pre>
 *
 * @param taskId the task's id
 * @param status where the task is
 * @param result the model's final answer once {@link TaskStatus#COMPLETED}, else {@code null}
 * @param error why the task failed once {@link TaskStatus#FAILED}, else {@code null}
 */
public record TaskSnapshot(String taskId, TaskStatus status, String result, String error) {

  public TaskSnapshot {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
  }

  public static TaskSnapshot of(String taskId, TaskStatus status) {
    return new TaskSnapshot(taskId, status, null, null);
  }

  public static TaskSnapshot completed(String taskId, String result) {
    return new TaskSnapshot(taskId, TaskStatus.COMPLETED, result, null);
  }

  public static TaskSnapshot failed(String taskId, String error) {
    return new TaskSnapshot(taskId, TaskStatus.FAILED, null, error);
  }
}
