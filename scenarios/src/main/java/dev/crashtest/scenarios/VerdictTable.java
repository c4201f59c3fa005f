package dev.crashtest.scenarios;

import dev.crashtest.check.CheckResult;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** The verdict table, then what each failed run violated and the command that reproduces it. */
final class VerdictTable {
  private VerdictTable() {}

  static void print(List<RunResult> results, PrintStream out) {
    String format = "%-38s %-8s %-8s %-44s %8s%n";
    out.printf(format, "SCENARIO", "AGENT", "VERDICT", "VIOLATED CHECKS", "TIME");
    for (RunResult result : results) {
      String violated = result.verdict() == RunVerdict.ERROR && result.violations().isEmpty()
          ? "(could not run)"
          : result.violations().stream().map(CheckResult::checker).collect(Collectors.joining(", "));
      out.printf(format, result.scenario(), result.agent(), result.verdict(), violated.isEmpty() ? "-" : violated,
          String.format("%.1f s", result.metrics().get("wallTimeMillis") / 1000.0));
    }
    for (RunResult result : results) {
      if (result.verdict() == RunVerdict.PASS) {
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
