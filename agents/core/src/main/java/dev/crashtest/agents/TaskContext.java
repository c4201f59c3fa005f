package dev.crashtest.agents;

import java.util.concurrent.Callable;

/**
 * What a {@link TaskWorkflow} may ask of the durability layer while it runs one task.
 *
 * <p>Every model call and every tool call goes through {@link #step(String, Callable)}. The runtime decides
 * what a step means: the naive runtime simply runs it; a durable runtime (Temporal, Restate, DBOS) records its
 * result and, after a crash, answers a step that already completed from its record instead of running it again.
 * Step names are therefore deterministic: the same task reaches the same names in the same order.
 *
 * <pre>{@code
 * String account = context.step("tool/1/get_account", () -> crm.get("/accounts/ACME-001"));
 * String answer = context.step(StepCall.model("model/1", conversationJson), () -> model.next(conversation));
 * String approver = context.awaitApproval();
 * }</pre>
 */
public interface TaskContext {

  /** The task as submitted. */
  TaskRequest request();

  /**
   * Runs one step of the task and returns its result (a JSON string), or its recorded result when a durable
   * runtime has seen the step complete before.
   *
   * @param name a name unique within the task, e.g. {@code model/3} or {@code tool/2/create_quote}
   * @param action the side effect; its result must be a string the runtime can store
   */
  String step(String name, Callable<String> action) throws Exception;

  /**
   * Runs one step that is also described as data. A runtime that can run closures ignores the description: by
   * default this is {@link #step(String, Callable) step(call.name(), action)}. A runtime that cannot (Temporal
   * runs each step as an activity, perhaps in another process) ignores {@code action} and has the workflow's
   * {@link StepExecutor} run {@code call}, which must have the same effect and result.
   *
   * @param call the step as data; {@link StepCall#name()} is the step's name
   * @param action the same step as a closure
   */
  default String step(StepCall call, Callable<String> action) throws Exception {
    return step(call.name(), action);
  }

  /**
   * Whether the runtime is re-running the workflow's code only to rebuild its state from its record (Temporal
   * replays a workflow from its history, e.g. after a restart or to answer a query). The agent logic logs nothing
   * while replaying, so each event appears once in the log. {@code false} by default.
   */
  default boolean isReplaying() {
    return false;
  }

  /**
   * Sets the task to {@link TaskStatus#AWAITING_APPROVAL}, blocks until {@code POST /tasks/{id}/approve}
   * arrives, sets it back to {@link TaskStatus#RUNNING} and returns the approver.
   */
  String awaitApproval() throws InterruptedException;
}
