package dev.crashtest.scenarios;

import dev.crashtest.reports.Comparison;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The scenario × agent matrix (one row per cell, grouped by scenario) and a summary per agent: pass^k, median
 * recovery, restarts never recovered from, duplicated effects, redone model and CRM calls.
 */
final class ComparisonTable {
  private ComparisonTable() {}

  static void print(Comparison comparison, PrintStream out) {
    int k = comparison.k();
    int scenarioWidth = Math.max(26, comparison.cells().stream().mapToInt(c -> c.scenario().length()).max().orElse(0));
    String cells = "%-" + scenarioWidth + "s %-16s %-8s %-7s %-7s %-9s %-12s %-11s %-11s %7s %7s%n";
    out.printf("Comparison, %d %s per scenario × agent (pass^%d: every try passed)%n", k, k == 1 ? "try" : "tries", k);
    out.printf(cells, "SCENARIO", "AGENT", "VERDICT", "PASSED", "PASS^" + k, "RECOVERY", "UNRECOVERED", "DUPLICATES",
        "REDONE M/C", "TOKENS", "TIME");
    String previous = null;
    for (Comparison.Cell cell : comparison.cells()) {
      String scenario = cell.scenario().equals(previous) ? "" : cell.scenario();
      previous = cell.scenario();
      out.printf(cells, scenario, cell.agent(), cell.verdict(), cell.passed() + "/" + cell.tries(),
          fraction(cell.passK()), millis(cell.medianRecoveryMillis()), cell.unrecovered(), cell.duplicates(),
          cell.redoneModelCalls() + "/" + cell.redoneCrmCalls(), cell.medianModelTokens(),
          String.format(Locale.ROOT, "%.1f s", cell.medianWallMillis() / 1000.0));
    }
    String agents = "%-16s %-7s %-10s %-12s %-16s %-12s %-11s %-13s %s%n";
    out.println();
    out.printf(agents, "AGENT", "PASS^" + k, "SCENARIOS", "RUNS PASSED", "MEDIAN RECOVERY", "UNRECOVERED",
        "DUPLICATES", "REDONE MODEL", "REDONE CRM");
    for (Comparison.AgentSummary agent : comparison.agents()) {
      out.printf(agents, agent.agent(), fraction(agent.passK()), agent.scenarios(),
          agent.passed() + "/" + agent.runs(), millis(agent.medianRecoveryMillis()), agent.unrecovered(),
          agent.duplicates(), agent.redoneModelCalls(), agent.redoneCrmCalls());
    }
  }

  private static String fraction(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "-";
  }

  private static String millis(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() + " ms" : "-";
  }
}
