package dev.crashtest.agents.restate.internal;

import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskStatus;
import dev.restate.sdk.WorkflowContext;
import dev.restate.sdk.common.DurablePromiseKey;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskContext} of one workflow invocation. A step is {@code ctx.run(name, ...)}: Restate journals its
 * outcome and, when the invocation is replayed after a crash, answers a completed step from the journal without
 * running it. The approval gate is the durable promise {@code approval-N} (the task's N-th gate), resolved by the
 * workflow's shared {@code approve} handler.
 *
 * <pre>{@code
 * String account = new RestateTaskContext(ctx, request).step("tool/1/get_account", () -> crm.get(...));
 * }</pre>
 */
final class RestateTaskContext implements TaskContext {
  private static final Logger LOG = LoggerFactory.getLogger(RestateTaskContext.class);

  private final WorkflowContext ctx;
  private final TaskRequest request;
  private int gates;

  RestateTaskContext(WorkflowContext ctx, TaskRequest request) {
    this.ctx = ctx;
    this.request = request;
  }

  @Override
  public TaskRequest request() {
    return request;
  }

  @Override
  public String step(String name, Callable<String> action) throws StepFailedException {
    StepOutcome outcome = ctx.run(name, StepOutcome.class, () -> {
      try {
        return StepOutcome.ok(action.call());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e; // the agent is stopping: nothing to journal, the step runs again after the restart
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        return StepOutcome.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    });
    if (outcome.error() != null) {
      throw new StepFailedException(outcome.error());
    }
    return outcome.value();
  }

  @Override
  public String awaitApproval() {
    String gate = "approval-" + (++gates);
    ctx.set(ProcurementWorkflow.GATE, gate);
    ctx.set(ProcurementWorkflow.STATUS, TaskStatus.AWAITING_APPROVAL.name());
    LOG.info("task={} status=AWAITING_APPROVAL", request.taskId());
    String approver = ctx.promise(DurablePromiseKey.of(gate, String.class)).future().await();
    ctx.clear(ProcurementWorkflow.GATE);
    ctx.set(ProcurementWorkflow.STATUS, TaskStatus.RUNNING.name());
    return approver;
  }

  /** A step whose action failed; its message is the recorded reason, which becomes the task's error. */
  static final class StepFailedException extends Exception {
    StepFailedException(String reason) {
      super(reason);
    }
  }
}
