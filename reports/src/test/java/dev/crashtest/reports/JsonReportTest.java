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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    assertThat(swept.toString()).as("sweep").isEqualTo("{\"agent\":\"naive\",\"clean\":\"crash-point-sweep[clean]\","
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
}
