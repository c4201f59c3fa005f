package dev.crashtest.scenario;

import static dev.crashtest.scenario.OpsBuilder.ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.check.Checks;
import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrashPointSweepTest {
  private static final History CLEAN = ops().submit("t-1").model(1, "place_order")
      .status("t-1", "AWAITING_APPROVAL")
      .op("harness", "runner", "approve", OpType.INVOKE, "taskId", "t-1", "approver", "approver@crashtest")
      .op("crm", "naive-agent", "place_order", OpType.OK, "method", "POST", "idempotencyKey", "t-1/1/place_order",
          "effectType", "order", "effectId", "O-0001", "accountId", "ACME-001", "delegated", true, "user", "alice",
          "scope", "crm.read crm.write")
      .model(2).status("t-1", "COMPLETED")
      .op("harness", "runner", "secret_scan", OpType.INFO, "credentials", 2, "files", List.of("agent.log")).build();

  private final List<String> ran = new ArrayList<>();

  private RunResult fakeRun(Scenario scenario, String runName, History history) {
    ran.add(runName + " = " + scenario.name() + ": " + scenario.description());
    return new RunResult(scenario.name(), "naive", 42L, RunResult.verdictOf(Checks.runAll(scenario.checks(), history)),
        Checks.runAll(scenario.checks(), history), null, Map.of(), history, Path.of("out"));
  }

  @Test
  void runs_the_task_cleanly_then_once_per_boundary_of_the_clean_run_under_the_same_scenario_name() {
    CrashPointSweep.Result sweep = CrashPointSweep.standard().run((scenario, name) -> fakeRun(scenario, name, CLEAN));

    assertThat(ran).as("runs").containsExactly(
        "crash-point-sweep[clean] = crash-point-sweep: clean run: finds the durable boundaries of the task",
        "crash-point-sweep[model:chat_completion#1] = crash-point-sweep: kill -9 right after the model answered"
            + " [chat_completion] #1, before the agent heard back; restart after 200 ms",
        "crash-point-sweep[crm:place_order#1] = crash-point-sweep: kill -9 right after the crm answered"
            + " [place_order] #1, before the agent heard back; restart after 200 ms",
        "crash-point-sweep[model:chat_completion#2] = crash-point-sweep: kill -9 right after the model answered"
            + " [chat_completion] #2, before the agent heard back; restart after 200 ms");
    assertThat(sweep.runs()).as("results, renamed").extracting(RunResult::scenario).containsExactly(
        "crash-point-sweep[clean]", "crash-point-sweep[model:chat_completion#1]", "crash-point-sweep[crm:place_order#1]",
        "crash-point-sweep[model:chat_completion#2]");
    assertThat(sweep.crashRuns().get(1).reproduce()).as("reproduce")
        .isEqualTo("./crashtest run --scenario 'crash-point-sweep[crm:place_order#1]' --agent naive --seed 42");
  }

  @Test
  void a_clean_run_that_fails_is_reported_and_nothing_is_swept() {
    History failed = ops().submit("t-1").model(1).status("t-1", "FAILED").build();

    CrashPointSweep.Result sweep = CrashPointSweep.standard().run((scenario, name) -> fakeRun(scenario, name, failed));

    assertThat(sweep.runs()).as("runs").extracting(RunResult::scenario, RunResult::verdict)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("crash-point-sweep[clean]", RunVerdict.FAIL));
    assertThat(sweep.discovered()).as("discovered").isEmpty();
  }

  @Test
  void the_cap_bounds_the_crash_runs_but_every_boundary_is_reported_as_discovered() {
    CrashPointSweep.Result sweep = CrashPointSweep.standard().withMaxPoints(2)
        .run((scenario, name) -> fakeRun(scenario, name, CLEAN));

    assertThat(sweep.discovered()).as("discovered").hasSize(3);
    assertThat(sweep.crashRuns()).as("crash runs").extracting(RunResult::scenario).containsExactly(
        "crash-point-sweep[model:chat_completion#1]", "crash-point-sweep[model:chat_completion#2]");
  }

  @Test
  void a_run_name_names_its_point_and_other_names_none() {
    assertThat(CrashPointSweep.pointOf("crash-point-sweep[crm:place_order#1]")).as("a point")
        .contains(new CrashPoint("crm", "place_order", 1, ""));
    assertThat(CrashPointSweep.pointOf("crash-point-sweep")).as("the sweep").isEmpty();
    assertThat(CrashPointSweep.pointOf("crash-point-sweep[clean]")).as("the clean run").isEmpty();
    assertThat(CrashPointSweep.pointOf("happy-path")).as("another scenario").isEmpty();
  }

  @Test
  void one_run_of_a_sweep_runs_again_by_its_name_alone() {
    RunResult clean = CrashPointSweep.standard().runNamed("crash-point-sweep[clean]", (s, n) -> fakeRun(s, n, CLEAN));
    RunResult point = CrashPointSweep.standard().runNamed("crash-point-sweep[crm:place_order#1]",
        (s, n) -> fakeRun(s, n, CLEAN));

    assertThat(List.of(clean.scenario(), point.scenario())).as("names")
        .containsExactly("crash-point-sweep[clean]", "crash-point-sweep[crm:place_order#1]");
    assertThat(ran).as("runs").hasSize(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CrashPointSweep.standard()
        .runNamed("crash-point-sweep[get_account]", (s, n) -> fakeRun(s, n, CLEAN)))
        .hasMessage("[crash-point-sweep[get_account]] is neither crash-point-sweep[clean] nor a crash point;"
            + " for example: crash-point-sweep[crm:place_order#1]");
  }
}
