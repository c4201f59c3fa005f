package dev.crashtest.scenario;

import java.time.Duration;

/**
 * A process under test — the agent, or the durable-execution platform it runs on — dies by a real signal
 * ({@code SIGKILL} or {@code SIGTERM}) and, unless told otherwise, is started again on the same state
 * directory after a delay.
 *
 * <pre>{@code
 * Faults.killAgent().when(Triggers.crmCommitted("place_order")).restartAfter(Duration.ofMillis(200));
 * Faults.killPlatform().when(Triggers.agentEnters("place_order")).restartAfter(Duration.ofSeconds(1));
 * }</pre>
 */
public final class ProcessCrash extends Fault {

  /** Which process dies. */
  public enum Target {
    AGENT,
    PLATFORM
  }

  /** The signal that ends the agent. */
  public enum Signal {
    KILL,
    TERM
  }

  private final Target target;
  private final Signal signal;
  private final Duration restartAfter;

  ProcessCrash(Target target, Signal signal, Trigger trigger, Duration restartAfter, boolean optional,
      TraceSource source) {
    super(trigger, optional, source);
    this.target = target;
    this.signal = signal;
    this.restartAfter = restartAfter;
  }

  /** The same crash, fired by {@code trigger}. */
  public ProcessCrash when(Trigger trigger) {
    return new ProcessCrash(target, signal, trigger, restartAfter, isOptional(), sourceOrNull());
  }

  /**
   * The same crash, allowed not to fire: a run whose trigger never came is judged as usual, its history noting
   * {@code fault_missed} with {@code optional=true}. Without it, a crash that never fired makes the run ERROR,
   * naming it and what the run did instead. For a moment a scenario may legitimately not reach.
   *
   * <pre>{@code
   * killAgent().when(agentEnters("add_note")).optional();
   * }</pre>
   */
  public ProcessCrash optional() {
    return new ProcessCrash(target, signal, trigger(), restartAfter, true, sourceOrNull());
  }

  /** The same crash, the agent started again {@code delay} after it died. */
  public ProcessCrash restartAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("restartAfter needs a delay >= 0, got [" + delay + "]");
    }
    return new ProcessCrash(target, signal, trigger(), delay, isOptional(), sourceOrNull());
  }

  /** The same crash, the agent left dead. */
  public ProcessCrash withoutRestart() {
    return new ProcessCrash(target, signal, trigger(), null, isOptional(), sourceOrNull());
  }

  @Override
  java.util.List<Object> parameters() {
    return java.util.List.of(target, signal, restartAfter == null ? "never" : restartAfter);
  }

  public Signal signal() {
    return signal;
  }

  public Target target() {
    return target;
  }

  /** How long after the crash the process starts again; empty when it is left dead. */
  public java.util.Optional<Duration> restartAfter() {
    return java.util.Optional.ofNullable(restartAfter);
  }

  /** The same crash, reproducing {@code source}: the span of a production trace it was inferred from. */
  @Override
  public ProcessCrash from(TraceSource source) {
    return new ProcessCrash(target, signal, trigger(), restartAfter, isOptional(), requireSource(source));
  }

  @Override
  String describeWithoutSource() {
    String process = target == Target.AGENT ? "the agent" : "the platform";
    String death = (signal == Signal.KILL ? "kill -9 " : "SIGTERM ") + process;
    String after = restartAfter == null ? ", no restart" : ", restart it after " + restartAfter.toMillis() + " ms";
    return death + " " + trigger().describe() + after;
  }

  @Override
  void inject(RunContext run) {
    if (target == Target.AGENT) {
      run.crashAgent(signal);
    } else {
      run.crashPlatform(signal);
    }
  }

  @Override
  void heal(RunContext run) {
    if (target == Target.AGENT) {
      run.restartAgent();
    } else {
      run.restartPlatform();
    }
  }

  @Override
  long healAfterMillis() {
    return restartAfter == null ? -1 : restartAfter.toMillis();
  }
}
