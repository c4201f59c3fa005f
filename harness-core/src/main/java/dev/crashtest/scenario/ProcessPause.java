package dev.crashtest.scenario;

import java.time.Duration;

/**
 * The agent freezes ({@code SIGSTOP}) with its sockets open and wakes up ({@code SIGCONT}) later: longer than a
 * platform's heartbeat or lease, it is a zombie worker whose work may meanwhile go to another worker. With
 * {@link #withStandbyWorker()} the harness starts a second agent process while the first is frozen, so the platform
 * has someone to hand the work to — the duplicate-effect trap.
 *
 * <pre>{@code
 * pauseAgent().when(crmCommitted("create_quote")).lasting(Duration.ofSeconds(8)).withStandbyWorker();
 * }</pre>
 */
public final class ProcessPause extends Fault {
  private final Duration lasting;
  private final boolean standby;

  ProcessPause(Trigger trigger, Duration lasting, boolean standby, boolean optional) {
    super(trigger, optional);
    this.lasting = lasting;
    this.standby = standby;
  }

  /** The same pause, fired by {@code trigger}. */
  public ProcessPause when(Trigger trigger) {
    return new ProcessPause(trigger, lasting, standby, isOptional());
  }

  /**
   * The same pause, allowed not to fire: a run whose trigger never came is judged as usual, its history noting
   * {@code fault_missed} with {@code optional=true}. Without it, a pause that never fired makes the run ERROR,
   * naming it and what the run did instead. For a moment a scenario may legitimately not reach.
   *
   * <pre>{@code
   * pauseAgent().when(crmCommitted("create_quote")).optional();
   * }</pre>
   */
  public ProcessPause optional() {
    return new ProcessPause(trigger(), lasting, standby, true);
  }

  /** The same pause, the agent woken up after {@code duration}. */
  public ProcessPause lasting(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("lasting needs a positive duration, got [" + duration + "]");
    }
    return new ProcessPause(trigger(), duration, standby, isOptional());
  }

  /** While the agent is frozen, a second agent process runs with the same identity and platform. */
  public ProcessPause withStandbyWorker() {
    return new ProcessPause(trigger(), lasting, true, isOptional());
  }

  @Override
  public String describe() {
    return "SIGSTOP the agent " + trigger().describe() + ", SIGCONT after " + lasting.toMillis() + " ms"
        + (standby ? ", a standby worker running meanwhile" : "");
  }

  @Override
  void inject(RunContext run) {
    run.pauseAgent(standby);
  }

  @Override
  void heal(RunContext run) {
    run.resumeAgent();
  }

  @Override
  long healAfterMillis() {
    return lasting.toMillis();
  }

  @Override
  boolean healsAtEnd() {
    return true;
  }
}
