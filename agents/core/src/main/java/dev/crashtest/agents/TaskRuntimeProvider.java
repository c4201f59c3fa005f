package dev.crashtest.agents;

import java.nio.file.Path;
import java.util.Map;

/**
 * A durability layer the agent can run on, found with {@link java.util.ServiceLoader}: a runtime module
 * (Temporal, Restate, DBOS) lists its provider in {@code META-INF/services/dev.crashtest.agents.TaskRuntimeProvider}
 * and is selected with {@code --runtime NAME} when it is on the class path.
 *
 * <pre>{@code
 * public final class TemporalRuntimeProvider implements TaskRuntimeProvider {
 *   public String name() { return "temporal"; }
 *   public TaskRuntime create(TaskWorkflow workflow, Path stateDir, Map<String, String> env) { ... }
 * }
 * }</pre>
 */
public interface TaskRuntimeProvider {

  /** The name given to {@code --runtime}. */
  String name();

  /**
   * Creates the runtime. {@code environment} is the agent's process environment; durable runtimes read where
   * their platform is from {@code CRASHTEST_PLATFORM_ADDRESS} (and {@code CRASHTEST_PLATFORM_ADMIN_ADDRESS}).
   *
   * @throws IllegalArgumentException with a one-line message when the environment lacks what the runtime needs
   */
  TaskRuntime create(TaskWorkflow workflow, Path stateDir, Map<String, String> environment);
}
