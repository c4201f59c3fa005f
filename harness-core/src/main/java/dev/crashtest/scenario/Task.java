package dev.crashtest.scenario;

import java.util.Objects;
import java.util.Random;

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

  private Task(String taskId, String user, String goal) {
    this.taskId = Objects.requireNonNull(taskId);
    this.user = Objects.requireNonNull(user);
    this.goal = Objects.requireNonNull(goal);
  }

  /** A procurement task for user {@code alice}, every choice drawn from {@code random}. */
  public static Task procurement(Random random) {
    return of(Workloads.PROCUREMENT, random);
  }

  /** A task of {@code workload} for user {@code alice}: its id, then each of the goal's choices, from {@code random}. */
  public static Task of(dev.crashtest.workload.Workload workload, Random random) {
    String taskId = String.format("task-%08x", random.nextInt());
    return new Task(taskId, "alice", workload.goal(random));
  }

  /** The built-in procurement workload, read once. */
  private static final class Workloads {
    static final dev.crashtest.workload.Workload PROCUREMENT = dev.crashtest.workload.Workload.procurement();
  }

  public String taskId() {
    return taskId;
  }

  public String user() {
    return user;
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
