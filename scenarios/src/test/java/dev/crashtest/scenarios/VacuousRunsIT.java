package dev.crashtest.scenarios;

import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Faults.killPlatform;
import static dev.crashtest.scenario.Triggers.agentEnters;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.Op;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No vacuous verdicts: a run whose fault never fired, or could not be applied, is ERROR, never PASS. */
class VacuousRunsIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(11).build();

  private static Scenario crashing(String name, dev.crashtest.scenario.Fault fault) {
    return Scenario.named(name).describedAs("a fault the run may never reach").withFault(fault)
        .withTimeout(Duration.ofSeconds(30));
  }

  @Test
  void a_fault_whose_trigger_has_a_typo_makes_the_run_an_error_with_the_nearest_miss(ScenarioRunner runner,
      @Seed long seed) {
    RunResult result = runner.run(crashing("typo", killAgent().when(crmCommitted("place_ordr"))), Agents.naive(),
        seed);

    assertThat(result.verdict()).as("verdict, error: %s", result.error()).isEqualTo(RunVerdict.ERROR);
    assertThat(result.causedByEnvironment()).as("the scenario's mistake, not the environment's").isFalse();
    assertThat(result.error()).as("error").isEqualTo("fault [kill -9 the agent right after the CRM committed"
        + " [place_ordr], restart it after 200 ms] never fired: trigger [right after the CRM committed [place_ordr]]"
        + " never fired; the CRM committed: create_quote, place_order, add_note; the run tested nothing of it: fix"
        + " the trigger, or declare the fault optional()");
    assertThat(missed(result)).as("fault_missed ops").singleElement()
        .satisfies(op -> assertThat(op.details()).as("details").containsEntry("optional", false)
            .containsEntry("kind", "ProcessCrash")
            .containsEntry("nearestMiss", "the CRM committed: create_quote, place_order, add_note"));
  }

  @Test
  void withholding_an_approval_the_task_never_asked_for_is_a_missed_fault_not_a_pass(ScenarioRunner runner,
      @Seed long seed, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Scenario withheld = Scenario.named("withheld-gate-never-opened").withApprovalWithheldFor(Duration.ofSeconds(1))
        .withChecks(java.util.List.of(dev.crashtest.check.Checks.exactlyOnceEffects()))
        .withTimeout(Duration.ofSeconds(30));

    RunResult result = runner.run(withheld,
        dev.crashtest.scenarios.zoo.BugZoo.agent(dev.crashtest.scenarios.zoo.BugZoo.named("approval-skipper")
            .orElseThrow(), dir), seed);

    assertThat(result.verdict()).as("verdict, checks: %s", result.checks()).isEqualTo(RunVerdict.ERROR);
    assertThat(result.error()).as("error").startsWith("fault [withhold the approval (the human never answers)] never"
        + " fired: trigger [when the task awaits approval] never fired; the task never awaited approval; the states"
        + " it reported: ");
    assertThat(missed(result)).as("fault_missed ops").singleElement()
        .satisfies(op -> assertThat(op.details()).as("details").containsEntry("kind", "ApprovalWithheld"));
  }

  @Test
  void an_optional_fault_that_never_fired_is_noted_and_the_run_judged(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(crashing("optional", killAgent().when(crmCommitted("place_ordr")).optional()),
        Agents.naive(), seed);

    assertThat(result.verdict()).as("verdict, error: %s, checks: %s", result.error(), result.checks())
        .isEqualTo(RunVerdict.PASS);
    assertThat(missed(result)).as("fault_missed ops").singleElement()
        .satisfies(op -> assertThat(op.flag("optional")).as("optional").isTrue());
  }

  @Test
  void a_failure_stands_when_a_fault_never_fired_since_it_is_true_of_the_agent_either_way(ScenarioRunner runner,
      @Seed long seed) {
    Scenario scenario = Scenario.named("lost-before-the-typo").describedAs("a crash that fires, a typo that cannot")
        .withFault(killAgent().when(agentEnters("create_quote")))
        .withFault(killAgent().when(crmCommitted("place_ordr")))
        .withTimeout(Duration.ofSeconds(30));

    RunResult result = runner.run(scenario, Agents.naive(), seed);

    assertThat(result.verdict()).as("verdict, error: %s", result.error()).isEqualTo(RunVerdict.FAIL);
    assertThat(result.violations()).as("violations").extracting(check -> check.checker())
        .containsExactly("task-completed");
    assertThat(missed(result)).as("the missed fault is in the history").singleElement()
        .satisfies(op -> assertThat(op.text("trigger")).as("trigger")
            .isEqualTo("right after the CRM committed [place_ordr]"));
  }

  @Test
  void a_fault_that_fired_but_could_not_be_applied_makes_the_run_an_error(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(crashing("no-platform", killPlatform().when(crmCommitted("create_quote"))),
        Agents.naive(), seed);

    assertThat(result.verdict()).as("verdict").isEqualTo(RunVerdict.ERROR);
    assertThat(result.causedByEnvironment()).as("the scenario does not fit the agent: not the environment").isFalse();
    assertThat(result.error()).as("error").matches("fault \\[kill -9 the platform right after the CRM committed"
        + " \\[create_quote\\], restart it after 1000 ms\\] fired but could not be applied \\(op #\\d+\\): .*naive.*"
        + " runs on no platform: there is nothing to kill");
  }

  private static List<Op> missed(RunResult result) {
    return result.history().select(op -> op.is("harness", "fault_missed"));
  }
}
