package dev.crashtest.scenarios;

import static dev.crashtest.scenarios.GateRuns.brokenByEnvironment;
import static dev.crashtest.scenarios.GateRuns.run;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.reports.JsonReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which exit code a campaign's runs give: 0 met, 1 failed, 3 the environment broke (2 is caught earlier). */
class GateTest {
  @TempDir Path dir;

  @Test
  void runs_that_all_pass_exit_0() {
    Gate.Decision decision = Gate.standard().decide(List.of(run("happy-path", "naive", PASS)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(0);
    assertThat(printed(decision)).as("console").isEqualTo("\nExit 0 (--fail-on fail): nothing fails the run\n");
  }

  @Test
  void a_checker_fail_exits_1_and_names_the_cell() {
    Gate.Decision decision = Gate.standard().decide(List.of(run("crash-before-create-quote", "naive", FAIL)), 1,
        false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(1);
    assertThat(printed(decision)).as("console").isEqualTo("\nExit 1 (--fail-on fail): 1 scenario × agent result(s)"
        + " fail the run\n  fails the run: crash-before-create-quote × naive: FAIL (task-completed)\n");
  }

  @Test
  void an_error_the_environment_caused_exits_3_not_1() {
    Gate.Decision decision = Gate.standard().decide(List.of(run("happy-path", "naive", PASS),
        brokenByEnvironment("crash-before-create-quote", "naive")), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(3);
    assertThat(printed(decision)).as("console").isEqualTo("\nExit 3 (--fail-on fail): the environment broke 1 run(s);"
        + " nothing here says the agent failed: retry, and see the errors\n  environment:   crash-before-create-quote"
        + " × naive: could not start the [crm] service: port in use\n");
  }

  @Test
  void an_environment_that_could_not_start_at_all_exits_3() {
    assertThat(Gate.standard().decide(List.of(), 1, true).exitCode()).as("exit code").isEqualTo(3);
  }

  @Test
  void a_failure_the_runs_proved_outranks_a_broken_environment() {
    Gate.Decision decision = Gate.standard().decide(List.of(run("crash-before-create-quote", "naive", FAIL),
        brokenByEnvironment("happy-path", "naive")), 1, true);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(1);
  }

  @Test
  void an_experimental_failure_alone_exits_0_unless_fail_on_experimental() {
    List<dev.crashtest.scenario.RunResult> runs = List.of(run("model-stream-cut", "naive", FAIL));

    int byDefault = new Gate(FailPolicy.standard(), Optional.empty(), "model-stream-cut"::equals)
        .decide(runs, 1, false).exitCode();
    int widened = new Gate(FailPolicy.parse(List.of("experimental")), Optional.empty(), "model-stream-cut"::equals)
        .decide(runs, 1, false).exitCode();

    assertThat(byDefault).as("by default").isEqualTo(0);
    assertThat(widened).as("--fail-on experimental").isEqualTo(1);
  }

  @Test
  void a_regression_since_the_baseline_exits_1_even_when_no_verdict_fails_the_run() {
    Baseline baseline = Baseline.read(JsonReport.write(41L, List.of(run("crash-before-create-quote", "naive", PASS)),
        dir));

    Gate.Decision decision = new Gate(FailPolicy.parse(List.of("none")), Optional.of(baseline))
        .decide(List.of(run("crash-before-create-quote", "naive", FAIL)), 1, false);

    assertThat(decision.exitCode()).as("exit code").isEqualTo(1);
    assertThat(printed(decision)).as("console").isEqualTo("\nSince baseline " + dir.resolve("report.json")
        + " (seed 41, 1 try per cell): 1 worse, 0 better, 0 unchanged\n"
        + "  worse   crash-before-create-quote × naive: verdict PASS → FAIL, pass^k 1.00 → 0.00\n"
        + "\nExit 1 (--fail-on none): 1 scenario × agent result(s) fail the run\n"
        + "  fails the run: crash-before-create-quote × naive: verdict PASS → FAIL, pass^k 1.00 → 0.00"
        + " (worse since the baseline)\n");
    assertThat(decision.sections()).as("report.json sections").containsOnlyKeys("baseline");
  }

  private static String printed(Gate.Decision decision) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    decision.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
