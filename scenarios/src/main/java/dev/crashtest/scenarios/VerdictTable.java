package dev.crashtest.scenarios;

import dev.crashtest.check.AuditTrail;
import dev.crashtest.check.CheckResult;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The verdict table, then what each failed run violated and the command that reproduces it. */
final class VerdictTable {
  private VerdictTable() {}

  static void print(List<RunResult> results, PrintStream out) {
    print(results, Map.of(), out);
  }

  /** The same, the runs of scenarios read from files ({@code files}, by scenario name) reproduced from their file. */
  static void print(List<RunResult> results, Map<String, ReportRun.SourceFile> files, PrintStream out) {
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
      printAudit(result, out);
      out.printf("  history: %s%n", result.directory().resolve("history.jsonl"));
      out.printf("  reproduce: %s%n", ReportRun.reproduce(result, files.get(result.scenario())));
    }
  }

  /** For a run that failed an attribution check, the CRM writes that were not clean, one line each. */
  static void printAudit(RunResult result, PrintStream out) {
    boolean attributionFailed = result.violations().stream()
        .anyMatch(check -> ATTRIBUTION_CHECKS.contains(check.checker()));
    if (!attributionFailed) {
      return;
    }
    List<AuditTrail.Entry> flagged = AuditTrail.of(result.history()).stream()
        .filter(entry -> !entry.verdict().equals(AuditTrail.OK)).toList();
    out.printf("  audit (%d flagged CRM write%s; all rows in report.json):%n", flagged.size(),
        flagged.size() == 1 ? "" : "s");
    for (AuditTrail.Entry entry : flagged) {
      out.printf("    op #%d +%d ms %s agent=%s user=%s scope=[%s] token=%s: %s%n", entry.index(), entry.timeMillis(),
          entry.operation(), entry.agent(), entry.user(), entry.scope(), entry.tokenId(), entry.verdict());
    }
  }

  private static final List<String> ATTRIBUTION_CHECKS =
      List.of("delegated-writes", "least-privilege", "revocation-respected");
}
