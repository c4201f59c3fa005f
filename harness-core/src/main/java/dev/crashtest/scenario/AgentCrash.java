package dev.crashtest.scenario;

import java.time.Duration;

/**
 * The agent process dies by a real signal ({@code SIGKILL} or {@code SIGTERM}) and, unless told otherwise,
 * is started again on the same state directory after a delay.
 *
 * <pre>{@code
 * Faults.killAgent().when(Triggers.crmCommitted("place_order")).restartAfter(Duration.ofMillis(200));
 * }</pre>
 */
public final class AgentCrash extends Fault {

  /** The signal that ends the agent. */
  public enum Signal {
    KILL,
    TERM
  }

  private final Signal signal;
  private final Duration restartAfter;

  AgentCrash(Signal signal, Trigger trigger, Duration restartAfter) {
    super(trigger);
    this.signal = signal;
    this.restartAfter = restartAfter;
  }

  /** The same crash, fired by {@code trigger}. */
  public AgentCrash when(Trigger trigger) {
    return new AgentCrash(signal, trigger, restartAfter);
  }

  /** The same crash, the agent started again {@code delay} after it died. */
  public AgentCrash restartAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("restartAfter needs a delay >= 0, got [" + delay + "]");
    }
    return new AgentCrash(signal, trigger(), delay);
  }

  /** The same crash, the agent left dead. */
  public AgentCrash withoutRestart() {
    return new AgentCrash(signal, trigger(), null);
  }

  public Signal signal() {
    return signal;
  }

  @Override
  public String describe() {
    String death = signal == Signal.KILL ? "kill -9 the agent" : "SIGTERM the agent";
    String after = restartAfter == null ? ", no restart" : ", restart it after " + restartAfter.toMillis() + " ms";
    return death + " " + trigger().describe() + after;
  }

  @Override
  void inject(RunContext run) {
    run.crashAgent(signal);
  }

  @Override
  void heal(RunContext run) {
    run.restartAgent();
  }

  @Override
  long healAfterMillis() {
    return restartAfter == null ? -1 : restartAfter.toMillis();
  }
}
