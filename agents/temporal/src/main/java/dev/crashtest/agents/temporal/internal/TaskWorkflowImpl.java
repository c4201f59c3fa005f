package dev.crashtest.agents.temporal.internal;

import dev.crashtest.agents.StepCall;
import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskStatus;
import dev.crashtest.agents.TaskWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.concurrent.Callable;
import org.slf4j.Logger;

/**
 * Runs the shared agent logic ({@link TaskWorkflow}) as Temporal workflow code. Each step becomes a
 * {@link StepActivities} call carrying the step's {@link StepCall} (the closure is never run here: workflow code
 * must not make side effects); the approval gate is a durable {@link Workflow#await} on the {@code approve}
 * signal. A task that throws fails the workflow with the exception's message, the task's {@code error}.
 *
 * <pre>{@code
 * worker.registerWorkflowImplementationFactory(TaskWorkflowType.class, () -> new TaskWorkflowImpl(agent));
 * }</pre>
 */
public final class TaskWorkflowImpl implements TaskWorkflowType {
  /** The failure type of a failed task, as the runtime reads it back. */
  public static final String TASK_FAILED = "TaskFailed";
  private static final Logger LOG = Workflow.getLogger(TaskWorkflowImpl.class);

  private final TaskWorkflow workflow;
  private TaskStatus status = TaskStatus.RUNNING;
  private String approver;

  public TaskWorkflowImpl(TaskWorkflow workflow) {
    this.workflow = workflow;
  }

  @Override
  public String run(TaskRequest request) {
    StepActivities steps = Workflow.newActivityStub(StepActivities.class, TemporalSettings.stepOptions());
    try {
      String result = workflow.run(new Context(request, steps));
      LOG.info("task={} status=COMPLETED", request.taskId());
      return result;
    } catch (Exception e) {
      String why = reason(e);
      LOG.warn("task={} status=FAILED error={}", request.taskId(), why);
      throw ApplicationFailure.newNonRetryableFailure(why, TASK_FAILED);
    }
  }

  /** The message the naive runtime would report: a failed step's own message, not Temporal's wrapping. */
  static String reason(Throwable e) {
    if (e instanceof ActivityFailure && e.getCause() instanceof ApplicationFailure cause) {
      return cause.getOriginalMessage();
    }
    if (e instanceof ApplicationFailure failure) {
      return failure.getOriginalMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void approve(String who) {
    if (status == TaskStatus.AWAITING_APPROVAL && approver == null) {
      approver = who;
    }
  }

  @Override
  public String status() {
    return status.name();
  }

  private final class Context implements TaskContext {
    private final TaskRequest request;
    private final StepActivities steps;

    Context(TaskRequest request, StepActivities steps) {
      this.request = request;
      this.steps = steps;
    }

    @Override
    public TaskRequest request() {
      return request;
    }

    @Override
    public String step(String name, Callable<String> action) {
      throw new IllegalStateException("step [" + name + "] is a closure, which cannot run as a Temporal activity;"
          + " describe it as data: context.step(StepCall.tool(name, inputJson), action)");
    }

    @Override
    public String step(StepCall call, Callable<String> action) {
      return steps.run(request, call);
    }

    @Override
    public boolean isReplaying() {
      return Workflow.isReplaying();
    }

    @Override
    public String awaitApproval() {
      approver = null;
      status = TaskStatus.AWAITING_APPROVAL;
      LOG.info("task={} status=AWAITING_APPROVAL", request.taskId());
      Workflow.await(() -> approver != null);
      status = TaskStatus.RUNNING;
      LOG.info("task={} approved status=RUNNING", request.taskId());
      return approver;
    }
  }
}
