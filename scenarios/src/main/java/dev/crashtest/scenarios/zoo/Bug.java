package dev.crashtest.scenarios.zoo;

import java.util.List;
import java.util.Objects;

/**
 * One deliberately broken agent of the {@link BugZoo}: the Python reference agent with exactly one defect, and the
 * scenarios that must catch it.
 *
 * @param name the bug's name, e.g. {@code approval-skipper}
 * @param defect what is wrong with the agent, in one line
 * @param script the Python file (next to {@code procurement_agent.py}) that patches the defect in
 * @param catches where it must be caught: each scenario, the checker that must fail, and what it must say
 */
public record Bug(String name, String defect, String script, List<Catch> catches) {

  public Bug {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defect, "defect");
    Objects.requireNonNull(script, "script");
    catches = List.copyOf(catches);
    if (catches.isEmpty()) {
      throw new IllegalArgumentException("bug [" + name + "] must name at least one scenario that catches it");
    }
  }

  /**
   * Where a bug must be caught: in {@code scenario}, the checker {@code caughtBy} fails with a message containing
   * {@code message}; or, when {@code caughtBy} is {@link #RUN_ERROR}, the run is an ERROR whose explanation
   * contains it (a run that tested nothing must never pass).
   */
  public record Catch(String scenario, String caughtBy, String message) {
    /** The catch is the run itself ending ERROR, not a checker failing. */
    public static final String RUN_ERROR = "run ERROR";

    public Catch {
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(caughtBy, "caughtBy");
      Objects.requireNonNull(message, "message");
    }
  }
}
