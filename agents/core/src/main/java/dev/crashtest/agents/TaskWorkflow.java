package dev.crashtest.agents;

import java.util.Optional;

/**
 * The agent logic of one task, written once and shared by every durability layer.
 *
 * <p>A workflow returns the task's result ({@link TaskStatus#COMPLETED}) or throws: the exception's message
 * becomes the task's {@code error} ({@link TaskStatus#FAILED}).
 *
 * <pre>{@code
 * TaskWorkflow echo = context -> context.step("model/1", () -> "\"" + context.request().goal() + "\"");
 * TaskRuntime runtime = TaskRuntimes.create("naive", echo);
 * }</pre>
 */
@FunctionalInterface
public interface TaskWorkflow {

  String run(TaskContext context) throws Exception;

  /**
   * What runs this workflow's steps from their {@link StepCall descriptions}, for runtimes that cannot run the
   * closures given to {@link TaskContext#step(StepCall, java.util.concurrent.Callable)}; empty (the default) when
   * the workflow describes no steps as data, and such runtimes then refuse it.
   */
  default Optional<StepExecutor> stepExecutor() {
    return Optional.empty();
  }
}
