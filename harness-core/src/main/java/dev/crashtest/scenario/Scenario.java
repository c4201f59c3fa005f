package dev.crashtest.scenario;

import dev.crashtest.check.Checker;
import dev.crashtest.check.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A test as plain data: the task, the faults and when they fire, and the checks the run must pass.
 * Immutable: every {@code with*} returns a new scenario.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.named("crash-after-place-order")
 *     .describedAs("The CRM stores the order; the agent dies before it hears back.")
 *     .withFault(killAgent().when(crmCommitted("place_order")).restartAfter(Duration.ofMillis(200)))
 *     .withChecks(Checks.standard());
 * }</pre>
 */
public final class Scenario {
  private final String name;
  private final String description;
  private final List<Fault> faults;
  private final List<Checker> checks;
  private final boolean resubmitAfterRestart;
  private final Duration timeout;
  private final Duration approvalDelay;
  private final long clockCompression;
  private final boolean requiresPlatform;

  private Scenario(String name, String description, List<Fault> faults, List<Checker> checks, boolean resubmit,
      Duration timeout, Duration approvalDelay, long clockCompression, boolean requiresPlatform) {
    this.name = name;
    this.description = description;
    this.faults = List.copyOf(faults);
    this.checks = List.copyOf(checks);
    this.resubmitAfterRestart = resubmit;
    this.timeout = timeout;
    this.approvalDelay = approvalDelay;
    this.clockCompression = clockCompression;
    this.requiresPlatform = requiresPlatform;
  }

  private Scenario(
      String name, String description, List<Fault> faults, List<Checker> checks, boolean resubmit, Duration timeout) {
    this(name, description, faults, checks, resubmit, timeout, Duration.ZERO, 1, false);
  }

  /** A scenario with no faults that expects the standard checks to pass, within 60 s. */
  public static Scenario named(String name) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "scenario name [" + name + "] must be lower-case words joined by '-', e.g. \"crash-after-place-order\"");
    }
    return new Scenario(name, "", List.of(), Checks.standard(), false, Duration.ofSeconds(60));
  }

  public Scenario describedAs(String description) {
    return new Scenario(name, Objects.requireNonNull(description), faults, checks, resubmitAfterRestart, timeout,
        approvalDelay, clockCompression, requiresPlatform);
  }

  /** Adds a fault to the schedule. */
  public Scenario withFault(Fault fault) {
    List<Fault> more = new ArrayList<>(faults);
    more.add(Objects.requireNonNull(fault, "fault"));
    return new Scenario(name, description, more, checks, resubmitAfterRestart, timeout, approvalDelay,
        clockCompression, requiresPlatform);
  }

  /** Replaces the checks the run must pass. */
  public Scenario withChecks(List<Checker> checks) {
    return new Scenario(name, description, faults, checks, resubmitAfterRestart, timeout, approvalDelay,
        clockCompression, requiresPlatform);
  }

  /** After each agent restart the harness submits the task again, as a queue redelivering a message would. */
  public Scenario withTaskResubmittedAfterRestart() {
    return new Scenario(name, description, faults, checks, true, timeout, approvalDelay, clockCompression,
        requiresPlatform);
  }

  /** How long the task may take before the run ends and the task counts as not completed. */
  public Scenario withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got [" + timeout + "]");
    }
    return new Scenario(name, description, faults, checks, resubmitAfterRestart, timeout, approvalDelay,
        clockCompression, requiresPlatform);
  }

  /**
   * The human approves {@code scenarioTime} after the agent asks (e.g. 72 hours), on the scenario clock: see
   * {@link #withClockCompression(long)}.
   */
  public Scenario withApprovalDelay(Duration scenarioTime) {
    if (scenarioTime.isNegative()) {
      throw new IllegalArgumentException("approval delay must be >= 0, got [" + scenarioTime + "]");
    }
    return new Scenario(name, description, faults, checks, resubmitAfterRestart, timeout, scenarioTime,
        clockCompression, requiresPlatform);
  }

  /** One real millisecond stands for {@code factor} scenario milliseconds (86 400: a day passes in a second). */
  public Scenario withClockCompression(long factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("clock compression must be >= 1, got [" + factor + "]");
    }
    return new Scenario(name, description, faults, checks, resubmitAfterRestart, timeout, approvalDelay, factor,
        requiresPlatform);
  }

  /** Only agents on a durable-execution platform can run it; others are skipped, not judged. */
  public Scenario requiringPlatform() {
    return new Scenario(name, description, faults, checks, resubmitAfterRestart, timeout, approvalDelay,
        clockCompression, true);
  }

  /** The real time the approval waits: the scenario-time delay divided by the clock compression. */
  public Duration realApprovalDelay() {
    return approvalDelay.dividedBy(clockCompression);
  }

  public Duration approvalDelay() {
    return approvalDelay;
  }

  public boolean requiresPlatform() {
    return requiresPlatform;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<Fault> faults() {
    return faults;
  }

  public List<Checker> checks() {
    return checks;
  }

  public boolean resubmitsAfterRestart() {
    return resubmitAfterRestart;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "scenario [" + name + "]";
  }
}
