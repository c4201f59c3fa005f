package dev.crashtest.scenarios;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Hand-made runs for the tests of what fails a run's exit code. */
final class GateRuns {
  private GateRuns() {}

  /** A run of seed 42; a FAIL violates task-completed, unless {@code checkers} name others. */
  static RunResult run(String scenario, String agent, RunVerdict verdict, String... checkers) {
    return run(scenario, agent, 42L, verdict, checkers);
  }

  static RunResult run(String scenario, String agent, long seed, RunVerdict verdict, String... checkers) {
    List<String> failed = verdict != RunVerdict.FAIL ? List.of()
        : checkers.length == 0 ? List.of("task-completed") : List.of(checkers);
    List<CheckResult> checks = failed.stream()
        .map(checker -> new CheckResult(checker, Verdict.FAIL, checker + " failed", List.of(3L))).toList();
    return new RunResult(scenario, agent, seed, verdict, checks,
        verdict == RunVerdict.SKIPPED ? "needs a platform" : verdict == RunVerdict.ERROR ? "agent did not start" : null,
        Map.of("wallTimeMillis", 2_000L), History.of(List.of()), Path.of("out", scenario + "--" + agent));
  }

  /** An ERROR the environment caused: its history records environment_failed. */
  static RunResult brokenByEnvironment(String scenario, String agent) {
    History history = History.startingNow();
    history.append("harness", "runner", "environment_failed", OpType.INFO,
        Map.of("error", "could not start the [crm] service: port in use"));
    return new RunResult(scenario, agent, 42L, RunVerdict.ERROR, List.of(),
        "could not start the [crm] service: port in use", Map.of("wallTimeMillis", 0L), history,
        Path.of("out", scenario + "--" + agent));
  }
}
