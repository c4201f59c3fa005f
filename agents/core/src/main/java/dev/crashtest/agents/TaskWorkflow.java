package dev.crashtest.agents;

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
}
