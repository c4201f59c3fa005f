package dev.crashtest.agents.runtime;

import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskSnapshot;
import dev.crashtest.agents.TaskStatus;
import dev.crashtest.agents.TaskWorkflow;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliberately fragile baseline: tasks and their progress live in memory only. Each task runs on its own
 * thread; a step is simply run, never recorded. After a restart the runtime knows nothing of earlier tasks
 * ({@code GET /tasks/{id}} answers 404) and resumes nothing, so a crash loses work, and a resubmitted task
 * starts from its first step again (only the CRM's idempotency keys then prevent duplicate writes).
 *
 * <pre>{@code
 * TaskRuntime runtime = new NaiveTaskRuntime(workflow);
 * runtime.submit(new TaskRequest("T-1", goal, userToken));
 * }</pre>
 */
public final class NaiveTaskRuntime implements TaskRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(NaiveTaskRuntime.class);

  private final TaskWorkflow workflow;
  private final ConcurrentMap<String, TaskState> tasks = new ConcurrentHashMap<>();
  private final ExecutorService threads;

  public NaiveTaskRuntime(TaskWorkflow workflow) {
    this.workflow = workflow;
    AtomicInteger counter = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "task-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public TaskSnapshot submit(TaskRequest request) {
    TaskState fresh = new TaskState(request.taskId());
    TaskState known = tasks.putIfAbsent(request.taskId(), fresh);
    if (known != null) {
      LOG.info("task={} duplicate submission ignored status={}", request.taskId(), known.snapshot().status());
      return known.snapshot();
    }
    LOG.info("task={} status=RUNNING runtime=naive", request.taskId());
    threads.execute(() -> run(request, fresh));
    return fresh.snapshot();
  }

  private void run(TaskRequest request, TaskState state) {
    try {
      String result = workflow.run(new NaiveContext(request, state));
      state.complete(result);
      LOG.info("task={} status=COMPLETED", request.taskId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.fail("interrupted: the agent is shutting down");
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      state.fail(why);
      LOG.warn("task={} status=FAILED error={}", request.taskId(), why);
    }
  }

  @Override
  public Optional<TaskSnapshot> find(String taskId) {
    return Optional.ofNullable(tasks.get(taskId)).map(TaskState::snapshot);
  }

  @Override
  public ApprovalResult approve(String taskId, String approver) {
    TaskState state = tasks.get(taskId);
    if (state == null) {
      return ApprovalResult.unknownTask();
    }
    if (!state.approve(approver)) {
      return ApprovalResult.notAwaitingApproval(state.snapshot());
    }
    LOG.info("task={} approved status=RUNNING", taskId);
    return ApprovalResult.approved(state.snapshot());
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  private static final class NaiveContext implements TaskContext {
    private final TaskRequest request;
    private final TaskState state;

    NaiveContext(TaskRequest request, TaskState state) {
      this.request = request;
      this.state = state;
    }

    @Override
    public TaskRequest request() {
      return request;
    }

    @Override
    public String step(String name, Callable<String> action) throws Exception {
      return action.call();
    }

    @Override
    public String awaitApproval() throws InterruptedException {
      LOG.info("task={} status=AWAITING_APPROVAL", request.taskId());
      return state.awaitApproval();
    }
  }

  /** One task's state, guarded by its own monitor. */
  private static final class TaskState {
    private final String taskId;
    private TaskStatus status = TaskStatus.RUNNING;
    private String result;
    private String error;
    private String approver;

    TaskState(String taskId) {
      this.taskId = taskId;
    }

    synchronized TaskSnapshot snapshot() {
      return new TaskSnapshot(taskId, status, result, error);
    }

    synchronized void complete(String value) {
      status = TaskStatus.COMPLETED;
      result = value;
    }

    synchronized void fail(String why) {
      status = TaskStatus.FAILED;
      error = why;
    }

    synchronized String awaitApproval() throws InterruptedException {
      approver = null;
      status = TaskStatus.AWAITING_APPROVAL;
      while (approver == null) {
        wait();
      }
      return approver;
    }

    synchronized boolean approve(String who) {
      if (status != TaskStatus.AWAITING_APPROVAL) {
        return false;
      }
      approver = who;
      status = TaskStatus.RUNNING;
      notifyAll();
      return true;
    }
  }
}
