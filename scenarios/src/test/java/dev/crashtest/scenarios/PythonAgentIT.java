package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.junit.CrashtestTest;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.ScenarioRunner;

/** The Python agent was written from docs/agent-contract.md alone: it passing proves the document is complete. */
class PythonAgentIT {

  @CrashtestTest
  void python_agent_written_from_the_contract_passes_the_happy_path(ScenarioRunner runner) {
    RunResult result = runner.run(Catalogue.happyPath(), Agents.python(), 5L);

    assertThat(result.verdict()).as("checks %s, error %s", result.checks(), result.error()).isEqualTo(RunVerdict.PASS);
    assertThat(result.metrics()).as("metrics").containsEntry("sideEffects", 3L);
  }
}
