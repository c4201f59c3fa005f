package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.AWAITING_APPROVAL;
import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.TASK_STATE;
import static dev.crashtest.history.Vocabulary.TASK_STATUS;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.REPLAYED;
import static dev.crashtest.history.Vocabulary.SUBMIT_TASK;
import static dev.crashtest.history.Vocabulary.TASK_ID;
import static dev.crashtest.history.Vocabulary.TOOL_CALLS;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The triggers a fault can wait for.
 *
 * <pre>{@code
 * import static dev.crashtest.scenario.Triggers.*;
 * Faults.killAgent().when(crmCommitted("place_order"));
 * }</pre>
 */
public final class Triggers {
  private Triggers() {}

  /**
   * The model has just asked for tool {@code step}: the agent is entering it. Fires before the model's answer
   * reaches the agent, so a crash here means the agent never started the step.
   */
  public static Trigger agentEnters(String step) {
    return new AgentEnters(step);
  }

  /** See {@link #agentEnters}. */
  public record AgentEnters(String step) implements Trigger {
    public AgentEnters {
      java.util.Objects.requireNonNull(step, "step");
    }

    @Override
    public boolean firesOn(Op op, int crmCalls) {
      return op.is(MODEL, CHAT_COMPLETION) && op.type() == OpType.OK && op.list(TOOL_CALLS).contains(step);
    }

    @Override
    public String describe() {
      return "when the agent enters [" + step + "]";
    }

    @Override
    public String nearestMiss(History history) {
      List<String> asked = distinct(history.ops().stream().filter(op -> op.is(MODEL, CHAT_COMPLETION)
          && op.type() == OpType.OK).flatMap(op -> op.list(TOOL_CALLS).stream()));
      return asked.isEmpty() ? "the model asked for no tool" : "the model asked for: " + String.join(", ", asked);
    }
  }

  /**
   * The CRM has just committed a new {@code operation} (e.g. {@code place_order}). Fires before the CRM's
   * answer reaches the agent: the effect exists, the agent does not know it.
   */
  public static Trigger crmCommitted(String operation) {
    return committed(CRM, operation);
  }

  /**
   * A workload service has just committed a new {@code operation} (e.g. {@code committed("refunds",
   * "create_refund")}): the effect exists, the agent has not heard. Fires before the service's answer is written.
   */
  public static Trigger committed(String service, String operation) {
    return new Committed(service, operation);
  }

  /** See {@link #committed}. */
  public record Committed(String service, String operation) implements Trigger {
    public Committed {
      java.util.Objects.requireNonNull(service, "service");
      java.util.Objects.requireNonNull(operation, "operation");
    }

    @Override
    public boolean firesOn(Op op, int crmCalls) {
      return op.is(service, operation) && op.type() == OpType.OK && op.text(EFFECT_ID) != null && !op.flag(REPLAYED);
    }

    @Override
    public String describe() {
      return "right after the " + (service.equals(CRM) ? "CRM" : service + " service") + " committed [" + operation
          + "]";
    }

    @Override
    public String nearestMiss(History history) {
      List<String> committed = distinct(history.ops().stream().filter(op -> op.service().equals(service)
          && op.type() == OpType.OK && op.text(EFFECT_ID) != null && !op.flag(REPLAYED)).map(Op::operation));
      String who = service.equals(CRM) ? "the CRM" : "the " + service + " service";
      return committed.isEmpty() ? who + " committed nothing" : who + " committed: " + String.join(", ", committed);
    }
  }

  /** The agent has just reported the task AWAITING_APPROVAL: the human gate is open. */
  public static Trigger taskAwaitsApproval() {
    return new TaskAwaitsApproval();
  }

  /** See {@link #taskAwaitsApproval}. */
  public record TaskAwaitsApproval() implements Trigger {
    @Override
    public boolean firesOn(Op op, int crmCalls) {
      return op.is(HARNESS, TASK_STATUS) && AWAITING_APPROVAL.equals(op.text(TASK_STATE));
    }

    @Override
    public String describe() {
      return "when the task awaits approval";
    }

    @Override
    public String nearestMiss(History history) {
      List<String> states = distinct(history.ops().stream().filter(op -> op.is(HARNESS, TASK_STATUS))
          .map(op -> op.text(TASK_STATE)));
      return "the task never awaited approval; "
          + (states.isEmpty() ? "it reported no state" : "the states it reported: " + String.join(", ", states));
    }
  }

