package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incidents in examples/incidents, read from their files and run: the naive agent (progress in memory) and the
 * Python agent (durable through its journal) get the verdicts docs/scenarios.md shows, by the checks it names.
 */
class IncidentExamplesIT {
  private static final String[] STANDARD_CHECKS = {"task-completed", "exactly-once-effects", "no-work-redone",
      "delegated-writes", "approval-gate", "requested-writes", "secret-hygiene"};

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(42).build();

  @Test
  void a_worker_killed_after_the_order_and_redelivered_makes_the_naive_agent_redo_completed_work(
      ScenarioRunner runner, @Seed long seed) {
    Scenario incident = IncidentExamples.incident("worker-killed-after-order-redelivered").scenario();

    RunResult result = runner.run(incident, Agents.naive(), seed);

    assertThat(result).hasChecks(STANDARD_CHECKS).failedOn("no-work-redone");
    assertThat(result).check("no-work-redone").hasMessageMatching("work redone after the agent restart at op #\\d+:"
        + " 4 model call\\(s\\) \\(turns 1, 2, 3, 4\\) and 2 CRM call\\(s\\) \\(get_account, create_quote\\)"
        + " that had completed before the crash were made again; checkpoint each step and resume from it");
    assertThat(incident.expectations()).as("the file pins the naive agent's outcome")
        .containsEntry("naive", result.verdict());
  }

  @Test
  void the_python_agent_resumes_from_its_journal_after_the_same_kill(ScenarioRunner runner, @Seed long seed) {
    Scenario incident = IncidentExamples.incident("worker-killed-after-order-redelivered").scenario();

    RunResult result = runner.run(incident, Agents.python(), seed);

    assertThat(result).passed();
    assertThat(result.metrics()).as("killed once, restarted once, nothing redone, nothing twice")
        .containsEntry("kills", 1L).containsEntry("restarts", 1L).containsEntry("redoneCalls", 0L)
        .containsEntry("duplicateEffects", 0L);
  }

  @Test
  void the_naive_agent_waits_out_the_identity_outage_and_the_throttled_model_during_the_approval(
      ScenarioRunner runner, @Seed long seed) {
    Scenario incident = IncidentExamples.incident("idp-down-during-approval").scenario();

    RunResult result = runner.run(incident, Agents.naive(), seed);

    assertThat(result).hasChecks(standardAnd("least-privilege", "retry-after-honoured")).passed();
    assertThat(result).check("retry-after-honoured").hasMessage("the agent waited as asked after all 2 answer(s) 429");
  }

  @Test
  void the_naive_agent_rides_out_crm_latency_and_retries_the_reset_order_once(ScenarioRunner runner, @Seed long seed) {
    Scenario incident = IncidentExamples.incident("crm-latency-then-reset").scenario();

    RunResult result = runner.run(incident, Agents.naive(), seed);

    assertThat(result).hasChecks(standardAnd("bounded-retries")).passed();
    assertThat(result).check("exactly-once-effects").hasMessageStartingWith("each side effect happened once:");
  }

  private static String[] standardAnd(String... more) {
    return Stream.concat(Arrays.stream(STANDARD_CHECKS), Arrays.stream(more)).toArray(String[]::new);
  }
}
