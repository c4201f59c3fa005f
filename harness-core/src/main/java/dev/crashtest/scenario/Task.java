package dev.crashtest.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * The work an agent is given: the reference "procurement" task for a user, with its account, product and
 * quantity drawn from the run's seed.
 *
 * <pre>{@code
 * Task task = Task.procurement(new Random(42));
 * task.goal();   // "Buy 5 units of LAPTOP-14 for account ACME-001."
 * }</pre>
 */
public final class Task {
  static final List<String> ACCOUNTS = List.of("ACME-001", "GLOBEX-002", "INITECH-003", "UMBRELLA-004");
  static final List<String> SKUS = List.of("LAPTOP-14", "MONITOR-27", "DOCK-USB-C", "HEADSET-PRO");
  /**
   * Procurement's tools whose call is a write, which the runner declares in {@code submit_task} so that the checkers
   * know a write the agent never made (requested-writes). A workload declares its own.
   */
  static final List<String> WRITE_TOOLS = List.of("create_quote", "place_order", "add_note");
  /** The scope each of procurement's tools needs, declared in {@code submit_task} beside {@link #WRITE_TOOLS}. */
  static final Map<String, String> TOOL_SCOPES = Map.of("get_account", "crm.read", "create_quote", "crm.write",
      "place_order", "crm.write", "add_note", "crm.write");

  private final String taskId;
  private final String user;
  private final String accountId;
  private final String sku;
  private final int quantity;

  private Task(String taskId, String user, String accountId, String sku, int quantity) {
    this.taskId = Objects.requireNonNull(taskId);
    this.user = Objects.requireNonNull(user);
    this.accountId = Objects.requireNonNull(accountId);
    this.sku = Objects.requireNonNull(sku);
    this.quantity = quantity;
  }

  /** A procurement task for user {@code alice}, every choice drawn from {@code random}. */
  public static Task procurement(Random random) {
    String taskId = String.format("task-%08x", random.nextInt());
    return new Task(
        taskId,
        "alice",
        ACCOUNTS.get(random.nextInt(ACCOUNTS.size())),
        SKUS.get(random.nextInt(SKUS.size())),
        1 + random.nextInt(20));
  }

  public String taskId() {
    return taskId;
  }

  public String user() {
    return user;
  }

  /** The tools whose call is a write, as {@code submit_task} declares them. */
  List<String> writeTools() {
    return WRITE_TOOLS;
  }

  /** The scope each tool needs, as {@code submit_task} declares it. */
  Map<String, String> toolScopes() {
    return new TreeMap<>(TOOL_SCOPES);
  }

  public String accountId() {
    return accountId;
  }

  /** The sentence the agent receives, e.g. {@code Buy 5 units of LAPTOP-14 for account ACME-001.} */
  public String goal() {
    return "Buy " + quantity + " units of " + sku + " for account " + accountId + ".";
  }

  @Override
  public String toString() {
    return taskId + " (" + goal() + ")";
  }
}
