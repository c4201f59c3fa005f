package dev.crashtest.agents.dbos.internal;

import dev.crashtest.agents.TaskContext;
import dev.crashtest.agents.TaskRequest;
import dev.dbos.transact.DBOS;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@link TaskContext} inside a DBOS workflow. A step is {@code dbos.runStep}: its result is checkpointed
 * in PostgreSQL before the workflow goes on, and a rerun after a crash answers it from the checkpoint. The approval
 * gate is durable too: the task's progress is a DBOS event ({@link TaskProgress}) that {@code GET /tasks/{id}} reads,
 * and the approval is a DBOS message on topic {@value #APPROVAL_TOPIC} that {@code dbos.recv} waits for.
 *
 * <pre>{@code
 * String answer = context.step("model/1", () -> model.next(conversation)); // recorded, never run twice
 * String approver = context.awaitApproval();                                  // survives restarts while waiting
 * }</pre>
 */
final class DbosTaskContext implements TaskContext {
  static final String APPROVAL_TOPIC = "approval";
  /** How long one {@code recv} waits before the next; each wait is a checkpoint of its own. */
  static final Duration APPROVAL_WAIT = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(DbosTaskContext.class);

  private final DBOS dbos;
  private final TaskRequest request;
  private int gate;

  DbosTaskContext(DBOS dbos, TaskRequest request) {
    this.dbos = dbos;
    this.request = request;
  }

  @Override
  public TaskRequest request() {
    return request;
  }

  @Override
  public String step(String name, Callable<String> action) throws Exception {
    return dbos.runStep(() -> {
      try {
        return action.call();
      } catch (Exception e) {
        throw e instanceof InterruptedException || TaskFailedException.isDbosOwn(e) ? e : TaskFailedException.of(e);
      }
    }, name);
  }

  @Override
  public String awaitApproval() {
    gate++;
    dbos.setEvent(TaskProgress.EVENT, TaskProgress.awaitingApproval(gate).encode());
    LOG.info("task={} status=AWAITING_APPROVAL", request.taskId());
    Optional<String> approver = Optional.empty();
    while (approver.isEmpty()) {
      approver = dbos.recv(APPROVAL_TOPIC, APPROVAL_WAIT);
    }
    dbos.setEvent(TaskProgress.EVENT, TaskProgress.running(gate).encode());
    LOG.info("task={} approved status=RUNNING", request.taskId());
    return approver.get();
  }
}
