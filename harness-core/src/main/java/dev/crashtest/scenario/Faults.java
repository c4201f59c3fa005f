package dev.crashtest.scenario;

import java.time.Duration;

/**
 * Entry points of the fault DSL.
 *
 * <pre>{@code
 * import static dev.crashtest.scenario.Faults.killAgent;
 * import static dev.crashtest.scenario.Triggers.agentEnters;
 * Fault f = killAgent().when(agentEnters("create_quote")).restartAfter(Duration.ofMillis(300));
 * }</pre>
 */
public final class Faults {
  private Faults() {}

  /** {@code kill -9} the agent; by default fired at scenario start and restarted after 200 ms. */
  public static AgentCrash killAgent() {
    return new AgentCrash(AgentCrash.Signal.KILL, Triggers.atTime(Duration.ZERO), Duration.ofMillis(200));
  }

  /** {@code SIGTERM} the agent; by default fired at scenario start and restarted after 200 ms. */
  public static AgentCrash terminateAgent() {
    return new AgentCrash(AgentCrash.Signal.TERM, Triggers.atTime(Duration.ZERO), Duration.ofMillis(200));
  }
}
