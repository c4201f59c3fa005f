package dev.crashtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.Environment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exception of the harness in the middle of a run is a run ERROR naming it, never an exception of run(). */
class HarnessFailureIT {

  @TempDir Path dir;

  @Test
  void a_harness_exception_mid_run_is_an_error_with_its_cause_blamed_on_the_harness() throws Exception {
    try (Environment environment = Environment.embedded().withSeed(11).start()) {
      assertHarnessFailureIsAnError(environment);
    }
  }

  private void assertHarnessFailureIsAnError(Environment environment) throws Exception {
    Path script = Path.of(HarnessFailureIT.class.getResource("/agents/broken_control_agent.py").toURI());
    AgentSpec agent = AgentSpec.command("broken-status", List.of("python3", "-u", script.toString(), "status-html"));

    RunResult result = ScenarioRunner.on(environment).writingTo(dir)
        .stoppedBy(() -> {
          throw new IllegalStateException("the stop signal broke");
        })
        .run(Scenario.named("harness-failure"), agent, 11L);

    assertThat(result.verdict()).as("verdict").isEqualTo(RunVerdict.ERROR);
    assertThat(result.error()).as("error").isEqualTo("the harness failed during the run:"
        + " java.lang.IllegalStateException: the stop signal broke; nothing of it is the agent's fault: rerun, and"
        + " report it with the history if it repeats");
    assertThat(result.causedByEnvironment()).as("blamed on the harness").isTrue();
  }
}
