package dev.crashtest.scenarios;

import dev.crashtest.scenarios.zoo.SelfTest;
import java.io.PrintStream;

/** The self-test as a table: bug → caught by → scenario, the control's runs, and the score. */
final class SelfTestTable {
  private static final String ROW = "%-22s %-22s %-28s %s%n";

  private SelfTestTable() {}

  static void print(SelfTest.Result result, PrintStream out) {
    out.printf(ROW, "BUG", "CAUGHT BY", "SCENARIO", "RESULT");
    for (SelfTest.Row row : result.catches()) {
      out.printf(ROW, row.bug(), row.caughtBy(), row.scenario(), row.observed());
    }
    for (SelfTest.Row row : result.controls()) {
      out.printf(ROW, "(none: reference)", "-", row.scenario(), row.ok() ? "PASS" : "FALSE ALARM: " + row.observed());
    }
    long expected = result.catches().size();
    out.printf("%nMutation score: %d of %d bug catches (%d %%), %d false alarm(s) in %d reference run(s); seed %d%n",
        result.caught(), expected, expected == 0 ? 100 : result.caught() * 100 / expected, result.falseAlarms(),
        result.controls().size(), result.seed());
    for (SelfTest.Row row : result.catches()) {
      if (!row.ok() && row.run() != null) {
        out.printf("  missed: %s × %s; history: %s; rerun: ./crashtest self-test --bug %s --seed %d%n", row.bug(),
            row.scenario(), row.run().directory().resolve("history.jsonl"), row.bug(), result.seed());
      }
    }
    for (SelfTest.Row row : result.controls()) {
      if (!row.ok() && row.run() != null) {
        out.printf("  false alarm: %s; history: %s%n", row.scenario(), row.run().directory().resolve("history.jsonl"));
      }
    }
  }
}
