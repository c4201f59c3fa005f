package dev.crashtest.agents;

/**
 * Runs a {@link StepCall} for a task: the side effect behind a step described as data. A workflow that offers one
 * ({@link TaskWorkflow#stepExecutor()}) can run on runtimes that execute steps apart from the workflow's own
 * thread, e.g. as Temporal activities in whichever agent process polls for them.
 *
 * <pre>{@code
 * StepExecutor steps = workflow.stepExecutor().orElseThrow();
 * String answer = steps.execute(task, StepCall.model("model/1", conversationJson));
 * }</pre>
 */
@FunctionalInterface
public interface StepExecutor {

  /**
   * Runs the step and returns its result, the same string the step's closure would have returned.
   *
   * @param task the task the step belongs to; its user token is the subject of the token exchange
   * @throws Exception when the step fails after the workflow's own retries; the task then fails
   */
  String execute(TaskRequest task, StepCall call) throws Exception;
}
