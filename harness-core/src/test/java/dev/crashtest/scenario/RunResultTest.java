package dev.crashtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultTest {

  @Test
  void an_error_whose_history_records_the_environment_failing_is_the_environments() {
    History history = History.startingNow();
    history.append("harness", "runner", "environment_failed", OpType.INFO,
        Map.of("error", "could not create the CRM hop of agent [naive-agent]"));

    RunResult run = result(RunVerdict.ERROR, history);

    assertThat(run.causedByEnvironment()).as("environment failed").isTrue();
  }

  @Test
  void an_error_of_the_agent_and_a_failure_are_not_the_environments() {
    History history = History.startingNow();
    history.append("harness", "runner", "environment_failed", OpType.INFO, Map.of());

    assertThat(result(RunVerdict.ERROR, History.startingNow()).causedByEnvironment())
        .as("agent did not start").isFalse();
    assertThat(result(RunVerdict.FAIL, history).causedByEnvironment()).as("a judged run").isFalse();
  }

  @Test
  void a_check_that_could_not_decide_makes_the_run_an_error_and_a_failure_wins_over_it() {
    CheckResult pass = new CheckResult("exactly-once-effects", Verdict.PASS, "ok", List.of());
    CheckResult unknown = new CheckResult("broken", Verdict.UNKNOWN, "the checker crashed: java.lang.AssertionError",
        List.of());
    CheckResult fail = new CheckResult("task-completed", Verdict.FAIL, "lost", List.of());

    assertThat(RunResult.verdictOf(List.of(pass, unknown))).as("pass + unknown").isEqualTo(RunVerdict.ERROR);
    assertThat(RunResult.verdictOf(List.of(unknown, fail))).as("unknown + fail").isEqualTo(RunVerdict.FAIL);
    assertThat(RunResult.verdictOf(List.of(pass))).as("pass only").isEqualTo(RunVerdict.PASS);
  }

  private static RunResult result(RunVerdict verdict, History history) {
    return new RunResult("happy-path", "naive", 42L, verdict, List.of(), "boom", Map.of(), history,
        Path.of("out"));
  }
}
