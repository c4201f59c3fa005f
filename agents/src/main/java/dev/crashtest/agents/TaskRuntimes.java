package dev.crashtest.agents;

import dev.crashtest.agents.runtime.NaiveTaskRuntime;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes a {@link TaskRuntime} by the name given to {@code --runtime}.
 *
 * <pre>{@code
 * TaskRuntime runtime = TaskRuntimes.create("naive", workflow, Path.of(System.getenv("HARNESS_STATE_DIR")));
 * }</pre>
 */
public final class TaskRuntimes {

  /** The names {@link #create} knows, in the order they are listed to the user. */
  public static final List<String> KNOWN = List.of("naive");

  private TaskRuntimes() {}

  /**
   * Creates the named runtime.
   *
   * @param stateDir the directory that survives restarts; the naive runtime ignores it
   * @throws IllegalArgumentException naming the unknown runtime and the known ones
   */
  public static TaskRuntime create(String name, TaskWorkflow workflow, Path stateDir) {
    if ("naive".equals(name)) {
      return new NaiveTaskRuntime(workflow);
    }
    throw new IllegalArgumentException(
        "unknown runtime [" + name + "]; known runtimes: " + String.join(", ", KNOWN)
            + " (for example: --runtime naive)");
  }
}
