package dev.crashtest.agents.dbos.internal;

/**
 * The durable workflow of one task, as DBOS sees it: {@link dev.dbos.transact.DBOS#registerProxy} wraps an
 * implementation ({@link DbosProcurementWorkflow}) in a proxy that checkpoints every call. The workflow id is the
 * task id; the arguments are stored with it, so a recovered workflow has everything it needs.
 *
 * <pre>{@code
 * ProcurementWorkflow proxy = dbos.registerProxy(ProcurementWorkflow.class, new DbosProcurementWorkflow(dbos, agent));
 * dbos.startWorkflow(() -> proxy.run("T-1", goal, userToken), new StartWorkflowOptions("T-1"));
 * }</pre>
 */
public interface ProcurementWorkflow {

  /** Runs the task to its result; an exception's message becomes the task's {@code error}. */
  String run(String taskId, String goal, String userToken) throws Exception;
}
