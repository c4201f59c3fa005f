package dev.crashtest.scenario;

import java.util.Objects;

/**
 * Something that goes wrong in a run, on a {@link Trigger}. The set is closed: each kind of fault is one
 * subclass here, with its inject and heal.
 *
 * <pre>{@code
 * Fault crash = Faults.killAgent().when(Triggers.agentEnters("create_quote")).restartAfter(Duration.ofMillis(300));
 * }</pre>
 */
public abstract sealed class Fault permits ProcessCrash, ProcessPause, NetworkFault, ServiceFault, SecretRotation,
    IdentityChange {
  private final Trigger trigger;

  Fault(Trigger trigger) {
    this.trigger = Objects.requireNonNull(trigger, "trigger");
  }

  public Trigger trigger() {
    return trigger;
  }

  /** How the fault reads in a scenario description. */
  public abstract String describe();

  /** Breaks something. Runs on the thread that recorded the triggering op, before its response went out. */
  abstract void inject(RunContext run);

  /** Repairs what {@link #inject} broke, if the fault heals; called on the runner's scheduler. */
  abstract void heal(RunContext run);

  /** How long after injection {@link #heal} runs; negative: not on a timer. */
  abstract long healAfterMillis();

  /** Whether a fault still in force when the run ends is healed then, so the environment is left clean. */
  boolean healsAtEnd() {
    return false;
  }
}
