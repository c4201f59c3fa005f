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

  SecretRotation(Trigger trigger, boolean optional, TraceSource source) {
    super(trigger, optional, source);
  }

  /** The same rotation, fired by {@code trigger}. */
  public SecretRotation when(Trigger trigger) {
    return new SecretRotation(trigger, isOptional(), sourceOrNull());
  }

  /**
   * The same rotation, allowed not to fire: a run whose trigger never came is judged as usual, its history noting
   * {@code fault_missed} with {@code optional=true}. Without it, a rotation that never fired makes the run ERROR,
   * naming it and what the run did instead. For a moment a scenario may legitimately not reach.
   *
   * <pre>{@code
   * rotateAgentSecret().when(taskAwaitsApproval()).optional();
   * }</pre>
   */
  public SecretRotation optional() {
    return new SecretRotation(trigger(), true, sourceOrNull());
  }

  @Override
  java.util.List<Object> parameters() {
    return java.util.List.of();
  }

  /** The same rotation, reproducing {@code source}: the span of a production trace it was inferred from. */
  @Override
  public SecretRotation from(TraceSource source) {
    return new SecretRotation(trigger(), isOptional(), requireSource(source));
  }

  @Override
  String describeWithoutSource() {
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
    return new SecretRotation(Triggers.atTime(Duration.ZERO), false, null);
  }
}
