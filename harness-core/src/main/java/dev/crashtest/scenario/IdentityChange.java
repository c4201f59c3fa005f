package dev.crashtest.scenario;

import dev.crashtest.fakes.identity.IdentityAdmin;
import java.time.Duration;
import java.util.Objects;

/**
 * The identity provider changes under the agent mid-run: its signing key rotates, delegated tokens get short
 * lifetimes, the user revokes the delegation or withdraws a scope, or the provider's clock drifts. The delegation
 * is the run's user's (the task's {@code user}) to the run's agent ({@code HARNESS_AGENT_CLIENT_ID}).
 *
 * <pre>{@code
 * revokeDelegation().when(taskAwaitsApproval());
 * shortTokenLifetime(Duration.ofSeconds(2)).lasting(Duration.ofSeconds(20));
 * clockSkew(Duration.ofMinutes(-5));
 * }</pre>
 *
 * <p>A short lifetime and a clock skew are healed at {@link #lasting(Duration)} or when the run ends; a key rotation,
 * a revocation and a withdrawn scope are not undone.
 */
public final class IdentityChange extends Fault {
  /** The kinds of change. */
  public enum Kind {
    ROTATE_SIGNING_KEY,
    SHORT_TOKEN_LIFETIME,
    REVOKE_DELEGATION,
    WITHDRAW_SCOPE,
    CLOCK_SKEW
  }

  private final Kind kind;
  private final Duration amount;
  private final String scope;
  private final Duration lasting;
  private final Trigger until;

  private IdentityChange(Kind kind, Duration amount, String scope, Trigger trigger, Duration lasting,
      boolean optional, Trigger until, TraceSource source) {
    super(trigger, optional, source);
    this.until = until;
    this.kind = kind;
    this.amount = amount;
    this.scope = scope;
    this.lasting = lasting;
  }

  static IdentityChange of(Kind kind, Duration amount, String scope) {
    return new IdentityChange(kind, amount, scope, Triggers.atTime(Duration.ZERO), null, false, null, null);
  }

  /** The same change, fired by {@code trigger}. */
  public IdentityChange when(Trigger trigger) {
    return new IdentityChange(kind, amount, scope, Objects.requireNonNull(trigger, "trigger"), lasting, isOptional(),
        until, sourceOrNull());
  }

  /**
   * The same change, allowed not to fire: a run whose trigger never came is judged as usual, its history noting
   * {@code fault_missed} with {@code optional=true}. Without it, a change that never fired makes the run ERROR,
   * naming it and what the run did instead. For a moment a scenario may legitimately not reach.
   *
   * <pre>{@code
   * revokeDelegation().when(taskAwaitsApproval()).optional();
   * }</pre>
   */
  public IdentityChange optional() {
    return new IdentityChange(kind, amount, scope, trigger(), lasting, true, until, sourceOrNull());
  }

  /** The same change, undone {@code duration} after it started; only a short lifetime and a clock skew heal. */
  public IdentityChange lasting(Duration duration) {
    if (!heals()) {
      throw new IllegalArgumentException("[" + describe() + "] cannot be undone, so it cannot last ["
          + duration + "]; only shortTokenLifetime(...) and clockSkew(...) heal");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("lasting needs a positive duration, got [" + duration + "]");
    }
    return new IdentityChange(kind, amount, scope, trigger(), duration, isOptional(), null, sourceOrNull());
  }

  /** The same change, undone when {@code trigger} fires; only a short lifetime and a clock skew heal. */
  public IdentityChange until(Trigger trigger) {
    if (!heals()) {
      throw new IllegalArgumentException("[" + describe() + "] cannot be undone, so it cannot last until ["
          + trigger.describe() + "]; only shortTokenLifetime(...) and clockSkew(...) heal");
    }
    return new IdentityChange(kind, amount, scope, trigger(), null, isOptional(), Objects.requireNonNull(trigger),
        sourceOrNull());
  }

  @Override
  public java.util.Optional<Trigger> healedWhen() {
    return java.util.Optional.ofNullable(until);
  }

  @Override
  java.util.List<Object> parameters() {
    return java.util.Arrays.asList(kind, amount, scope);
  }

  /** The grace (key rotation), the lifetime (short tokens) or the offset (clock skew); zero otherwise. */
  public Duration amount() {
    return amount;
  }

  /** The withdrawn scope, for {@link Kind#WITHDRAW_SCOPE}. */
  public java.util.Optional<String> scope() {
    return java.util.Optional.ofNullable(scope);
  }

  public Kind kind() {
    return kind;
  }

  /** The same change, reproducing {@code source}: the span of a production trace it was inferred from. */
  @Override
  public IdentityChange from(TraceSource source) {
    return new IdentityChange(kind, amount, scope, trigger(), lasting, isOptional(), until, requireSource(source));
  }

  @Override
  String describeWithoutSource() {
    String what = switch (kind) {
      case ROTATE_SIGNING_KEY -> "identity: rotate the signing key"
          + (amount.isZero() ? " with no grace" : " with " + amount.toMillis() + " ms grace");
      case SHORT_TOKEN_LIFETIME -> "identity: delegated tokens live " + amount.toMillis() + " ms";
      case REVOKE_DELEGATION -> "identity: the user revokes the agent's delegation";
      case WITHDRAW_SCOPE -> "identity: the user withdraws scope [" + scope + "] from the agent";
      case CLOCK_SKEW -> "identity: the provider's clock runs " + Math.abs(amount.toMillis()) + " ms "
          + (amount.isNegative() ? "behind" : "ahead");
    };
    String how = until != null ? " until " + until.describe().replaceFirst("^when ", "")
        : lasting == null ? "" : " for " + lasting.toMillis() + " ms";
    return what + " " + trigger().describe() + how;
  }

  @Override
  void inject(RunContext run) {
    IdentityAdmin idp = run.environment.identityService();
    switch (kind) {
      case ROTATE_SIGNING_KEY -> idp.rotateSigningKey(amount);
      case SHORT_TOKEN_LIFETIME -> idp.setDelegatedTokenLifetime(amount);
      case REVOKE_DELEGATION -> idp.revokeDelegation(run.task.user(), run.agentClientId());
      case WITHDRAW_SCOPE -> idp.withdrawScope(run.task.user(), run.agentClientId(), scope);
      case CLOCK_SKEW -> idp.setClockOffset(amount);
    }
  }

  @Override
  void heal(RunContext run) {
    IdentityAdmin idp = run.environment.identityService();
    if (kind == Kind.SHORT_TOKEN_LIFETIME) {
      idp.setDelegatedTokenLifetime(idp.defaultDelegatedTokenLifetime());
    } else if (kind == Kind.CLOCK_SKEW) {
      idp.setClockOffset(Duration.ZERO);
    }
  }

  @Override
  long healAfterMillis() {
    return lasting == null ? -1 : lasting.toMillis();
  }

  @Override
  boolean healsAtEnd() {
    return heals();
  }

  private boolean heals() {
    return kind == Kind.SHORT_TOKEN_LIFETIME || kind == Kind.CLOCK_SKEW;
  }
}
