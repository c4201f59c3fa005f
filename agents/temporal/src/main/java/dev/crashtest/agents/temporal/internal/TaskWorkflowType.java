package dev.crashtest.agents.temporal.internal;

import dev.crashtest.agents.TaskRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One task as a Temporal workflow: its id is the task's id, its input the task as submitted (the user token
 * included: activities need it for the token exchange), its result the task's result.
 *
 * <pre>{@code
 * TaskWorkflowType task = client.newWorkflowStub(TaskWorkflowType.class, "T-1");
 * task.status();          // "AWAITING_APPROVAL"
 * task.approve("alice");  // the signal the approval gate waits for
 * }</pre>
 */
@WorkflowInterface
public interface TaskWorkflowType {

  /** The workflow type's name in Temporal's history. */
  String NAME = "CrashtestTask";

  @WorkflowMethod(name = NAME)
  String run(TaskRequest request);

  /** Releases the approval gate; ignored when the task is not waiting there. */
  @SignalMethod(name = "approve")
  void approve(String approver);

  /** The task's {@link dev.crashtest.agents.TaskStatus} while it runs: RUNNING or AWAITING_APPROVAL. */
  @QueryMethod(name = "status")
  String status();
}
