package dev.crashtest.reports;

import static dev.crashtest.reports.Runs.run;
import static dev.crashtest.scenario.RunVerdict.FAIL;
import static dev.crashtest.scenario.RunVerdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.scenario.CrashPoint;
import dev.crashtest.scenario.CrashPointSweep;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
  @TempDir Path out;

  @Test
  void the_report_keeps_its_version_1_fields_and_adds_tries_crash_points_the_comparison_and_the_sweeps()
      throws IOException {
    RunResult clean = run("crash-point-sweep[clean]", "naive", PASS);
    RunResult crashed = run("crash-point-sweep[crm:place_order#1]", "naive", FAIL, "unrecoveredRestarts", 1);
    CrashPointSweep.Result sweep = new CrashPointSweep.Result(clean,
        List.of(new CrashPoint("model", "chat_completion", 1, ""), new CrashPoint("crm", "place_order", 1, "")),
        List.of(crashed));

    JsonReport.write(42L, 1, List.of(clean, crashed), List.of(sweep), out);

    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.get("schemaVersion").asInt()).as("schemaVersion").isEqualTo(1);
    assertThat(report.get("repeat").asInt()).as("repeat").isEqualTo(1);
    JsonNode run = report.get("runs").get(1);
    assertThat(run.get("crashPoint").asText()).as("crashPoint").isEqualTo("crm:place_order#1");
    assertThat(run.get("try").asInt()).as("try").isEqualTo(1);
    assertThat(run.get("reproduce").asText()).as("reproduce")
        .isEqualTo("./crashtest run --scenario 'crash-point-sweep[crm:place_order#1]' --agent naive --seed 42");
    assertThat(run.has("verdict") && run.has("violations") && run.has("metrics") && run.has("history"))
        .as("version 1 fields of %s", run).isTrue();
    assertThat(report.get("runs").get(0).has("crashPoint")).as("the clean run names no point").isFalse();
    JsonNode naive = report.get("comparison").get("agents").get(0);
    assertThat(naive.get("passK").asDouble()).as("naive pass^1").isEqualTo(0.5);
    assertThat(naive.get("unrecovered").asInt()).as("naive unrecovered").isEqualTo(1);
    assertThat(naive.has("medianRecoveryMillis")).as("no recovery to report").isFalse();
    assertThat(report.get("comparison").get("cells")).as("cells").hasSize(2);
    JsonNode swept = report.get("crashPointSweeps").get(0);
    assertThat(swept.toString()).as("sweep").isEqualTo("{\"agent\":\"naive\",\"seed\":42,"
        + "\"clean\":\"crash-point-sweep[clean]\","
        + "\"cleanVerdict\":\"PASS\",\"discovered\":[\"model:chat_completion#1\",\"crm:place_order#1\"],"
        + "\"swept\":[\"crash-point-sweep[crm:place_order#1]\"]}");
  }

  @Test
  void each_try_of_a_scenario_against_an_agent_is_numbered_from_one() throws IOException {
    JsonReport.write(7L, 2, List.of(run("happy-path", "naive", PASS), run("happy-path", "python", PASS),
        run("happy-path", "naive", FAIL)), List.of(), out);

    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs).as("tries").extracting(node -> node.get("agent").asText() + " " + node.get("try").asInt())
        .containsExactly("naive 1", "python 1", "naive 2");
  }

  @Test
  void a_shard_that_ran_only_later_tries_numbers_them_by_their_seeds() throws IOException {
    RunResult second = withSeed(run("happy-path", "naive", PASS), Seeds.forRepeat(7L, 1));
    RunResult third = withSeed(run("happy-path", "naive", FAIL), Seeds.forRepeat(7L, 2));

    JsonReport.write(7L, 3, List.of(second, third), List.of(), out);

    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs).as("tries").extracting(node -> node.get("try").asInt()).containsExactly(2, 3);
  }

  @Test
  void sections_the_command_line_adds_follow_the_reports_own() throws IOException {
    JsonReport.write(7L, 1, List.of(run("happy-path", "naive", PASS)), List.of(), out,
        Map.of("shard", Map.of("index", 1, "count", 2)));

    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.fieldNames()).toIterable().as("sections").containsExactly("schemaVersion", "seed", "repeat",
        "runs", "comparison", "crashPointSweeps", "shard");
    assertThat(report.get("shard").get("index").asInt() + "/" + report.get("shard").get("count").asInt())
        .as("shard").isEqualTo("1/2");
  }

  @Test
  void each_run_lists_its_faults_and_a_fault_from_a_trace_carries_its_span() throws IOException {
    JsonReport.write(7L, 1, List.of(ReportRuns.fromTrace(out, "naive", 7L), ReportRuns.happyPath(out, "naive", 7L)),
        List.of(), out);

    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs.get(0).get("faults").toString()).as("faults of the imported incident").isEqualTo("[{\"fault\":\""
        + ReportRuns.TRACED_KILL + "\",\"fired\":true,\"op\":3,\"source\":{\"traceId\":"
        + "\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"}},{\"fault\":\""
        + ReportRuns.TRACED_OUTAGE + "\",\"fired\":false,\"op\":8,\"source\":{\"traceId\":"
        + "\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"b7ad6b7169203331\"}}]");
    assertThat(runs.get(1).get("faults").toString()).as("a run without faults").isEqualTo("[]");
  }

  private static RunResult withSeed(RunResult run, long seed) {
    return new RunResult(run.scenario(), run.agent(), seed, run.verdict(), run.checks(), run.error(), run.metrics(),
        run.history(), run.directory());
  }
}
