package dev.crashtest.agents.restate.internal;

import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskStatus;
import dev.crashtest.agents.TaskWorkflow;
import dev.restate.sdk.SharedWorkflowContext;
import dev.restate.sdk.WorkflowContext;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.annotation.Workflow;
import dev.restate.sdk.common.DurablePromiseKey;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.common.TerminalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task as a Restate workflow keyed by the task id. {@code run} runs the shared agent logic with a
 * {@link RestateTaskContext}: every step a journaled {@code ctx.run}, the approval gate a durable promise. The task's
 * status lives in the workflow's state, so the shared handlers answer from Restate, whichever agent process asks.
 *
 * <p>Example (no quotes here: Restate's annotation processor copies this comment into generated code):
 * <pre>{@code
 * Endpoint endpoint = Endpoint.bind(new ProcurementWorkflow(agentLogic)).build();
 * // POST <ingress>/CrashtestProcurement/T-1/run/send   starts the task
 * // POST <ingress>/CrashtestProcurement/T-1/status     answers its TaskState
 * // POST <ingress>/CrashtestProcurement/T-1/approve    resolves its approval gate
 * }</pre>
 */
@Workflow(name = ProcurementWorkflow.NAME)
public final class ProcurementWorkflow {
  public static final String NAME = "CrashtestProcurement";
  static final StateKey<String> STATUS = StateKey.of("status", String.class);
  static final StateKey<String> RESULT = StateKey.of("result", String.class);
  static final StateKey<String> ERROR = StateKey.of("error", String.class);
  /** The durable promise the task waits on, while it waits. */
  static final StateKey<String> GATE = StateKey.of("approval-gate", String.class);
  private static final Logger LOG = LoggerFactory.getLogger(ProcurementWorkflow.class);

  /** What {@link #approve} answers: the names of {@code ApprovalResult.Outcome}. */
  public static final String APPROVED = "APPROVED";
  public static final String UNKNOWN_TASK = "UNKNOWN_TASK";
  public static final String NOT_AWAITING_APPROVAL = "NOT_AWAITING_APPROVAL";

  private final TaskWorkflow logic;

  public ProcurementWorkflow(TaskWorkflow logic) {
    this.logic = logic;
  }

  @Workflow
  public String run(WorkflowContext ctx, TaskInput input) {
    String taskId = ctx.key();
    ctx.set(STATUS, TaskStatus.RUNNING.name());
    try {
      String result = logic.run(new RestateTaskContext(ctx, new TaskRequest(taskId, input.goal(), input.userToken())));
      ctx.set(RESULT, result);
      ctx.set(STATUS, TaskStatus.COMPLETED.name());
      LOG.info("task={} status=COMPLETED", taskId);
      return result;
    } catch (Exception e) {
      if (isRestateInternal(e)) {
        throw (RuntimeException) e;
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      ctx.set(ERROR, why);
      ctx.set(STATUS, TaskStatus.FAILED.name());
      LOG.warn("task={} status=FAILED error={}", taskId, why);
      throw new TerminalException(why);
    }
  }

  /**
   * The SDK's own exceptions (a protocol error, a journal mismatch) are not the task's failure: Restate retries the
   * invocation instead. A {@link TerminalException} raised by the task's logic is the task's failure.
   */
  static boolean isRestateInternal(Exception e) {
    return e instanceof RuntimeException && !(e instanceof TerminalException)
        && e.getClass().getName().startsWith("dev.restate.");
  }

  @Shared
  public TaskState status(SharedWorkflowContext ctx) {
    return ctx.get(STATUS)
        .map(status -> new TaskState(status, ctx.get(RESULT).orElse(null), ctx.get(ERROR).orElse(null)))
        .orElse(TaskState.unknown());
  }

  @Shared
  public String approve(SharedWorkflowContext ctx, String approver) {
    String status = ctx.get(STATUS).orElse(null);
    if (status == null) {
      return UNKNOWN_TASK;
    }
    String gate = ctx.get(GATE).orElse(null);
    if (!TaskStatus.AWAITING_APPROVAL.name().equals(status) || gate == null) {
      return NOT_AWAITING_APPROVAL;
    }
    try {
      ctx.promiseHandle(DurablePromiseKey.of(gate, String.class)).resolve(approver);
    } catch (TerminalException | IllegalStateException alreadyResolved) {
      return NOT_AWAITING_APPROVAL;
    }
    LOG.info("task={} approved by={} status=RUNNING", ctx.key(), approver);
    return APPROVED;
  }
}
