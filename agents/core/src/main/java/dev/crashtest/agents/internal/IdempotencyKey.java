package dev.crashtest.agents.internal;

/**
 * The {@code Idempotency-Key} of a CRM {@code POST} (contract, section 3.2): {@code {taskId}/{step}/{tool}},
 * where {@code step} is the 1-based number of the tool call within the task.
 *
 * <pre>{@code
 * IdempotencyKey.of("T-1", 2, "create_quote"); // "T-1/2/create_quote"
 * }</pre>
 */
public final class IdempotencyKey {

  private IdempotencyKey() {}

  public static String of(String taskId, int step, String tool) {
    if (taskId == null || taskId.isEmpty()) {
      throw new IllegalArgumentException("idempotency key needs a task id; got [" + taskId + "]");
    }
    if (step < 1) {
      throw new IllegalArgumentException("tool call steps count from 1; got [" + step + "] for tool [" + tool + "]");
    }
    if (tool == null || tool.isEmpty()) {
      throw new IllegalArgumentException("idempotency key needs a tool name; got [" + tool + "]");
    }
    return taskId + "/" + step + "/" + tool;
  }
}
