package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.reports.Comparison;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The comparison and sweep tables, to the character. */
class TablesTest {

  private static RunResult run(String scenario, String agent, RunVerdict verdict, List<String> failed,
      Object... metrics) {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("wallTimeMillis", 2_100L);
    for (int i = 0; i < metrics.length; i += 2) {
      values.put((String) metrics[i], ((Number) metrics[i + 1]).longValue());
    }
    List<CheckResult> checks = new ArrayList<>();
    for (String checker : List.of("task-completed", "exactly-once-effects", "no-work-redone", "delegated-writes")) {
      checks.add(new CheckResult(checker, failed.contains(checker) ? Verdict.FAIL : Verdict.PASS, "-", List.of()));
    }
    return new RunResult(scenario, agent, 42L, verdict, checks, null, values, History.of(List.of()),
        Path.of("out"));
  }

  private static String printed(Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void comparison_table_groups_cells_by_scenario_and_sums_up_each_agent() {
    List<RunResult> runs = List.of(
        run("happy-path", "naive", RunVerdict.PASS, List.of(), "modelTokens", 2_654),
        run("happy-path", "naive-streaming", RunVerdict.PASS, List.of(), "modelTokens", 2_654),
        run("happy-path", "python", RunVerdict.PASS, List.of(), "modelTokens", 2_590),
        run("crash-after-place-order", "naive", RunVerdict.FAIL, List.of("task-completed"),
            "unrecoveredRestarts", 1, "modelTokens", 1_690),
        run("crash-after-place-order", "naive-streaming", RunVerdict.FAIL, List.of("task-completed"),
            "unrecoveredRestarts", 1, "modelTokens", 1_690),
        run("crash-after-place-order", "python", RunVerdict.PASS, List.of(), "recoveryMillis", 412,
            "redoneModelCalls", 4, "redoneCrmCalls", 2, "duplicateEffects", 0, "modelTokens", 4_344));

    String table = printed(out -> ComparisonTable.print(Comparison.of(runs, 1), out));

    assertThat(table).as("table").isEqualTo(String.join("\n",
        "Comparison, 1 try per scenario × agent (pass^1: every try passed)",
        "SCENARIO                   AGENT            VERDICT  PASSED  PASS^1  RECOVERY  UNRECOVERED  DUPLICATES  REDONE M/C   TOKENS    TIME",
        "happy-path                 naive            PASS     1/1     1.00    -         0            0           0/0            2654   2.1 s",
        "                           naive-streaming  PASS     1/1     1.00    -         0            0           0/0            2654   2.1 s",
        "                           python           PASS     1/1     1.00    -         0            0           0/0            2590   2.1 s",
        "crash-after-place-order    naive            FAIL     0/1     0.00    -         1            0           0/0            1690   2.1 s",
        "                           naive-streaming  FAIL     0/1     0.00    -         1            0           0/0            1690   2.1 s",
        "                           python           PASS     1/1     1.00    412 ms    0            0           4/2            4344   2.1 s",
        "",
        "AGENT            PASS^1  SCENARIOS  RUNS PASSED  MEDIAN RECOVERY  UNRECOVERED  DUPLICATES  REDONE MODEL  REDONE CRM",
        "naive            0.50    2          1/2          -                1            0           0             0",
        "naive-streaming  0.50    2          1/2          -                1            0           0             0",
        "python           1.00    2          2/2          412 ms           0            0           4             2",
        ""));
  }

  @Test
  void sweep_table_says_per_point_what_was_lost_duplicated_or_redone_and_how_often_the_agent_was_caught() {
    RunResult clean = run("crash-point-sweep[clean]", "naive", RunVerdict.PASS, List.of());
    List<CrashPoint> points = List.of(new CrashPoint("model", "chat_completion", 1, "asks for get_account"),
        new CrashPoint("crm", "place_order", 1, ""));
    CrashPointSweep.Result sweep = new CrashPointSweep.Result(clean, points, List.of(
        run("crash-point-sweep[model:chat_completion#1]", "naive", RunVerdict.FAIL, List.of("task-completed"),
            "unrecoveredRestarts", 1),
        run("crash-point-sweep[crm:place_order#1]", "naive", RunVerdict.FAIL,
            List.of("exactly-once-effects", "no-work-redone"), "recoveryMillis", 310, "duplicateEffects", 1,
            "redoneModelCalls", 4, "redoneCrmCalls", 3)));

    String table = printed(out -> SweepTable.print(List.of(sweep), out));

    assertThat(table).as("table").isEqualTo(String.join("\n",
        "CRASH POINT                STEP                         AGENT            VERDICT  LOST      DUPLICATED  REDONE M/C  RECOVERY",
        "model:chat_completion#1    asks for get_account         naive            FAIL     lost      -           -           never",
        "crm:place_order#1          -                            naive            FAIL     -         1 dup       4/3         310 ms",
        "",
        "naive: caught at 2 of 2 crash points (2 found in the clean run): task lost at 1, effect duplicated at 1,"
            + " work redone at 1",
        ""));
  }

  @Test
  void a_sweep_whose_clean_run_failed_says_so_and_how_to_reproduce_it() {
    CrashPointSweep.Result sweep = new CrashPointSweep.Result(
        run("crash-point-sweep[clean]", "python", RunVerdict.FAIL, List.of("task-completed")), List.of(), List.of());

    assertThat(SweepTable.summary(sweep)).as("summary").isEqualTo("python: no crash points swept: the clean run"
        + " ended FAIL, so its history shows no boundaries to trust; fix the happy path first (reproduce:"
        + " ./crashtest run --scenario 'crash-point-sweep[clean]' --agent python --seed 42)");
  }
}
