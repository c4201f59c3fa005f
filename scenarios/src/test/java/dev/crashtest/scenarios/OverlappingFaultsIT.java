package dev.crashtest.scenarios;

import static dev.crashtest.scenario.Faults.killAgent;
import static dev.crashtest.scenario.Faults.pauseAgent;
import static dev.crashtest.scenario.Triggers.crmCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.history.Vocabulary;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults that overlap, as explore draws them: a freeze that comes while an earlier kill has the agent down finds no
 * process to freeze. That is the schedule's doing, not a broken environment: the run is judged, not an ERROR (found by
 * exploring the Restate agent, seed 2026, run 3).
 */
class OverlappingFaultsIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(2026).build();

  @Test
  void a_freeze_while_the_agent_is_down_is_noted_and_the_run_is_judged(ScenarioRunner runner, @Seed long seed) {
    Scenario overlap = Scenario.named("freeze-while-down")
        .describedAs("kill -9 after create_quote committed, restart after 1.5 s; freeze the agent at the same moment")
        .withFault(killAgent().when(crmCommitted("create_quote")).restartAfter(Duration.ofMillis(1500)))
        .withFault(pauseAgent().when(crmCommitted("create_quote")).lasting(Duration.ofMillis(500)))
        .withTimeout(Duration.ofSeconds(30));

    RunResult result = runner.run(overlap, Agents.naive(), seed);

    assertThat(result.verdict()).as("verdict; error: %s", result.error()).isNotEqualTo(RunVerdict.ERROR);
    assertThat(result.history().select(op -> op.is(Vocabulary.HARNESS, Vocabulary.AGENT_PAUSE_SKIPPED)))
        .as("the pause that found no process").hasSize(1);
    assertThat(result.history().select(op -> op.is(Vocabulary.HARNESS, Vocabulary.FAULT_FAILED)))
        .as("faults that could not be applied").isEmpty();
  }
}
