package dev.crashtest.scenarios;

import static dev.crashtest.junit.Crashtest.assertThat;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.junit.CrashtestExtension;
import dev.crashtest.junit.Seed;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent can say what a checker's failure means in its platform's terms (the LangGraph agent does for
 * no-work-redone): the hint follows the checker's own message; a check that passes carries none.
 */
class FailureHintIT {
  @RegisterExtension
  static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(2026).build();

  @Test
  void a_failing_check_carries_the_agents_hint_after_its_own_message(ScenarioRunner runner, @Seed long seed) {
    RunResult result = runner.run(Catalogue.crashBeforeCreateQuote(), Agents.naive()
        .withFailureHint("task-completed", "the naive runtime keeps tasks in memory; pick --agent temporal")
        .withFailureHint("exactly-once-effects", "never shown: this check passes"), seed);

    assertThat(result).failedOn("task-completed");
    assertThat(result).check("task-completed").hasMessageContaining("lost: after the agent restarted")
        .hasMessageContaining("[naive: the naive runtime keeps tasks in memory; pick --agent temporal]");
    assertThat(result).check("exactly-once-effects").passed();
  }
}
