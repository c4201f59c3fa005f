package dev.crashtest.scenario;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.time.Duration;
import java.util.Optional;

/**
 * When a fault fires: at a moment observed in the history (the agent enters a step, the CRM committed a
 * write, the N-th CRM call) or at a scenario time. Each trigger fires at most once per run.
 *
 * <pre>{@code
 * Trigger t = Triggers.agentEnters("create_quote");
 * }</pre>
 */
public interface Trigger {

  /** Whether the trigger fires right after {@code op} was recorded. {@code seen} counts earlier ops of the run. */
  boolean firesOn(Op op, int crmCallsSoFar);

  /** For time triggers: the scenario time to fire at. */
  default Optional<Duration> at() {
    return Optional.empty();
  }

  /** How the trigger reads in a scenario description, e.g. {@code when the agent enters [create_quote]}. */
  String describe();

  /**
   * What the run did instead, for a trigger that never fired in {@code history} (the run's own): the moments closest
   * to what it waited for, e.g. {@code the CRM committed: create_quote, place_order, add_note}. A pure function of the
   * history; empty when the trigger has nothing useful to say.
   *
   * <pre>{@code
   * Triggers.crmCommitted("place_ordr").nearestMiss(history);
   * // "the CRM committed: create_quote, place_order, add_note"
   * }</pre>
   */
  default String nearestMiss(History history) {
    return "";
  }
}
