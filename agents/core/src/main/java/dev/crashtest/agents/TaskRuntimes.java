package dev.crashtest.agents;

import dev.crashtest.agents.runtime.NaiveTaskRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes a {@link TaskRuntime} by the name given to {@code --runtime}: {@code naive} is built in; durable
 * runtimes come from {@link TaskRuntimeProvider}s on the class path.
 *
 * <pre>{@code
 * TaskRuntime runtime = TaskRuntimes.create("naive", workflow, Path.of(System.getenv("HARNESS_STATE_DIR")));
 * }</pre>
 */
public final class TaskRuntimes {

  private TaskRuntimes() {}

  /** The names {@link #create} knows on this class path, {@code naive} first. */
  public static List<String> known() {
    List<String> names = new ArrayList<>(List.of("naive"));
    ServiceLoader.load(TaskRuntimeProvider.class).forEach(provider -> names.add(provider.name()));
    return names;
  }

  /** As {@link #create(String, TaskWorkflow, Path, Map)} with this process's environment. */
  public static TaskRuntime create(String name, TaskWorkflow workflow, Path stateDir) {
    return create(name, workflow, stateDir, System.getenv());
  }

  /**
   * Creates the named runtime.
   *
   * @param stateDir the directory that survives restarts; the naive runtime ignores it
   * @throws IllegalArgumentException naming the unknown runtime and the known ones
   */
  public static TaskRuntime create(String name, TaskWorkflow workflow, Path stateDir, Map<String, String> env) {
    if ("naive".equals(name)) {
      return new NaiveTaskRuntime(workflow);
    }
    for (TaskRuntimeProvider provider : ServiceLoader.load(TaskRuntimeProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.create(workflow, stateDir, env);
      }
    }
    throw new IllegalArgumentException(
        "unknown runtime [" + name + "]; known runtimes on this class path: " + String.join(", ", known())
            + " (for example: --runtime naive)");
  }
}
