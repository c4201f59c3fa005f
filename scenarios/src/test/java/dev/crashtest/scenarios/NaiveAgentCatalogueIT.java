package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.ScenarioRunner;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness tested against an agent known to be fragile: it must pass the happy path and be caught on crashes. */
class NaiveAgentCatalogueIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(2026).build();

  @Test
  void naive_agent_passes_the_happy_path(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.happyPath(), Agents.naive(), seed);

    assertThat(result.verdict()).as("checks %s, error %s", result.checks(), result.error()).isEqualTo(RunVerdict.PASS);
  }

  @Test
  void naive_agent_loses_the_task_when_killed_before_create_quote(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashBeforeCreateQuote(), Agents.naive(), seed);

    assertThat(verdicts(result)).as("checks").containsExactlyInAnyOrderEntriesOf(Map.of(
        "task-completed", Verdict.FAIL, "exactly-once-effects", Verdict.PASS,
        "no-work-redone", Verdict.PASS, "delegated-writes", Verdict.PASS, "approval-gate", Verdict.PASS,
        "requested-writes", Verdict.PASS, "secret-hygiene", Verdict.PASS));
    assertThat(message(result, "task-completed")).matches(
        "task \\[task-[0-9a-f]{8}\\] lost: after the agent restarted \\(op #\\d+\\) it no longer knew the task"
            + " \\(404 at op #\\d+\\) and never completed it; keep task progress in HARNESS_STATE_DIR or a durable runtime");
  }

  @Test
  void naive_agent_loses_the_task_when_killed_after_the_order_was_committed(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashAfterPlaceOrder(), Agents.naive(), seed);

    assertThat(result.verdict()).isEqualTo(RunVerdict.FAIL);
    assertThat(verdicts(result)).as("checks").containsEntry("task-completed", Verdict.FAIL)
        .containsEntry("exactly-once-effects", Verdict.PASS);
    assertThat(message(result, "task-completed")).contains("lost");
    assertThat(result.metrics()).as("the order exists though the agent never learned of it")
        .containsEntry("sideEffects", 2L);
  }

  @Test
  void redelivered_task_redoes_completed_work_but_idempotency_keys_prevent_a_second_order(
      ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashAfterPlaceOrderRedelivered(), Agents.naive(), seed);

    assertThat(verdicts(result)).as("checks; error %s", result.error()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "task-completed", Verdict.PASS, "exactly-once-effects", Verdict.PASS,
        "no-work-redone", Verdict.FAIL, "delegated-writes", Verdict.PASS, "approval-gate", Verdict.PASS,
        "requested-writes", Verdict.PASS, "secret-hygiene", Verdict.PASS));
    assertThat(message(result, "no-work-redone")).matches("work redone after the agent restart at op #\\d+:"
        + " 4 model call\\(s\\) \\(turns 1, 2, 3, 4\\) and 2 CRM call\\(s\\) \\(get_account, create_quote\\)"
        + " that had completed before the crash were made again; checkpoint each step and resume from it");
  }

  private static Map<String, Verdict> verdicts(RunResult result) {
    return result.checks().stream().collect(Collectors.toMap(CheckResult::checker, CheckResult::verdict));
  }

  private static String message(RunResult result, String checker) {
    return result.checks().stream().filter(c -> c.checker().equals(checker)).findFirst().orElseThrow().message();
  }
}
