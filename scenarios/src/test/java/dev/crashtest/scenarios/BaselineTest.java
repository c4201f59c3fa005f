package dev.crashtest.scenarios;

import static dev.crashtest.scenarios.GateRuns.run;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.reports.Comparison;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir Path dir;

  @Test
  void a_cell_that_passed_and_now_fails_is_a_regression_and_one_that_now_passes_an_improvement() {
    Baseline baseline = baseline(run("happy-path", "naive", PASS), run("crash-after-place-order", "naive", FAIL),
        run("model-429-storm", "naive", PASS), run("clock-skew", "naive", PASS));

    Baseline.Diff diff = baseline.diff(Comparison.of(List.of(run("happy-path", "naive", FAIL),
        run("crash-after-place-order", "naive", PASS), run("model-429-storm", "naive", PASS),
        run("zombie-worker", "naive", PASS)), 1));

    assertThat(diff.regressions()).as("worse").extracting(Baseline.Change::toString)
        .containsExactly("happy-path × naive: verdict PASS → FAIL, pass^k 1.00 → 0.00");
    assertThat(diff.improvements()).as("better").extracting(Baseline.Change::toString)
        .containsExactly("crash-after-place-order × naive: verdict FAIL → PASS, pass^k 0.00 → 1.00");
    assertThat(diff.unchanged()).as("unchanged").isEqualTo(1);
    assertThat(diff.newCells()).as("new").containsExactly("zombie-worker × naive");
    assertThat(diff.notRun()).as("not run now").isEqualTo(1);
  }

  @Test
  void new_duplicates_or_unrecovered_restarts_are_regressions_even_when_the_verdict_stays() {
    Baseline baseline = baseline(metrics(run("crash-after-place-order", "naive", FAIL), 0, 1));

    Baseline.Diff diff = baseline.diff(Comparison.of(List.of(metrics(run("crash-after-place-order", "naive", FAIL),
        1, 0)), 1));

    assertThat(diff.regressions()).as("worse").extracting(Baseline.Change::toString)
        .containsExactly("crash-after-place-order × naive: duplicates 0 → 1");
    assertThat(diff.toJson().get("regressions").toString()).as("json").isEqualTo("[{scenario=crash-after-place-order,"
        + " agent=naive, worse=[duplicates], before={verdict=FAIL, passK=0.0, duplicates=0, unrecovered=1},"
        + " after={verdict=FAIL, passK=0.0, duplicates=1, unrecovered=0}}]");
  }

  @Test
  void a_missing_file_is_named() {
    assertThatThrownBy(() -> Baseline.read(dir.resolve("previous/report.json"))).as("missing")
        .hasMessage("--baseline [" + dir.resolve("previous/report.json") + "] does not exist or is not a file");
  }

  @Test
  void a_file_that_is_not_json_or_of_another_schema_version_is_named() throws IOException {
    Path notJson = Files.writeString(dir.resolve("junit.xml"), "<testsuites/>");
    Path future = Files.writeString(dir.resolve("report.json"), "{\"schemaVersion\": 2, \"seed\": 1}");
    Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"agent\"}");

    assertThatThrownBy(() -> Baseline.read(notJson)).as("not JSON")
        .hasMessageStartingWith("--baseline [" + notJson + "] is not JSON: Unexpected character ('<'");
    assertThatThrownBy(() -> Baseline.read(future)).as("schema 2")
        .hasMessage("--baseline [" + future + "] has schemaVersion [2]; this crashtest reads schemaVersion 1");
    assertThatThrownBy(() -> Baseline.read(other)).as("no schema")
        .hasMessage("--baseline [" + other + "] is not a Crashtest report.json: it has no schemaVersion");
  }

  private Baseline baseline(RunResult... runs) {
    Path report = JsonReport.write(41L, List.of(runs), dir.resolve("previous"));
    return Baseline.read(report);
  }

  private static RunResult metrics(RunResult run, long duplicates, long unrecovered) {
    return new RunResult(run.scenario(), run.agent(), run.seed(), run.verdict(), run.checks(), run.error(),
        Map.of(RunMetrics.WALL_TIME_MILLIS, 2_000L, RunMetrics.DUPLICATE_EFFECTS, duplicates,
            RunMetrics.UNRECOVERED_RESTARTS, unrecovered),
        run.history(), run.directory());
  }
}
