package dev.crashtest.scenario;

import dev.crashtest.workload.Tool;
import dev.crashtest.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * The work an agent is given: a workload's goal for a user, every choice in it drawn from the run's seed. Procurement
 * is the reference workload.
 *
 * <pre>{@code
 * Task task = Task.procurement(new Random(42));
 * task.goal();   // "Buy 5 units of LAPTOP-14 for account ACME-001."
 * Task desk = Task.of(Workload.builtIn("support-desk").orElseThrow(), new Random(42));
 * }</pre>
 */
public final class Task {
  private final String taskId;
  private final String user;
  private final String goal;
  private final List<String> writeTools;
  private final Map<String, String> toolScopes;

  private Task(String taskId, String user, String goal, List<String> writeTools, Map<String, String> toolScopes) {
    this.taskId = Objects.requireNonNull(taskId);
    this.user = Objects.requireNonNull(user);
    this.goal = Objects.requireNonNull(goal);
    this.writeTools = List.copyOf(writeTools);
    this.toolScopes = new TreeMap<>(toolScopes);
  }

  /** A procurement task for user {@code alice}, every choice drawn from {@code random}. */
  public static Task procurement(Random random) {
    return of(Workloads.PROCUREMENT, random);
  }

  /** A task of {@code workload} for user {@code alice}: its id, then each of the goal's choices, from {@code random}. */
  public static Task of(Workload workload, Random random) {
    String taskId = String.format("task-%08x", random.nextInt());
    Map<String, String> scopes = new TreeMap<>();
    workload.tools().stream().filter(tool -> tool.scope() != null)
        .forEach(tool -> scopes.put(tool.name(), tool.scope()));
    return new Task(taskId, "alice", workload.goal(random),
        workload.tools().stream().filter(Tool::isWrite).map(Tool::name).toList(), scopes);
  }

  /** The built-in procurement workload, read once. */
  private static final class Workloads {
    static final Workload PROCUREMENT = Workload.procurement();
  }

  public String taskId() {
    return taskId;
  }

  public String user() {
    return user;
  }

  /**
   * The tools whose call is a write, as {@code submit_task} declares them, so that the checkers know a write the agent
   * never made (requested-writes).
   */
  List<String> writeTools() {
    return writeTools;
  }

  /** The scope each tool needs, as {@code submit_task} declares it beside {@link #writeTools()}. */
  Map<String, String> toolScopes() {
    return toolScopes;
  }

  /** The sentence the agent receives, e.g. {@code Buy 5 units of LAPTOP-14 for account ACME-001.} */
  public String goal() {
    return goal;
  }

  @Override
  public String toString() {
    return taskId + " (" + goal() + ")";
  }
}
