package dev.crashtest.agents;

import java.util.Objects;

/**
 * One step of a task described as data instead of a closure, so that a runtime which cannot ship a closure can
 * record the step, hand it to another thread or process, and have the workflow's {@link StepExecutor} run it.
 * Temporal is such a runtime: every step is an activity, and after a crash the in-flight activity runs again in a
 * new agent process, from its recorded input alone.
 *
 * <pre>{@code
 * StepCall call = StepCall.tool("tool/2/create_quote",
 *     "{\"step\":2,\"tool\":\"create_quote\",\"arguments\":\"{...}\"}");
 * String result = context.step(call, () -> tools.execute(toolCall, tokens)); // the closure for runtimes that run it
 * }</pre>
 *
 * @param kind whether the step calls the model or a tool
 * @param name the step's deterministic name, as given to {@link TaskContext#step(String, java.util.concurrent.Callable)}
 * @param input everything the step needs besides the task itself, as JSON; never a token or secret
 */
public record StepCall(Kind kind, String name, String input) {

  /** What a step calls. */
  public enum Kind {
    /** One chat completion: the input is the conversation so far. */
    MODEL,
    /** One tool call: the input names the tool, its step number and its arguments. */
    TOOL
  }

  public StepCall {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
  }

  /** A model call named {@code name} (e.g. {@code model/3}) on the conversation {@code input}. */
  public static StepCall model(String name, String input) {
    return new StepCall(Kind.MODEL, name, input);
  }

  /** A tool call named {@code name} (e.g. {@code tool/2/create_quote}) described by {@code input}. */
  public static StepCall tool(String name, String input) {
    return new StepCall(Kind.TOOL, name, input);
  }
}