  /** After the {@code n}-th CRM call of the run (any operation, any outcome). */
  public static Trigger afterCrmCalls(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("afterCrmCalls needs n >= 1, got [" + n + "]");
    }
    return new AfterCrmCalls(n);
  }

  /** See {@link #afterCrmCalls}. */
  public record AfterCrmCalls(int n) implements Trigger {
    @Override
    public boolean firesOn(Op op, int crmCalls) {
      return op.service().equals(CRM) && crmCalls == n;
    }

    @Override
    public String describe() {
      return "after CRM call #" + n;
    }

    @Override
    public String nearestMiss(History history) {
      return "the run made " + history.select(op -> op.service().equals(CRM)).size() + " CRM call(s)";
    }
  }

  /**
   * The {@code n}-th answer of {@code service} to {@code operation} in the run (e.g. the CRM's first
   * {@code place_order}, the model's third {@code chat_completion}), success or failure. Fires on the service's
   * thread before the answer is written: the service did it, the agent has not heard. Counts only calls made by
   * the agent, and starts counting afresh when a run submits a new task, so one scenario serves several runs.
   */
  public static Trigger nthCall(String service, String operation, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("nthCall needs n >= 1, got [" + n + "]; for example: nthCall(\"crm\","
          + " \"place_order\", 1)");
    }
    return new NthCall(service, operation, n);
  }

  /** Counts one service operation's answers per task; see {@link #nthCall}. Equal when they count the same call. */
  public static final class NthCall implements Trigger {
    private final String service;
    private final String operation;
    private final int n;
    private String taskId;
    private int seen;

    NthCall(String service, String operation, int n) {
      this.service = java.util.Objects.requireNonNull(service, "service");
      this.operation = java.util.Objects.requireNonNull(operation, "operation");
      this.n = n;
    }

    public String service() {
      return service;
    }

    public String operation() {
      return operation;
    }

    public int n() {
      return n;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NthCall that && service.equals(that.service) && operation.equals(that.operation)
          && n == that.n;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(service, operation, n);
    }

    @Override
    public synchronized boolean firesOn(Op op, int crmCalls) {
      if (op.is(HARNESS, SUBMIT_TASK) && op.type() == OpType.INVOKE && !String.valueOf(op.text(TASK_ID)).equals(taskId)) {
        taskId = String.valueOf(op.text(TASK_ID));
        seen = 0;
        return false;
      }
      if (!isAgentCall(op, service, operation)) {
        return false;
      }
      seen++;
      return seen == n;
    }

    @Override
    public String describe() {
      return "right after the " + service + " answered [" + operation + "] #" + n;
    }

    /** The agent's calls to {@code service} for the last task submitted, by operation, as this trigger counts them. */
    @Override
    public String nearestMiss(History history) {
      List<Op> ops = history.ops();
      int from = 0;
      for (int i = ops.size() - 1; i >= 0; i--) {
        if (ops.get(i).is(HARNESS, SUBMIT_TASK)) {
          from = i;
          break;
        }
      }
      Map<String, Integer> answered = new LinkedHashMap<>();
      for (Op op : ops.subList(from, ops.size())) {
        if (op.service().equals(service) && isAgentCall(op, service, op.operation())) {
          answered.merge(op.operation(), 1, Integer::sum);
        }
      }
      String seen = String.valueOf(answered.getOrDefault(operation, 0));
      String all = answered.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
          .collect(Collectors.joining(", "));
      return "the " + service + " answered [" + operation + "] " + seen + " time(s) of " + n + "; "
          + (all.isEmpty() ? "it answered the agent nothing" : "it answered the agent: " + all);
    }
  }

  /** An answer of {@code service} to {@code operation} for the agent: not an INVOKE, not the harness's own. */
  static boolean isAgentCall(Op op, String service, String operation) {
    return op.is(service, operation) && (op.type() == OpType.OK || op.type() == OpType.FAIL)
        && !op.actor().equals(HARNESS);
  }

  /** The distinct values in the order they first appear. */
  private static List<String> distinct(Stream<String> values) {
    return values.filter(java.util.Objects::nonNull).distinct().toList();
  }

  /** At scenario time {@code time}, counted from the task's submission. */
  public static Trigger atTime(Duration time) {
    if (time == null || time.isNegative()) {
      throw new IllegalArgumentException("atTime needs a time >= 0, got [" + time + "]");
    }
    return new AtTime(time);
  }

  /** See {@link #atTime}. */
  public record AtTime(Duration time) implements Trigger {
    @Override
    public boolean firesOn(Op op, int crmCalls) {
      return false;
    }

    @Override
    public Optional<Duration> at() {
      return Optional.of(time);
    }

    @Override
    public String describe() {
      return "at " + time.toMillis() + " ms";
    }

    @Override
    public String nearestMiss(History history) {
      List<Op> ops = history.ops();
      long spanned = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeMillis() - ops.get(0).timeMillis();
      return "the run ended after " + spanned + " ms";
    }
  }
}
