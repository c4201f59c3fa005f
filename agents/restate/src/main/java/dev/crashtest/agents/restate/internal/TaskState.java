package dev.crashtest.agents.restate.internal;

/**
 * What the workflow's shared {@code status} handler answers: the task's status as kept in Restate's state, or
 * {@value #UNKNOWN} when the workflow has not (yet) set one.
 *
 * <pre>{@code
 * TaskState state = new TaskState("COMPLETED", "Ordered 5 units.", null);
 * }</pre>
 *
 * @param status a {@code TaskStatus} name, or {@value #UNKNOWN}
 * @param result the final answer once completed
 * @param error why the task failed
 */
public record TaskState(String status, String result, String error) {
  public static final String UNKNOWN = "UNKNOWN";

  public static TaskState unknown() {
    return new TaskState(UNKNOWN, null, null);
  }
}
