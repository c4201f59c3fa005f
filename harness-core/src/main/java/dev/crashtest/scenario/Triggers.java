package dev.crashtest.scenario;

import static dev.crashtest.history.Vocabulary.CHAT_COMPLETION;
import static dev.crashtest.history.Vocabulary.CRM;
import static dev.crashtest.history.Vocabulary.EFFECT_ID;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.REPLAYED;
import static dev.crashtest.history.Vocabulary.TOOL_CALLS;

import dev.crashtest.history.Op;
import dev.crashtest.history.OpType;
import java.time.Duration;
import java.util.Optional;

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
    return new Trigger() {
      @Override
      public boolean firesOn(Op op, int crmCalls) {
        return op.is(MODEL, CHAT_COMPLETION) && op.type() == OpType.OK && op.list(TOOL_CALLS).contains(step);
      }

      @Override
      public String describe() {
        return "when the agent enters [" + step + "]";
      }
    };
  }

  /**
   * The CRM has just committed a new {@code operation} (e.g. {@code place_order}). Fires before the CRM's
   * answer reaches the agent: the effect exists, the agent does not know it.
   */
  public static Trigger crmCommitted(String operation) {
    return new Trigger() {
      @Override
      public boolean firesOn(Op op, int crmCalls) {
        return op.is(CRM, operation) && op.type() == OpType.OK && op.text(EFFECT_ID) != null && !op.flag(REPLAYED);
      }

      @Override
      public String describe() {
        return "right after the CRM committed [" + operation + "]";
      }
    };
  }

  /** After the {@code n}-th CRM call of the run (any operation, any outcome). */
  public static Trigger afterCrmCalls(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("afterCrmCalls needs n >= 1, got [" + n + "]");
    }
    return new Trigger() {
      @Override
      public boolean firesOn(Op op, int crmCalls) {
        return op.service().equals(CRM) && crmCalls == n;
      }

      @Override
      public String describe() {
        return "after CRM call #" + n;
      }
    };
  }

  /** At scenario time {@code time}, counted from the task's submission. */
  public static Trigger atTime(Duration time) {
    return new Trigger() {
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
    };
  }
}
