package dev.crashtest.junit;

import static dev.crashtest.junit.Crashtest.assertThat;
import static dev.crashtest.junit.Crashtest.javaMain;
import static dev.crashtest.junit.Crashtest.scenario;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real agent failing a real scenario: the test fails with an AssertionError a human reads in a minute. */
class ScenarioFailedErrorIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(42).build();

  @Test
  void an_agent_that_loses_the_task_fails_the_test_with_the_violation_its_evidence_and_the_rerun_command(
      ScenarioRunner runner, @Seed long seed) {
    var naive = javaMain("naive", "dev.crashtest.agents.ProcurementAgentMain", "--runtime", "naive")
        .selectedBy("--agent naive");
    RunResult result = runner.run(scenario("crash-before-create-quote"), naive, seed);

    assertThatThrownBy(() -> assertThat(result).passed())
        .isInstanceOf(ScenarioFailedError.class)
        .isInstanceOf(AssertionError.class)
        .satisfies(error -> System.out.println("the failure a test report shows:\n" + error.getMessage()))
        .hasMessageMatching("(?s)expected the run to pass, but it was FAIL\n"
            + "scenario \\[crash-before-create-quote\\], agent \\[naive\\]: FAIL\n"
            + "  task-completed FAIL: task \\[task-[0-9a-f]{8}\\] lost: after the agent restarted \\(op #\\d+\\) it no"
            + " longer knew the task \\(404 at op #\\d+\\) and never completed it; keep task progress in"
            + " HARNESS_STATE_DIR or a durable runtime\n"
            + "(    evidence: #\\d+ \\+\\d+ms [\\w-]+ [\\w-]+ (OK|FAIL|INFO|INVOKE)\n)+"
            + "  seed: 42\n"
            + "  history: /.*/target/crashtest/ScenarioFailedErrorIT/"
            + "an_agent_that_loses_the_task_fails_the_test_with_the_violation_its_evidence_and_the_rerun_command/"
            + "crash-before-create-quote--naive/history.jsonl\n"
            + "  reproduce: ./crashtest run --scenario crash-before-create-quote --agent naive --seed 42");
    assertThat(result).failedOn("task-completed").check("task-completed").failed()
        .hasMessageContaining("never completed it");
  }
}
