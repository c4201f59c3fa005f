package dev.crashtest.scenario;

import dev.crashtest.check.Checker;
import dev.crashtest.check.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
  // Set only while a copy is made (see copy()); a Scenario never changes once a caller holds it.
  private String name;
  private String description = "";
  private List<Fault> faults = List.of();
  private List<Checker> checks = Checks.standard();
  private boolean resubmitAfterRestart;
  private Duration timeout = Duration.ofSeconds(60);
  private Duration approvalDelay = Duration.ZERO;
  private long clockCompression = 1;
  private boolean requiresPlatform;
  private boolean requiresStatefulPlatform;
  private boolean experimental;
  private String handoffFrom;
  private Duration approvalWithheldFor;
  private java.util.Map<String, RunVerdict> expectations = java.util.Map.of();

  private Scenario(String name) {
    this.name = name;
  }

  private Scenario copy(Consumer<Scenario> change) {
    Scenario copy = new Scenario(name);
    copy.description = description;
    copy.faults = faults;
    copy.checks = checks;
    copy.resubmitAfterRestart = resubmitAfterRestart;
    copy.timeout = timeout;
    copy.approvalDelay = approvalDelay;
    copy.clockCompression = clockCompression;
    copy.requiresPlatform = requiresPlatform;
    copy.requiresStatefulPlatform = requiresStatefulPlatform;
    copy.experimental = experimental;
    copy.handoffFrom = handoffFrom;
    copy.approvalWithheldFor = approvalWithheldFor;
    copy.expectations = expectations;
    change.accept(copy);
    return copy;
  }

  /** A scenario with no faults that expects the standard checks to pass, within 60 s. */
  public static Scenario named(String name) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*(\\[[^\\]]+\\])?")) {
      throw new IllegalArgumentException(
          "scenario name [" + name + "] must be lower-case words joined by '-', e.g. \"crash-after-place-order\"");
    }
    return new Scenario(name);
  }

  public Scenario describedAs(String description) {
    Objects.requireNonNull(description, "description");
    return copy(s -> s.description = description);
  }

  /** Adds a fault to the schedule. */
  public Scenario withFault(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    List<Fault> more = new ArrayList<>(faults);
    more.add(fault);
    return copy(s -> s.faults = List.copyOf(more));
  }

  /** Replaces the checks the run must pass. */
  public Scenario withChecks(List<Checker> checks) {
    List<Checker> copied = List.copyOf(checks);
    return copy(s -> s.checks = copied);
  }

  /** After each agent restart the harness submits the task again, as a queue redelivering a message would. */
  public Scenario withTaskResubmittedAfterRestart() {
    return copy(s -> s.resubmitAfterRestart = true);
  }

  /** How long the task may take before the run ends and the task counts as not completed. */
  public Scenario withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got [" + timeout + "]");
    }
    return copy(s -> s.timeout = timeout);
  }

  /**
   * The human approves {@code scenarioTime} after the agent asks (e.g. 72 hours), on the scenario clock: see
   * {@link #withClockCompression(long)}.
   */
  public Scenario withApprovalDelay(Duration scenarioTime) {
    if (scenarioTime.isNegative()) {
      throw new IllegalArgumentException("approval delay must be >= 0, got [" + scenarioTime + "]");
    }
    return copy(s -> s.approvalDelay = scenarioTime);
  }

  /** One real millisecond stands for {@code factor} scenario milliseconds (86 400: a day passes in a second). */
  public Scenario withClockCompression(long factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("clock compression must be >= 1, got [" + factor + "]");
    }
    return copy(s -> s.clockCompression = factor);
  }

  /**
   * The human never answers: no approval is sent, and the run ends {@code hold} (real time) after the task starts
   * awaiting approval, the task still waiting being the expected end. A run whose task never awaits approval judges
   * nothing here: it is an ERROR unless a check already failed.
   *
   * <pre>{@code
   * Scenario.named("approval-withheld").withApprovalWithheldFor(Duration.ofSeconds(3))
   *     .withChecks(Checks.alwaysAnd(Checks.exactlyOnceEffects()));
   * }</pre>
   */
  public Scenario withApprovalWithheldFor(Duration hold) {
    if (hold == null || hold.isNegative() || hold.isZero()) {
      throw new IllegalArgumentException("withApprovalWithheldFor needs a positive duration, got [" + hold + "];"
          + " for example: withApprovalWithheldFor(Duration.ofSeconds(3))");
    }
    return copy(s -> s.approvalWithheldFor = hold);
  }

  /** How long the run watches a task whose approval is withheld, if the scenario withholds it. */
  public java.util.Optional<Duration> approvalWithheldFor() {
    return java.util.Optional.ofNullable(approvalWithheldFor);
  }

  /**
   * The task arrives from an upstream agent, {@code upstreamAgent} (its own client in the same environment), that
   * passes its own delegated token along with the task as {@code handoffToken}: token passthrough. An agent must
   * never present it; it exchanges the user's token for its own.
   */
  public Scenario withHandoffFrom(String upstreamAgent) {
    if (upstreamAgent == null || upstreamAgent.isBlank()) {
      throw new IllegalArgumentException("withHandoffFrom needs the upstream agent's client id, e.g."
          + " withHandoffFrom(\"orchestrator-agent\")");
    }
    return copy(s -> s.handoffFrom = upstreamAgent);
  }

  /** The upstream agent that hands the task over with its own token, if any. */
  public java.util.Optional<String> handoffFrom() {
    return java.util.Optional.ofNullable(handoffFrom);
  }

  /** Only agents on a durable-execution platform can run it; others are skipped, not judged. */
  public Scenario requiringPlatform() {
    return copy(s -> s.requiresPlatform = true);
  }

  /** Only agents whose platform keeps its state across a restart can run it (it kills the platform). */
  public Scenario requiringStatefulPlatform() {
    return copy(s -> {
      s.requiresPlatform = true;
      s.requiresStatefulPlatform = true;
    });
  }

  /**
   * A scenario still being settled: its failures are reported but, by default, do not fail a CI run (the command
   * line's {@code --fail-on experimental} makes them count).
   */
  public Scenario experimental() {
    return copy(s -> s.experimental = true);
  }

  /**
   * Pins a known outcome for one agent: a suite may keep a scenario that {@code agent} is known to fail without the
   * failure failing the gate. The gate fails instead when the outcome changes (an expected FAIL that now passes says
   * the agent was fixed: drop the expectation).
   *
   * <pre>{@code
   * Scenario.named("crash-after-place-order").withExpectation("naive", RunVerdict.FAIL);
   * }</pre>
   */
  public Scenario withExpectation(String agent, RunVerdict verdict) {
    if (agent == null || agent.isBlank()) {
      throw new IllegalArgumentException("withExpectation needs an agent name, e.g. withExpectation(\"naive\", FAIL)");
    }
    if (verdict == null || verdict == RunVerdict.SKIPPED) {
      throw new IllegalArgumentException("withExpectation needs PASS, FAIL or ERROR for [" + agent + "], got ["
          + verdict + "]");
    }
    java.util.Map<String, RunVerdict> more = new java.util.LinkedHashMap<>(expectations);
    more.put(agent, verdict);
    java.util.Map<String, RunVerdict> copied = java.util.Collections.unmodifiableMap(more);
    return copy(s -> s.expectations = copied);
  }

  /** The verdict each agent is expected to get, by agent name, in the order they were added. */
  public java.util.Map<String, RunVerdict> expectations() {
    return expectations;
  }

  /** Whether this scenario is {@link #experimental()}. */
  public boolean isExperimental() {
    return experimental;
  }

  /** Why {@code agent} cannot run this scenario, or empty when it can. */
  public java.util.Optional<String> notApplicableTo(dev.crashtest.agent.AgentSpec agent) {
    if (requiresPlatform && agent.platform().isEmpty()) {
      return java.util.Optional.of(agent + " runs on no durable-execution platform; " + this + " needs one");
    }
    if (requiresStatefulPlatform && !agent.platform().get().keepsStateAcrossRestarts()) {
      return java.util.Optional.of(agent.platform().get() + " loses its state when it dies; " + this
          + " kills the platform, which only a platform that keeps its state survives");
    }
    return java.util.Optional.empty();
  }

  /**
   * Why this scenario cannot run on {@code workload} (a trigger on a tool or operation the workload lacks, a fault of
   * a service it does not have), or empty when it can.
   */
  public java.util.Optional<String> notApplicableTo(dev.crashtest.workload.Workload workload) {
    return WorkloadFit.misfit(this, workload);
  }

  /** The same scenario under another name, e.g. one point of a sweep: {@code crash-point-sweep[crm:place_order#1]}. */
  public Scenario renamed(String newName) {
    Scenario.named(newName);
    return copy(s -> s.name = newName);
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

  /**
   * Two scenarios are equal when every part is: name, description, faults in order, checks in order (by name and
   * argument), and every setting. A scenario written to a file and read back is equal to the one written.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Scenario that && name.equals(that.name) && description.equals(that.description)
        && faults.equals(that.faults) && checkKeys().equals(that.checkKeys())
        && resubmitAfterRestart == that.resubmitAfterRestart && timeout.equals(that.timeout)
        && approvalDelay.equals(that.approvalDelay) && clockCompression == that.clockCompression
        && requiresPlatform == that.requiresPlatform && requiresStatefulPlatform == that.requiresStatefulPlatform
        && experimental == that.experimental && Objects.equals(handoffFrom, that.handoffFrom)
        && Objects.equals(approvalWithheldFor, that.approvalWithheldFor) && expectations.equals(that.expectations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, faults, checkKeys(), timeout, approvalDelay, expectations);
  }

  private List<String> checkKeys() {
    return checks.stream().map(check -> check.name() + check.argument()).toList();
  }

  /** The scenario clock's compression: one real millisecond stands for this many scenario milliseconds. */
  public long clockCompression() {
    return clockCompression;
  }

  /** Whether only agents whose platform keeps its state across a restart can run it. */
  public boolean requiresStatefulPlatform() {
    return requiresStatefulPlatform;
  }

  @Override
  public String toString() {
    return "scenario [" + name + "]";
  }
}
