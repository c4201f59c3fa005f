package dev.crashtest.agents.dbos.internal;

import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskSnapshot;
import dev.crashtest.agents.TaskStatus;
import dev.crashtest.agents.TaskWorkflow;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.WorkflowStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks as DBOS workflows: one workflow per task, its id the task id, its state in PostgreSQL. Nothing about a task
 * lives only in this process: after a restart {@link #find} reads the workflow's status from DBOS's system database,
 * and {@code dbos.launch()} has already resumed every workflow this executor left pending.
 *
 * <p>Reads of the status have a deadline ({@value #READ_DEADLINE_MILLIS} ms): while PostgreSQL is down DBOS retries
 * forever, so {@link #find} answers the last status it read instead of hanging the control API.
 *
 * <pre>{@code
 * try (DbosTaskRuntime runtime = DbosTaskRuntime.launch(agent, PlatformAddress.parse("127.0.0.1:41010"), "agent-1")) {
 *   runtime.submit(new TaskRequest("T-1", goal, userToken));
 * }
 * }</pre>
 */
public final class DbosTaskRuntime implements TaskRuntime {
  /** The DBOS application version: recovery resumes only workflows started under the same version. */
  public static final String APP_VERSION = "crashtest-procurement-1";
  static final long READ_DEADLINE_MILLIS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(DbosTaskRuntime.class);

  private final DBOS dbos;
  private final ProcurementWorkflow workflows;
  private final PlatformAddress address;
  private final ExecutorService reads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "dbos-status-read");
    thread.setDaemon(true);
    return thread;
  });
  private final ConcurrentMap<String, CompletableFuture<Optional<TaskState>>> readsInFlight = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, TaskState> lastRead = new ConcurrentHashMap<>();
  private final Set<String> approvalsSent = ConcurrentHashMap.newKeySet();

  private DbosTaskRuntime(DBOS dbos, ProcurementWorkflow workflows, PlatformAddress address) {
    this.dbos = dbos;
    this.workflows = workflows;
    this.address = address;
  }

  /**
   * Connects to PostgreSQL, registers the workflow and launches DBOS, which resumes this executor's pending
   * workflows in the background.
   *
   * @param executorId the DBOS executor id; the same on every restart of this agent, so recovery finds its work
   */
  public static DbosTaskRuntime launch(TaskWorkflow agent, PlatformAddress address, String executorId) {
    DBOS dbos = new DBOS(DBOSConfig.defaults("crashtest-procurement")
        .withDatabaseUrl(address.jdbcUrl())
        .withDbUser(PlatformAddress.USER)
        .withDbPassword(PlatformAddress.PASSWORD)
        .withAppVersion(APP_VERSION)
        .withExecutorId(executorId));
    try {
      ProcurementWorkflow workflows =
          dbos.registerProxy(ProcurementWorkflow.class, new DbosProcurementWorkflow(dbos, agent));
      dbos.launch();
      LOG.info("dbos launched system-database={} executor={} version={}", address, executorId, APP_VERSION);
      return new DbosTaskRuntime(dbos, workflows, address);
    } catch (RuntimeException e) {
      dbos.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "dbos";
  }

  @Override
  public synchronized TaskSnapshot submit(TaskRequest request) {
    Optional<TaskSnapshot> known = find(request.taskId());
    if (known.isPresent()) {
      LOG.info("task={} duplicate submission ignored status={}", request.taskId(), known.get().status());
      return known.get();
    }
    String id = request.taskId();
    dbos.startWorkflow(() -> workflows.run(id, request.goal(), request.userToken()), new StartWorkflowOptions(id));
    LOG.info("task={} status=RUNNING runtime=dbos", id);
    TaskSnapshot running = TaskSnapshot.of(id, TaskStatus.RUNNING);
    lastRead.putIfAbsent(id, TaskState.of(running));
    return running;
  }

  @Override
  public Optional<TaskSnapshot> find(String taskId) {
    return state(taskId).map(TaskState::snapshot);
  }

  @Override
  public synchronized ApprovalResult approve(String taskId, String approver) {
    Optional<TaskState> state = state(taskId);
    if (state.isEmpty()) {
      return ApprovalResult.unknownTask();
    }
    TaskState task = state.get();
    if (task.snapshot().status() != TaskStatus.AWAITING_APPROVAL) {
      return ApprovalResult.notAwaitingApproval(task.snapshot());
    }
    String key = task.progress().approvalKey(taskId);
    dbos.send(taskId, approver, DbosTaskContext.APPROVAL_TOPIC, key);
    approvalsSent.add(key);
    LOG.info("task={} approval sent gate={}", taskId, task.progress().gate());
    return ApprovalResult.approved(TaskSnapshot.of(taskId, TaskStatus.RUNNING));
  }

  @Override
  public void close() {
    reads.shutdownNow();
    dbos.close();
  }

  /** The task as DBOS knows it, read within the deadline, else as last read; empty when DBOS does not know it. */
  private Optional<TaskState> state(String taskId) {
    CompletableFuture<Optional<TaskState>> read =
        readsInFlight.computeIfAbsent(taskId, id -> CompletableFuture.supplyAsync(() -> readState(id), reads));
    try {
      Optional<TaskState> state = read.get(READ_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
      readsInFlight.remove(taskId, read);
      state.ifPresent(known -> lastRead.put(taskId, known));
      return state;
    } catch (TimeoutException | ExecutionException e) {
      if (read.isDone()) {
        readsInFlight.remove(taskId, read);
      }
      TaskState known = lastRead.get(taskId);
      if (known != null) {
        return Optional.of(known);
      }
      throw new IllegalStateException("cannot read task [" + taskId + "] from the DBOS system database at ["
          + address + "] within " + READ_DEADLINE_MILLIS + " ms; is PostgreSQL up? (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading task [" + taskId + "]", e);
    }
  }

  private Optional<TaskState> readState(String taskId) {
    Optional<WorkflowStatus> found = dbos.getWorkflowStatus(taskId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    WorkflowStatus workflow = found.get();
    return Optional.of(switch (workflow.status()) {
      case SUCCESS -> TaskState.of(TaskSnapshot.completed(taskId, String.valueOf(workflow.output())));
      case ERROR -> TaskState.of(TaskSnapshot.failed(taskId,
          workflow.error() == null ? "the workflow failed" : workflow.error().message()));
      case CANCELLED -> TaskState.of(TaskSnapshot.failed(taskId, "the workflow was cancelled in DBOS"));
      case MAX_RECOVERY_ATTEMPTS_EXCEEDED -> TaskState.of(TaskSnapshot.failed(taskId,
          "DBOS gave up recovering the workflow after " + workflow.recoveryAttempts() + " attempts"));
      default -> pending(taskId);
    });
  }

  private TaskState pending(String taskId) {
    Optional<String> event = dbos.getEvent(taskId, TaskProgress.EVENT, Duration.ZERO);
    TaskProgress progress = TaskProgress.decode(event.orElse(null));
    if (progress.status() == TaskStatus.AWAITING_APPROVAL && approvalsSent.contains(progress.approvalKey(taskId))) {
      progress = TaskProgress.running(progress.gate()); // approved; the workflow has not taken the message yet
    }
    return new TaskState(TaskSnapshot.of(taskId, progress.status()), progress);
  }

  /** A snapshot plus the approval gate it is at. */
  private record TaskState(TaskSnapshot snapshot, TaskProgress progress) {
    static TaskState of(TaskSnapshot snapshot) {
      return new TaskState(snapshot, TaskProgress.running(0));
    }
  }
}
