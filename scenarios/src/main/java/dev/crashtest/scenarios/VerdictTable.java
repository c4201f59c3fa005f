package dev.crashtest.scenarios;

import dev.crashtest.check.CheckResult;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** The verdict table, then what each failed run violated and the command that reproduces it. */
final class VerdictTable {
  private VerdictTable() {}

  static void print(List<RunResult> results, PrintStream out) {
    int scenarioWidth = Math.max(38, results.stream().mapToInt(r -> r.scenario().length()).max().orElse(0));
    int agentWidth = Math.max(8, results.stream().mapToInt(r -> r.agent().length()).max().orElse(0));
    String format = "%-" + scenarioWidth + "s %-" + agentWidth + "s %-8s %-44s %8s%n";
    out.printf(format, "SCENARIO", "AGENT", "VERDICT", "VIOLATED CHECKS", "TIME");
    for (RunResult result : results) {
      String violated = result.verdict() == RunVerdict.ERROR && result.violations().isEmpty()
          ? "(could not run)"
          : result.violations().stream().map(CheckResult::checker).collect(Collectors.joining(", "));
      out.printf(format, result.scenario(), result.agent(), result.verdict(), violated.isEmpty() ? "-" : violated,
          String.format("%.1f s", result.metrics().getOrDefault(RunMetrics.WALL_TIME_MILLIS, 0L) / 1000.0));
    }
    for (RunResult result : results) {
      if (result.verdict() == RunVerdict.PASS || result.verdict() == RunVerdict.SKIPPED) {
        continue;
      }
      out.printf("%n%s × %s: %s%n", result.scenario(), result.agent(), result.verdict());
      if (!result.error().isEmpty()) {
        out.printf("  error: %s%n", result.error());
      }
      for (CheckResult violation : result.violations()) {
        out.printf("  %s: %s%n", violation.checker(), violation.message());
      }
      out.printf("  history: %s%n", result.directory().resolve("history.jsonl"));
      out.printf("  reproduce: %s%n", result.reproduce());
    }
  }
}
