package dev.crashtest.agents.restate.internal;

import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskSnapshot;
import dev.crashtest.agents.TaskStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks as Restate workflows. The agent process keeps nothing: {@code submit} sends the workflow's {@code run}
 * (Restate starts a key once), {@code find} and {@code approve} call the workflow's shared handlers, so a restarted
 * agent knows every task Restate knows.
 *
 * <pre>{@code
 * TaskRuntime runtime = new RestateTaskRuntime(restate, endpoint);
 * runtime.submit(new TaskRequest("T-1", goal, userToken));
 * }</pre>
 */
public final class RestateTaskRuntime implements TaskRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(RestateTaskRuntime.class);

  private final RestateClient restate;
  private final AutoCloseable endpoint;

  public RestateTaskRuntime(RestateClient restate, AutoCloseable endpoint) {
    this.restate = restate;
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "restate";
  }

  @Override
  public TaskSnapshot submit(TaskRequest request) {
    boolean started = restate.start(request.taskId(), new TaskInput(request.goal(), request.userToken()));
    if (started) {
      LOG.info("task={} status=RUNNING runtime=restate", request.taskId());
    }
    TaskSnapshot now = find(request.taskId()).orElse(TaskSnapshot.of(request.taskId(), TaskStatus.RUNNING));
    if (!started) {
      LOG.info("task={} duplicate submission ignored status={}", request.taskId(), now.status());
    }
    return now;
  }

  @Override
  public Optional<TaskSnapshot> find(String taskId) {
    TaskState state = restate.status(taskId);
    if (TaskState.UNKNOWN.equals(state.status())) {
      // Accepted but not yet run (e.g. the agent died right after sending it): Restate still holds it.
      return restate.outputStatus(taskId).map(status -> TaskSnapshot.of(taskId, TaskStatus.RUNNING));
    }
    TaskStatus status = TaskStatus.valueOf(state.status());
    return Optional.of(new TaskSnapshot(taskId, status,
        status == TaskStatus.COMPLETED ? state.result() : null,
        status == TaskStatus.FAILED ? state.error() : null));
  }

  @Override
  public ApprovalResult approve(String taskId, String approver) {
    String outcome = restate.approve(taskId, approver);
    if (ProcurementWorkflow.APPROVED.equals(outcome)) {
      return ApprovalResult.approved(TaskSnapshot.of(taskId, TaskStatus.RUNNING));
    }
    return find(taskId).map(ApprovalResult::notAwaitingApproval).orElseGet(ApprovalResult::unknownTask);
  }

  @Override
  public void close() {
    try {
      endpoint.close();
    } catch (Exception e) {
      LOG.warn("the Restate endpoint did not stop cleanly: {}", e.toString());
    }
  }
}
