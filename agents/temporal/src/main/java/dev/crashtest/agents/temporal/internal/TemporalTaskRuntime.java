package dev.crashtest.agents.temporal.internal;

import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.StepExecutor;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskSnapshot;
import dev.crashtest.agents.TaskStatus;
import dev.crashtest.agents.TaskWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks as Temporal workflows. The agent process hosts the worker, so killing the agent kills the worker while
 * the history stays with the platform; the next agent process resumes every unfinished task. The runtime keeps
 * no state of its own: {@link #find} asks Temporal (describe, then the {@code status} query), so a new process
 * knows every task an earlier one started.
 *
 * <pre>{@code
 * TaskRuntime runtime = TemporalTaskRuntime.start(stubs, agent, agent.stepExecutor().orElseThrow(), stubs::shutdownNow);
 * runtime.submit(new TaskRequest("T-1", goal, userToken)); // starts workflow T-1 unless it exists
 * }</pre>
 */
public final class TemporalTaskRuntime implements TaskRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(TemporalTaskRuntime.class);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final StepActivitiesImpl activities;
  private final Runnable afterClose;

  private TemporalTaskRuntime(WorkflowServiceStubs stubs, WorkflowClient client, WorkerFactory workers,
      StepActivitiesImpl activities, Runnable afterClose) {
    this.stubs = stubs;
    this.client = client;
    this.workers = workers;
    this.activities = activities;
    this.afterClose = afterClose;
  }

  /**
   * Registers the workflow and its steps on {@link TemporalSettings#TASK_QUEUE} and starts polling.
   *
   * @param afterClose runs last in {@link #close()}, e.g. {@code stubs::shutdownNow} when the runtime owns them
   */
  public static TemporalTaskRuntime start(WorkflowServiceStubs stubs, TaskWorkflow workflow, StepExecutor executor,
      Runnable afterClose) {
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(TemporalSettings.NAMESPACE).build());
    WorkerFactory workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(TemporalSettings.TASK_QUEUE, TemporalSettings.workerOptions());
    worker.registerWorkflowImplementationFactory(TaskWorkflowType.class, () -> new TaskWorkflowImpl(workflow));
    StepActivitiesImpl activities = new StepActivitiesImpl(executor);
    worker.registerActivitiesImplementations(activities);
    workers.start();
    return new TemporalTaskRuntime(stubs, client, workers, activities, afterClose);
  }

  @Override
  public String name() {
    return "temporal";
  }

  @Override
  public TaskSnapshot submit(TaskRequest request) {
    TaskWorkflowType task = client.newWorkflowStub(TaskWorkflowType.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.taskId())
        .setTaskQueue(TemporalSettings.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowTaskTimeout(TemporalSettings.WORKFLOW_TASK_TIMEOUT)
        .build());
    try {
      WorkflowClient.start(task::run, request);
      LOG.info("task={} status=RUNNING runtime=temporal", request.taskId());
      return TaskSnapshot.of(request.taskId(), TaskStatus.RUNNING);
    } catch (WorkflowExecutionAlreadyStarted e) {
      TaskSnapshot known = find(request.taskId()).orElse(TaskSnapshot.of(request.taskId(), TaskStatus.RUNNING));
      LOG.info("task={} duplicate submission ignored status={}", request.taskId(), known.status());
      return known;
    }
  }

  @Override
  public Optional<TaskSnapshot> find(String taskId) {
    WorkflowExecutionStatus status;
    try {
      status = stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(TemporalSettings.NAMESPACE)
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(taskId))
              .build())
          .getWorkflowExecutionInfo().getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> TaskSnapshot.of(taskId, queryStatus(taskId));
      case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
          TaskSnapshot.completed(taskId, client.newUntypedWorkflowStub(taskId).getResult(String.class));
      case WORKFLOW_EXECUTION_STATUS_FAILED -> TaskSnapshot.failed(taskId, failure(taskId));
      default -> TaskSnapshot.failed(taskId, "the workflow ended " + status.name()
          .replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT));
    });
  }

  /** RUNNING or AWAITING_APPROVAL, from the workflow; RUNNING while no worker answers (e.g. just restarted). */
  private TaskStatus queryStatus(String taskId) {
    try {
      return TaskStatus.valueOf(client.newWorkflowStub(TaskWorkflowType.class, taskId).status());
    } catch (WorkflowException | StatusRuntimeException e) {
      LOG.info("task={} status query unanswered ({}); reporting RUNNING", taskId, e.getClass().getSimpleName());
      return TaskStatus.RUNNING;
    }
  }

  private String failure(String taskId) {
    try {
      client.newUntypedWorkflowStub(taskId).getResult(String.class);
      return "the workflow failed";
    } catch (WorkflowException e) {
      return TaskWorkflowImpl.reason(e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public ApprovalResult approve(String taskId, String approver) {
    Optional<TaskSnapshot> task = find(taskId);
    if (task.isEmpty()) {
      return ApprovalResult.unknownTask();
    }
    if (task.get().status() != TaskStatus.AWAITING_APPROVAL) {
      return ApprovalResult.notAwaitingApproval(task.get());
    }
    client.newWorkflowStub(TaskWorkflowType.class, taskId).approve(approver);
    LOG.info("task={} approved status=RUNNING", taskId);
    return ApprovalResult.approved(TaskSnapshot.of(taskId, TaskStatus.RUNNING));
  }

  @Override
  public void close() {
    workers.shutdownNow();
    workers.awaitTermination(2, TimeUnit.SECONDS);
    activities.close();
    afterClose.run();
  }
}
