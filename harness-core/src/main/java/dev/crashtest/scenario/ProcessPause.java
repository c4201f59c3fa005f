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
  private final ProcessCrash.Target target;
  private final Duration lasting;
  private final boolean standby;
  private final Trigger until;

  ProcessPause(ProcessCrash.Target target, Trigger trigger, Duration lasting, boolean standby, boolean optional,
      Trigger until, TraceSource source) {
    super(trigger, optional, source);
    this.target = target;
    this.lasting = lasting;
    this.standby = standby;
    this.until = until;
  }

  /** The same pause, fired by {@code trigger}. */
  public ProcessPause when(Trigger trigger) {
    return new ProcessPause(target, trigger, lasting, standby, isOptional(), until, sourceOrNull());
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
    return new ProcessPause(target, trigger(), lasting, standby, true, until, sourceOrNull());
  }

  /** The same pause, the process woken up after {@code duration}. */
  public ProcessPause lasting(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("lasting needs a positive duration, got [" + duration + "]");
    }
    return new ProcessPause(target, trigger(), duration, standby, isOptional(), null, sourceOrNull());
  }

  /** The same pause, the process woken up when {@code trigger} fires (or when the run ends). */
  public ProcessPause until(Trigger trigger) {
    return new ProcessPause(target, trigger(), null, standby, isOptional(),
        java.util.Objects.requireNonNull(trigger), sourceOrNull());
  }

  /** While the agent is frozen, a second agent process runs with the same identity and platform. */
  public ProcessPause withStandbyWorker() {
    if (target != ProcessCrash.Target.AGENT) {
      throw new IllegalStateException("a standby worker stands in for a paused agent, not for a paused platform");
    }
    return new ProcessPause(target, trigger(), lasting, true, isOptional(), until, sourceOrNull());
  }

  /** Which process freezes. */
  public ProcessCrash.Target target() {
    return target;
  }

  /** Whether a standby worker runs while the agent is frozen. */
  public boolean hasStandbyWorker() {
    return standby;
  }

  @Override
  public java.util.Optional<Trigger> healedWhen() {
    return java.util.Optional.ofNullable(until);
  }

  @Override
  java.util.List<Object> parameters() {
    return java.util.List.of(target, standby);
  }

  /** The same pause, reproducing {@code source}: the span of a production trace it was inferred from. */
  @Override
  public ProcessPause from(TraceSource source) {
    return new ProcessPause(target, trigger(), lasting, standby, isOptional(), until, requireSource(source));
  }

  @Override
  String describeWithoutSource() {
    String process = target == ProcessCrash.Target.AGENT ? "the agent" : "the platform";
    String wake = until != null ? ", SIGCONT " + until.describe().replaceFirst("^when ", "when ")
        : ", SIGCONT after " + lasting.toMillis() + " ms";
    return "SIGSTOP " + process + " " + trigger().describe() + wake
        + (standby ? ", a standby worker running meanwhile" : "");
  }

  @Override
  void inject(RunContext run) {
    if (target == ProcessCrash.Target.AGENT) {
      run.pauseAgent(standby);
    } else {
      run.pausePlatform();
    }
  }

  @Override
  void heal(RunContext run) {
    if (target == ProcessCrash.Target.AGENT) {
      run.resumeAgent();
    } else {
      run.resumePlatform();
    }
  }

  @Override
  long healAfterMillis() {
    return lasting == null ? -1 : lasting.toMillis();
  }

  @Override
  boolean healsAtEnd() {
    return true;
  }
}
