package dev.crashtest.reports;

import static dev.crashtest.reports.Runs.run;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static dev.crashtest.scenario.RunVerdict.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenario.RunResult;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final List<RunResult> TWO_TRIES = List.of(
      run("happy-path", "naive", PASS, "modelTokens", 100),
      run("happy-path", "naive", PASS, "modelTokens", 300),
      run("crash-after-place-order", "naive", FAIL, "unrecoveredRestarts", 1),
      run("crash-after-place-order", "naive", FAIL, "unrecoveredRestarts", 1),
      run("happy-path", "python", PASS),
      run("happy-path", "python", FAIL),
      run("crash-after-place-order", "python", PASS, "recoveryMillis", 400, "redoneModelCalls", 2),
      run("crash-after-place-order", "python", PASS, "recoveryMillis", 200, "duplicateEffects", 1),
      run("platform-restart", "python", SKIPPED));

  @Test
  void a_cell_folds_the_tries_of_one_scenario_against_one_agent_grouped_by_scenario() {
    Comparison comparison = Comparison.of(TWO_TRIES, 2);

    assertThat(comparison.cells()).as("cells").extracting(Comparison.Cell::scenario, Comparison.Cell::agent,
        Comparison.Cell::verdict, Comparison.Cell::passed, Comparison.Cell::passK).containsExactly(
        org.assertj.core.groups.Tuple.tuple("happy-path", "naive", PASS, 2, OptionalDouble.of(1.0)),
        org.assertj.core.groups.Tuple.tuple("happy-path", "python", FAIL, 1, OptionalDouble.of(0.0)),
        org.assertj.core.groups.Tuple.tuple("crash-after-place-order", "naive", FAIL, 0, OptionalDouble.of(0.0)),
        org.assertj.core.groups.Tuple.tuple("crash-after-place-order", "python", PASS, 2, OptionalDouble.of(1.0)),
        org.assertj.core.groups.Tuple.tuple("platform-restart", "python", SKIPPED, 0, OptionalDouble.empty()));
    Comparison.Cell recovered = comparison.cells().get(3);
    assertThat(recovered.medianRecoveryMillis()).as("median of 200 and 400").isEqualTo(OptionalLong.of(200));
    assertThat(recovered.duplicates()).as("duplicates").isEqualTo(1);
    assertThat(recovered.redoneModelCalls()).as("redone model calls").isEqualTo(2);
    assertThat(comparison.cells().get(0).medianModelTokens()).as("median tokens").isEqualTo(100);
  }

  @Test
  void an_agents_pass_k_is_the_mean_over_the_scenarios_it_was_judged_on() {
    Comparison comparison = Comparison.of(TWO_TRIES, 2);

    Comparison.AgentSummary naive = comparison.agents().get(0);
    Comparison.AgentSummary python = comparison.agents().get(1);
    assertThat(naive.passK()).as("naive").isEqualTo(OptionalDouble.of(0.5));
    assertThat(naive.unrecovered()).as("naive unrecovered").isEqualTo(2);
    assertThat(naive.medianRecoveryMillis()).as("naive never recovered").isEmpty();
    assertThat(python.passK()).as("python, skipped scenario left out").isEqualTo(OptionalDouble.of(0.5));
    assertThat(python.scenarios()).as("python scenarios judged").isEqualTo(2);
    assertThat(python.runs()).as("python runs judged").isEqualTo(4);
    assertThat(python.passed()).as("python runs passed").isEqualTo(3);
  }

  @Test
  void cells_are_grouped_by_scenario_whatever_order_the_agents_ran_in() {
    Comparison comparison = Comparison.of(List.of(run("happy-path", "naive", PASS), run("crash", "naive", FAIL),
        run("happy-path", "python", PASS), run("crash", "python", PASS)), 1);

    assertThat(comparison.cells()).as("cells").extracting(cell -> cell.scenario() + " × " + cell.agent())
        .containsExactly("happy-path × naive", "happy-path × python", "crash × naive", "crash × python");
  }
}
