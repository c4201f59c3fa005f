package dev.crashtest.scenario;

import java.util.Objects;

/**
 * Something that goes wrong in a run, on a {@link Trigger}. The set is closed: each kind of fault is one
 * subclass here, with its inject and heal.
 *
 * <p>Every fault of a scenario must fire and be applied, or the run is ERROR naming the fault and the nearest miss
 * ({@link Trigger#nearestMiss}); a fault whose injection threw makes it ERROR too. A fault the scenario allows not to
 * fire says so with {@code optional()}.
 *
 * <pre>{@code
 * Fault crash = Faults.killAgent().when(Triggers.agentEnters("create_quote")).restartAfter(Duration.ofMillis(300));
 * }</pre>
 *
 * <p>A fault inferred from a production trace names the span it reproduces ({@link #from(TraceSource)}); its
 * description, the history and the reports then carry the span and trace ids.
 */
public abstract sealed class Fault permits ProcessCrash, ProcessPause, NetworkFault, ServiceFault, SecretRotation,
    IdentityChange {
  private final Trigger trigger;
  private final boolean optional;
  private final TraceSource source;

  Fault(Trigger trigger, boolean optional, TraceSource source) {
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.optional = optional;
    this.source = source;
  }

  public Trigger trigger() {
    return trigger;
  }

  /**
   * Whether the scenario allows this fault not to fire (each kind's {@code optional()}). A fault that is not optional
   * must fire and be applied in every run, or the run is ERROR: a run whose fault never came tested nothing of it.
   */
  public boolean isOptional() {
    return optional;
  }

  /**
   * This fault, allowed not to fire: each kind's own {@code optional()}, for code that holds a plain {@code Fault}
   * (a generated schedule).
   */
  public final Fault allowedToMiss() {
    if (this instanceof ProcessCrash crash) {
      return crash.optional();
    }
    if (this instanceof ProcessPause pause) {
      return pause.optional();
    }
    if (this instanceof NetworkFault network) {
      return network.optional();
    }
    if (this instanceof ServiceFault service) {
      return service.optional();
    }
    if (this instanceof IdentityChange change) {
      return change.optional();
    }
    return ((SecretRotation) this).optional();
  }

  /**
   * This fault, reproducing {@code source}: the span of a production trace it was inferred from. Each kind returns
   * its own type, so the chain goes on.
   *
   * <pre>{@code
   * killAgent().when(crmCommitted("place_order"))
   *     .from(TraceSource.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
   * }</pre>
   */
  public abstract Fault from(TraceSource source);

  /** The span of a production trace this fault reproduces, if it was inferred from one ({@link #from}). */
  public java.util.Optional<TraceSource> source() {
    return java.util.Optional.ofNullable(source);
  }

  static TraceSource requireSource(TraceSource source) {
    return Objects.requireNonNull(source, "source: a fault comes from a span of a trace, e.g."
        + " from(TraceSource.of(\"4bf92f3577b34da6a3ce929d0e0e4736\", \"00f067aa0ba902b7\"))");
  }

  /** {@link #source()}, or null: what each kind's copies pass on. */
  TraceSource sourceOrNull() {
    return source;
  }

  /**
   * How long after it fired the fault heals (a crashed process restarts, a paused one wakes, an outage ends), or
   * empty when it heals on a trigger, at the end of the run, by itself, or never.
   */
  public java.util.Optional<java.time.Duration> healAfter() {
    long millis = healAfterMillis();
    return millis < 0 ? java.util.Optional.empty() : java.util.Optional.of(java.time.Duration.ofMillis(millis));
  }

  /** The trigger that heals the fault ({@code until(...)}), if it heals on one. */
  public java.util.Optional<Trigger> healedWhen() {
    return java.util.Optional.empty();
  }

  /** What makes this fault differ from another of its kind, beyond trigger, heal and optional; for equality. */
  abstract java.util.List<Object> parameters();

  /**
   * Two faults are equal when they are of the same kind, with the same parameters, trigger, heal, optional and
   * source.
   */
  @Override
  public final boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && trigger.equals(((Fault) other).trigger)
        && optional == ((Fault) other).optional && healedWhen().equals(((Fault) other).healedWhen())
        && healAfterMillis() == ((Fault) other).healAfterMillis() && parameters().equals(((Fault) other).parameters())
        && Objects.equals(source, ((Fault) other).source);
  }

  @Override
  public final int hashCode() {
    return java.util.Objects.hash(getClass(), trigger, optional, healedWhen(), healAfterMillis(), parameters(),
        source);
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * How the fault reads in a scenario description, in {@code ./crashtest list}, in the history and in the reports;
   * a fault inferred from a trace ends with its span: {@code ... (from span 00f067aa0ba902b7 of trace 4bf9…4736)}.
   */
  public final String describe() {
    return source == null ? describeWithoutSource() : describeWithoutSource() + " (" + source.describe() + ")";
  }

  /** How the fault of this kind reads, without its source. */
  abstract String describeWithoutSource();

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
