package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness tested against an agent known to be fragile: it must pass the happy path and be caught on crashes. */
class NaiveAgentCatalogueIT {
  private static final String[] STANDARD_CHECKS = {"task-completed", "exactly-once-effects", "no-work-redone",
      "delegated-writes", "approval-gate", "requested-writes", "secret-hygiene"};

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(2026).build();

  @Test
  void naive_agent_passes_the_happy_path(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.happyPath(), Agents.naive(), seed);

    assertThat(result).passed();
  }

  @Test
  void naive_agent_loses_the_task_when_killed_before_create_quote(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashBeforeCreateQuote(), Agents.naive(), seed);

    assertThat(result).hasChecks(STANDARD_CHECKS).failedOn("task-completed");
    assertThat(result).check("task-completed").hasMessageMatching(
        "task \\[task-[0-9a-f]{8}\\] lost: after the agent restarted \\(op #\\d+\\) it no longer knew the task"
            + " \\(404 at op #\\d+\\) and never completed it; keep task progress in HARNESS_STATE_DIR or a durable runtime");
  }

  @Test
  void naive_agent_loses_the_task_when_killed_after_the_order_was_committed(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashAfterPlaceOrder(), Agents.naive(), seed);

    assertThat(result).hasVerdict(RunVerdict.FAIL);
    assertThat(result).check("task-completed").failed().hasMessageContaining("lost");
    assertThat(result).check("exactly-once-effects").passed();
    assertThat(result.metrics()).as("the order exists though the agent never learned of it")
        .containsEntry("sideEffects", 2L);
  }

  @Test
  void redelivered_task_redoes_completed_work_but_idempotency_keys_prevent_a_second_order(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashAfterPlaceOrderRedelivered(), Agents.naive(), seed);

    assertThat(result).hasChecks(STANDARD_CHECKS).failedOn("no-work-redone");
    assertThat(result).check("no-work-redone").hasMessageMatching("work redone after the agent restart at op #\\d+:"
        + " 4 model call\\(s\\) \\(turns 1, 2, 3, 4\\) and 2 CRM call\\(s\\) \\(get_account, create_quote\\)"
        + " that had completed before the crash were made again; checkpoint each step and resume from it");
  }
}
