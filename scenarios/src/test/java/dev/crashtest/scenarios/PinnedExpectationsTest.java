package dev.crashtest.scenarios;

import static dev.crashtest.scenarios.GateRuns.run;
import static dev.crashtest.scenario.RunVerdict.ERROR;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A scenario's pinned verdicts ({@code expect: {naive: FAIL}}) in the gate: met is reported and passes, broken fails
 * the run and says what to do, as pytest's strict xfail; a cell without a pin is judged as before.
 */
class PinnedExpectationsTest {
  private static final Scenario PINNED = Scenario.named("crash-after-place-order-pinned")
      .withExpectation("naive", FAIL);

  @Test
  void a_verdict_that_meets_its_pin_is_reported_as_expected_and_does_not_fail_the_run() {
    Gate.Decision decision = gate("fail").decide(List.of(run(PINNED.name(), "naive", FAIL)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(0);
    assertThat(printed(decision)).as("console").isEqualTo("\nExit 0 (--fail-on fail): nothing fails the run\n"
        + "  reported only: crash-after-place-order-pinned × naive: expected FAIL (pinned in the scenario)\n");
  }

  @Test
  void a_pass_where_a_fail_is_pinned_fails_the_run_and_says_the_agent_may_have_been_fixed() {
    Gate.Decision decision = gate("fail").decide(List.of(run(PINNED.name(), "naive", PASS)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(1);
    assertThat(printed(decision)).as("console").isEqualTo("\nExit 1 (--fail-on fail): 1 scenario × agent result(s)"
        + " fail the run\n  fails the run: crash-after-place-order-pinned × naive: expected FAIL, got PASS; the"
        + " agent was fixed? drop `expect: {naive: FAIL}`\n");
  }

  @Test
  void another_verdict_than_the_pinned_one_fails_the_run_naming_what_it_violated() {
    Scenario pinnedPass = Scenario.named("my-happy-path").withExpectation("naive", PASS);

    List<FailPolicy.Finding> findings = FailPolicy.standard().judge(List.of(run("my-happy-path", "naive", FAIL),
        run(PINNED.name(), "naive", ERROR)), 1, name -> false, expectations(pinnedPass, PINNED));

    assertThat(findings).as("findings").extracting(FailPolicy.Finding::toString).containsExactly(
        "my-happy-path × naive: expected PASS, got FAIL (task-completed); the outcome pinned in the scenario"
            + " changed: fix the agent, or change `expect: {naive: PASS}`",
        "crash-after-place-order-pinned × naive: expected FAIL, got ERROR; the outcome pinned in the scenario"
            + " changed: fix the agent, or change `expect: {naive: FAIL}`");
    assertThat(findings).as("gating").allMatch(FailPolicy.Finding::gating);
  }

  @Test
  void with_tries_every_try_must_meet_the_pin_whatever_pass_k_says() {
    List<RunResult> tries = List.of(run(PINNED.name(), "naive", Seeds.forRepeat(42L, 0), FAIL),
        run(PINNED.name(), "naive", Seeds.forRepeat(42L, 1), PASS),
        run(PINNED.name(), "naive", Seeds.forRepeat(42L, 2), FAIL));

    List<FailPolicy.Finding> findings = FailPolicy.parse(List.of("pass-k:0")).judge(tries, 3, name -> false,
        expectations(PINNED));

    assertThat(findings).as("findings").extracting(FailPolicy.Finding::toString).containsExactly(
        "crash-after-place-order-pinned × naive: expected FAIL, got PASS in 1 of 3 tries; the agent was fixed?"
            + " drop `expect: {naive: FAIL}`");
    assertThat(findings.get(0).gating()).as("gating").isTrue();
  }

  @Test
  void a_pin_for_another_agent_leaves_this_agent_judged_as_before() {
    Gate.Decision decision = gate("fail").decide(List.of(run(PINNED.name(), "naive", FAIL),
        run(PINNED.name(), "temporal", FAIL)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(1);
    assertThat(decision.findings()).as("findings").extracting(FailPolicy.Finding::toString).containsExactly(
        "crash-after-place-order-pinned × naive: expected FAIL (pinned in the scenario)",
        "crash-after-place-order-pinned × temporal: FAIL (task-completed)");
    assertThat(decision.findings()).as("gating").extracting(FailPolicy.Finding::gating).containsExactly(false, true);
  }

  @Test
  void fail_on_none_reports_a_broken_pin_without_failing_the_run() {
    Gate.Decision decision = gate("none").decide(List.of(run(PINNED.name(), "naive", PASS)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(0);
    assertThat(decision.findings()).as("findings").extracting(FailPolicy.Finding::toString).containsExactly(
        "crash-after-place-order-pinned × naive: expected FAIL, got PASS; the agent was fixed? drop"
            + " `expect: {naive: FAIL}` (--fail-on none: reported, not gating)");
  }

  @Test
  void a_broken_pin_of_an_experimental_scenario_gates_only_with_fail_on_experimental() {
    Scenario experimental = PINNED.experimental();
    List<RunResult> runs = List.of(run(PINNED.name(), "naive", PASS));

    Gate.Decision byDefault = new Gate(FailPolicy.standard(), Optional.empty()).knowing(List.of(experimental))
        .decide(runs, 1, false);
    Gate.Decision widened = new Gate(FailPolicy.parse(List.of("experimental")), Optional.empty())
        .knowing(List.of(experimental)).decide(runs, 1, false);

    assertThat(byDefault.exitCode()).as("by default").isEqualTo(0);
    assertThat(byDefault.findings()).as("reported").extracting(FailPolicy.Finding::toString).containsExactly(
        "crash-after-place-order-pinned × naive: expected FAIL, got PASS; the agent was fixed? drop"
            + " `expect: {naive: FAIL}` (experimental: reported, not gating; --fail-on experimental gates it)");
    assertThat(widened.exitCode()).as("--fail-on experimental").isEqualTo(1);
  }

  @Test
  void a_scenario_the_gate_was_not_told_about_pins_nothing() {
    Gate.Decision decision = new Gate(FailPolicy.standard(), Optional.empty())
        .decide(List.of(run(PINNED.name(), "naive", FAIL)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(1);
  }

  private static Gate gate(String failOn) {
    return new Gate(FailPolicy.parse(List.of(failOn)), Optional.empty()).knowing(List.of(PINNED));
  }

  private static FailPolicy.Expectations expectations(Scenario... scenarios) {
    return FailPolicy.Expectations.of(name -> List.of(scenarios).stream()
        .filter(scenario -> scenario.name().equals(name)).findFirst());
  }

  private static String printed(Gate.Decision decision) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    decision.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
