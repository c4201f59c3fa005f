package dev.crashtest.agents;

/**
 * The answer of {@link TaskRuntime#approve(String, String)}, mapped by the control API to 202, 404 or 409.
 *
 * <pre>{@code
 * ApprovalResult result = runtime.approve("T-1", "alice");
 * if (result.outcome() == ApprovalResult.Outcome.APPROVED) { ... result.task().status() ... }
 * }</pre>
 *
 * @param outcome what happened
 * @param task the task after the approval, or {@code null} when the task is unknown
 */
public record ApprovalResult(Outcome outcome, TaskSnapshot task) {

  /** What an approval did. */
  public enum Outcome {
    /** The task was awaiting approval and now runs again. */
    APPROVED,
    /** The runtime does not know the task. */
    UNKNOWN_TASK,
    /** The task exists but is not awaiting approval. */
    NOT_AWAITING_APPROVAL
  }

  public static ApprovalResult approved(TaskSnapshot task) {
    return new ApprovalResult(Outcome.APPROVED, task);
  }

  public static ApprovalResult unknownTask() {
    return new ApprovalResult(Outcome.UNKNOWN_TASK, null);
  }

  public static ApprovalResult notAwaitingApproval(TaskSnapshot task) {
    return new ApprovalResult(Outcome.NOT_AWAITING_APPROVAL, task);
  }
}
