package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.check.CheckResult;
import dev.crashtest.check.Verdict;
import dev.crashtest.history.History;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.history.OpType;
import dev.crashtest.reports.JsonReport;
import dev.crashtest.reports.Report;
import dev.crashtest.reports.ReportRun;
import dev.crashtest.scenario.RunMetrics;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
import dev.crashtest.scenario.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crashtest merge} over report.json files written as shards write them; no process runs. */
class MergeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SCENARIOS = List.of("happy-path", "crash-before-create-quote");

  @TempDir Path dir;

  @Test
  void two_shard_reports_merge_into_the_report_of_the_unsharded_campaign() throws IOException {
    Path whole = campaign(dir.resolve("whole"), null);
    Path first = campaign(dir.resolve("shard-1"), new Shard(1, 2));
    Path second = campaign(dir.resolve("shard-2"), new Shard(2, 2));

    Console merge = Console.capture(() -> CrashtestCli.execute("merge", "--out", dir.resolve("merged").toString(),
        second.toString(), first.toString()));

    JsonNode expected = JSON.readTree(whole.toFile());
    JsonNode merged = JSON.readTree(dir.resolve("merged/report.json").toFile());
    assertThat(merge.code()).as("exit code; output:%n%s%s", merge.out(), merge.err()).isEqualTo(1);
    assertThat(merged.get("runs")).as("runs").isEqualTo(expected.get("runs"));
    assertThat(merged.get("comparison")).as("comparison").isEqualTo(expected.get("comparison"));
    assertThat(merged.get("mergedFrom").toString()).as("mergedFrom").isEqualTo("[{\"report\":\"" + second
        + "\",\"shard\":\"2/2\"},{\"report\":\"" + first + "\",\"shard\":\"1/2\"}]");
    for (JsonNode run : merged.get("runs")) {
      assertThat(dir.resolve("merged").resolve(run.get("history").asText())).as("copied history").isRegularFile();
    }
    assertThat(dir.resolve("merged/junit.xml")).as("junit.xml").isRegularFile();
    assertThat(dir.resolve("merged/index.html")).as("index.html").isRegularFile();
    assertThat(merge.out()).as("console").contains("Merged 2 report(s) of seed 42: 4 run(s)",
        "fails the run: crash-before-create-quote × naive: FAIL in 2 of 2 tries");
  }

  @Test
  void a_merged_report_keeps_each_file_scenarios_file_and_its_reproduce_command() throws IOException {
    Path out = dir.resolve("files");
    Path directory = out.resolve("my incident--my-agent");
    RunResult crashed = run(directory, "crash-from-a-file", 0);
    RunResult byCommand = new RunResult(crashed.scenario(), "my-agent", crashed.seed(), crashed.verdict(),
        crashed.checks(), null, crashed.metrics(), crashed.history(), directory, "--agent-cmd 'python3 my_agent.py'");
    Path report = JsonReport.write(Report.of(42L, 1, List.of(byCommand), List.of(), out, Map.of("crash-from-a-file",
        new ReportRun.SourceFile("incidents/it's mine.yaml", "ab12"))));

    Console merge = Console.capture(() -> CrashtestCli.execute("merge", "--out", dir.resolve("merged").toString(),
        report.toString()));

    JsonNode run = JSON.readTree(dir.resolve("merged/report.json").toFile()).get("runs").get(0);
    assertThat(merge.code()).as("exit code; output:%n%s%s", merge.out(), merge.err()).isEqualTo(1);
    assertThat(run.get("scenarioFile").toString()).as("scenarioFile")
        .isEqualTo("{\"path\":\"incidents/it's mine.yaml\",\"sha256\":\"ab12\"}");
    assertThat(run.get("reproduce").asText()).as("reproduce").isEqualTo("./crashtest run --scenario-file"
        + " 'incidents/it'\\''s mine.yaml' --agent-cmd 'python3 my_agent.py' --seed " + crashed.seed());
  }

  @Test
  void reports_of_different_seeds_are_refused_in_one_line() throws IOException {
    Path first = campaign(dir.resolve("shard-1"), new Shard(1, 2));
    Path other = dir.resolve("other/report.json");
    ObjectNode json = (ObjectNode) JSON.readTree(campaign(dir.resolve("shard-2"), new Shard(2, 2)).toFile());
    Files.createDirectories(other.getParent());
    JSON.writeValue(other.toFile(), json.put("seed", 7));

    Console merge = Console.capture(() -> CrashtestCli.execute("merge", "--out", dir.resolve("merged").toString(),
        first.toString(), other.toString()));

    assertThat(merge.code()).as("exit code; error:%n%s", merge.err()).isEqualTo(2);
    assertThat(merge.err()).as("error").isEqualTo("crashtest merge: [" + other + "] has seed 7, [" + first
        + "] seed 42: merge takes reports of one campaign, run with the same --seed" + System.lineSeparator());
    assertThat(dir.resolve("merged/report.json")).as("no report").doesNotExist();
  }

  @Test
  void a_missing_shard_is_refused() throws IOException {
    Path first = campaign(dir.resolve("shard-1"), new Shard(1, 3));

    Console merge = Console.capture(() -> CrashtestCli.execute("merge", "--out", dir.resolve("merged").toString(),
        first.toString()));

    assertThat(merge.code()).as("exit code; error:%n%s", merge.err()).isEqualTo(2);
    assertThat(merge.err()).as("error").isEqualTo("crashtest merge: shard 2/3, 3/3 missing: give every shard's"
        + " report.json (got 1/3)" + System.lineSeparator());
  }

  /**
   * Writes the report of the campaign happy-path, crash-before-create-quote × naive, --repeat 2, seed 42 (or of its
   * {@code shard}) as Campaign would: each run's history under try-r/scenario--agent.
   */
  private static Path campaign(Path out, Shard shard) {
    List<RunResult> runs = new ArrayList<>();
    int cell = 0;
    for (String scenario : SCENARIOS) {
      for (int r = 0; r < 2; r++, cell++) {
        if (shard == null || shard.owns(cell)) {
          runs.add(run(out.resolve("try-" + (r + 1)).resolve(scenario + "--naive"), scenario, r));
        }
      }
    }
    Map<String, Object> sections = new LinkedHashMap<>();
    if (shard != null) {
      sections.put("shard", Map.of("index", shard.index(), "count", shard.count(), "cells", runs.size(),
          "agents", List.of("naive"), "scenarios", SCENARIOS));
    }
    return JsonReport.write(42L, 2, runs, List.of(), out, sections);
  }

  private static RunResult run(Path directory, String scenario, int tryIndex) {
    History history = History.startingNow();
    history.append("harness", "runner", "submit_task", OpType.INVOKE, Map.of("taskId", "task-" + tryIndex));
    HistoryFiles.write(history, directory.resolve("history.jsonl"));
    boolean crashed = scenario.startsWith("crash");
    List<CheckResult> checks = List.of(new CheckResult("task-completed", crashed ? Verdict.FAIL : Verdict.PASS,
        crashed ? "task lost" : "completed", crashed ? List.of(0L) : List.of()));
    return new RunResult(scenario, "naive", Seeds.forRepeat(42L, tryIndex), crashed ? RunVerdict.FAIL : RunVerdict.PASS,
        checks, null, Map.of(RunMetrics.WALL_TIME_MILLIS, 1_000L + tryIndex), HistoryFiles.read(
        directory.resolve("history.jsonl")), directory);
  }
}
