package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash the naive agent is caught on ({@link NaiveAgentCatalogueIT}), run through the harness against the
 * same procurement logic on each durable runtime: each resumes from its checkpoint, exactly once, redoing nothing.
 */
class DurableRuntimesIT {

  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(404).build();

  @Test
  void temporal_resumes_after_a_kill_right_after_the_order_was_committed(ScenarioRunner runner, @Seed long seed) {
    assertRecovered(runner.run(Catalogue.crashAfterPlaceOrder(), Agents.temporal(), seed));
  }

  @Test
  void dbos_resumes_after_a_kill_and_survives_its_database_dying(ScenarioRunner runner, @Seed long seed) {
    AgentSpec dbos = Agents.named("dbos").orElseThrow();
    assertRecovered(runner.run(Catalogue.crashAfterPlaceOrder(), dbos, seed));
    assertThat(runner.run(Catalogue.platformRestart(), dbos, seed)).passed();
  }

  @Test
  void restate_resumes_after_a_kill_and_survives_its_server_dying(ScenarioRunner runner, @Seed long seed) {
    AgentSpec restate = Agents.named("restate").orElseThrow();
    assertRecovered(runner.run(Catalogue.crashAfterPlaceOrder(), restate, seed));
    assertThat(runner.run(Catalogue.platformRestart(), restate, seed)).passed();
  }

  @Test
  void platform_restart_is_skipped_for_temporal_whose_test_server_forgets(ScenarioRunner runner, @Seed long seed) {
    Scenario scenario = Catalogue.platformRestart();

    RunResult result = runner.run(scenario, Agents.temporal(), seed);

    assertThat(result).hasVerdict(RunVerdict.SKIPPED);
    assertThat(result.error()).isEqualTo("platform [temporal-platform] loses its state when it dies;"
        + " scenario [platform-restart] kills the platform, which only a platform that keeps its state survives");
  }

  private static void assertRecovered(RunResult result) {
    assertThat(result).passed();
    assertThat(result.metrics()).as("%s on %s", result.scenario(), result.agent())
        .containsEntry("kills", 1L).containsEntry("restarts", 1L).containsEntry("sideEffects", 3L)
        .containsEntry("redoneCalls", 0L);
  }
}
