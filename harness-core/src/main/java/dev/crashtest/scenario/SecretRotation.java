package dev.crashtest.scenario;

import java.time.Duration;

/**
 * The agent's client secret is rotated: the identity provider issues a new one, the harness rewrites the agent's
 * secret file, and the old secret stops working at once. An agent that cached its secret can no longer exchange
 * tokens; one that re-reads the file, as the contract asks, carries on.
 *
 * <pre>{@code
 * rotateAgentSecret().when(taskAwaitsApproval());
 * }</pre>
 */
public final class SecretRotation extends Fault {

  SecretRotation(Trigger trigger) {
    super(trigger);
  }

  /** The same rotation, fired by {@code trigger}. */
  public SecretRotation when(Trigger trigger) {
    return new SecretRotation(trigger);
  }

  @Override
  public String describe() {
    return "rotate the agent's client secret " + trigger().describe();
  }

  @Override
  void inject(RunContext run) {
    run.rotateAgentSecret();
  }

  @Override
  void heal(RunContext run) {
    // a rotation is not undone
  }

  @Override
  long healAfterMillis() {
    return -1;
  }

  static SecretRotation atStart() {
    return new SecretRotation(Triggers.atTime(Duration.ZERO));
  }
}
