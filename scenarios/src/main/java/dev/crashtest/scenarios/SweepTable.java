package dev.crashtest.scenarios;

import dev.crashtest.check.Verdict;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Per crash point of each sweep: was the task lost, an effect duplicated, completed work redone, and how long the
 * agent took to recover; then a line per agent saying at how many points it was caught.
 */
final class SweepTable {
  static final String FORMAT = "%-26s %-28s %-16s %-8s %-9s %-11s %-11s %s%n";

  private SweepTable() {}

  static void print(List<CrashPointSweep.Result> sweeps, PrintStream out) {
    out.printf(FORMAT, "CRASH POINT", "STEP", "AGENT", "VERDICT", "LOST", "DUPLICATED", "REDONE M/C", "RECOVERY");
    for (CrashPointSweep.Result sweep : sweeps) {
      for (RunResult run : sweep.crashRuns()) {
        CrashPoint point = CrashPointSweep.pointOf(run.scenario()).orElseThrow();
        String step = sweep.discovered().stream().filter(p -> p.label().equals(point.label())).findFirst()
            .map(CrashPoint::step).orElse("");
        Map<String, Long> metrics = run.metrics();
        out.printf(FORMAT, point.label(), step.isEmpty() ? "-" : step, run.agent(), run.verdict(),
            failed(run, "task-completed") ? "lost" : "-",
            failed(run, "exactly-once-effects") ? metrics.getOrDefault(RunMetrics.DUPLICATE_EFFECTS, 0L) + " dup" : "-",
            failed(run, "no-work-redone") ? metrics.getOrDefault(RunMetrics.REDONE_MODEL_CALLS, 0L) + "/"
                + metrics.getOrDefault(RunMetrics.REDONE_CRM_CALLS, 0L) : "-",
            recovery(metrics));
      }
    }
    out.println();
    for (CrashPointSweep.Result sweep : sweeps) {
      out.println(summary(sweep));
    }
  }

  static String summary(CrashPointSweep.Result sweep) {
    String agent = sweep.clean().agent();
    if (sweep.discovered().isEmpty()) {
      return agent + ": no crash points swept: the clean run ended " + sweep.clean().verdict()
          + ", so its history shows no boundaries to trust; fix the happy path first (reproduce: "
          + sweep.clean().reproduce() + ")";
    }
    List<RunResult> runs = sweep.crashRuns();
    long caught = runs.stream().filter(run -> !run.violations().isEmpty() || !run.error().isEmpty()).count();
    return agent + ": caught at " + caught + " of " + runs.size() + " crash points (" + sweep.discovered().size()
        + " found in the clean run): task lost at " + count(runs, "task-completed") + ", effect duplicated at "
        + count(runs, "exactly-once-effects") + ", work redone at " + count(runs, "no-work-redone");
  }

  private static long count(List<RunResult> runs, String checker) {
    return runs.stream().filter(run -> failed(run, checker)).count();
  }

  private static boolean failed(RunResult run, String checker) {
    return run.checks().stream().anyMatch(c -> c.checker().equals(checker) && c.verdict() == Verdict.FAIL);
  }

  /** {@code 240 ms}; {@code never} when the agent restarted but made no progress after; {@code -} without restart. */
  static String recovery(Map<String, Long> metrics) {
    Long millis = metrics.get(RunMetrics.RECOVERY_MILLIS);
    if (millis != null) {
      return millis + " ms";
    }
    return metrics.getOrDefault(RunMetrics.UNRECOVERED_RESTARTS, 0L) > 0 ? "never" : "-";
  }
}
