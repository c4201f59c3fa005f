package dev.crashtest.agents.dbos.internal;

import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskWorkflow;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared agent logic ({@link TaskWorkflow}) as a DBOS {@code @Workflow}. DBOS runs this method once when the
 * task starts and again after every restart that finds the workflow pending; on a rerun the steps that completed
 * answer from their records ({@link DbosTaskContext}), so only the unfinished step runs again.
 *
 * <p>Recovery matches the workflow's name, the executor id and the application version: never rename this
 * workflow, and change {@link DbosTaskRuntime#APP_VERSION} when its logic changes incompatibly.
 *
 * <pre>{@code
 * ProcurementWorkflow proxy = dbos.registerProxy(ProcurementWorkflow.class, new DbosProcurementWorkflow(dbos, agent));
 * }</pre>
 */
public final class DbosProcurementWorkflow implements ProcurementWorkflow {
  static final String NAME = "crashtest-procurement";
  private static final Logger LOG = LoggerFactory.getLogger(DbosProcurementWorkflow.class);

  private final DBOS dbos;
  private final TaskWorkflow agent;

  public DbosProcurementWorkflow(DBOS dbos, TaskWorkflow agent) {
    this.dbos = dbos;
    this.agent = agent;
  }

  @Override
  @Workflow(name = NAME)
  public String run(String taskId, String goal, String userToken) throws Exception {
    LOG.info("task={} workflow running runtime=dbos", taskId);
    try {
      String result = agent.run(new DbosTaskContext(dbos, new TaskRequest(taskId, goal, userToken)));
      LOG.info("task={} status=COMPLETED", taskId);
      return result;
    } catch (Exception e) {
      if (e instanceof InterruptedException || TaskFailedException.isDbosOwn(e)) {
        throw e; // DBOS is stopping or cancelled the workflow: nothing for the task to record
      }
      TaskFailedException failure = TaskFailedException.of(e);
      LOG.warn("task={} status=FAILED error={}", taskId, failure.getMessage());
      throw failure;
    }
  }
}
