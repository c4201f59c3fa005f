package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a CI job runs it: shards and merge, and a baseline that catches a regression. */
class CiGatingIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void two_shards_run_one_cell_each_and_merge_into_one_report_with_the_campaigns_exit_code() throws IOException {
    Console first = shard("1/2");
    Console second = shard("2/2");
    Console merge = Console.capture(() -> CrashtestCli.execute("merge", "--out", dir.resolve("merged").toString(),
        dir.resolve("shard-1/report.json").toString(), dir.resolve("shard-2/report.json").toString()));

    assertThat(first.code()).as("shard 1/2 (happy-path) exit code; output:%n%s", first.out()).isEqualTo(0);
    assertThat(second.code()).as("shard 2/2 (crash-before-create-quote) exit code; output:%n%s", second.out())
        .isEqualTo(1);
    assertThat(merge.code()).as("merge exit code; output:%n%s%s", merge.out(), merge.err()).isEqualTo(1);
    assertThat(first.out()).as("shard 1/2 console").contains("seed 42, shard 1/2: 1 of 2 cells");
    JsonNode shardReport = JSON.readTree(dir.resolve("shard-2/report.json").toFile());
    assertThat(shardReport.get("shard").toString()).as("shard section").isEqualTo("{\"index\":2,\"count\":2,"
        + "\"cells\":1,\"agents\":[\"naive\"],\"scenarios\":[\"happy-path\",\"crash-before-create-quote\"]}");
    JsonNode merged = JSON.readTree(dir.resolve("merged/report.json").toFile());
    assertThat(runs(merged)).as("merged runs, in the campaign's order")
        .containsExactly("happy-path naive 42 PASS", "crash-before-create-quote naive 42 FAIL");
    assertThat(merged.get("comparison").get("cells")).as("comparison cells").hasSize(2);
    for (JsonNode run : merged.get("runs")) {
      assertThat(dir.resolve("merged").resolve(run.get("history").asText())).as("history of %s next to the merged"
          + " report", run.get("scenario").asText()).isRegularFile();
    }
    assertThat(dir.resolve("merged/junit.xml")).as("junit.xml").isRegularFile();
    assertThat(merge.out()).as("merge console").contains("Merged 2 report(s) of seed 42: 2 run(s)",
        "fails the run: crash-before-create-quote × naive: FAIL (task-completed)");
  }

  @Test
  void a_cell_that_passed_in_the_baseline_and_fails_now_exits_1_even_when_no_verdict_fails_the_run()
      throws IOException {
    Path baseline = Files.writeString(dir.resolve("baseline.json"), "{\"schemaVersion\": 1, \"seed\": 7, \"repeat\": 1,"
        + " \"runs\": [], \"comparison\": {\"k\": 1, \"cells\": [{\"scenario\": \"crash-before-create-quote\","
        + " \"agent\": \"naive\", \"tries\": 1, \"passed\": 1, \"verdict\": \"PASS\", \"passK\": 1.0,"
        + " \"unrecovered\": 0, \"duplicates\": 0, \"redoneModelCalls\": 0, \"redoneCrmCalls\": 0,"
        + " \"medianModelTokens\": 1500, \"medianWallMillis\": 2300}], \"agents\": []}, \"crashPointSweeps\": []}");

    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "crash-before-create-quote",
        "--agent", "naive", "--seed", "42", "--fail-on", "none", "--baseline", baseline.toString(),
        "--out", dir.resolve("out").toString()));

    assertThat(run.code()).as("exit code; output:%n%s", run.out()).isEqualTo(1);
    assertThat(run.out()).as("console").contains("Since baseline " + baseline + " (seed 7, 1 try per cell): 1 worse,"
        + " 0 better, 0 unchanged", "  worse   crash-before-create-quote × naive: verdict PASS → FAIL");
    JsonNode regression = JSON.readTree(dir.resolve("out/report.json").toFile()).get("baseline").get("regressions")
        .get(0);
    assertThat(regression.get("worse").toString()).as("what got worse")
        .isEqualTo("[\"verdict\",\"passK\",\"unrecovered\"]");
    assertThat(regression.get("after").get("verdict").asText()).as("verdict now").isEqualTo("FAIL");
  }

  private Console shard(String shard) {
    return Console.capture(() -> CrashtestCli.execute("run", "--scenario", "happy-path,crash-before-create-quote",
        "--agent", "naive", "--seed", "42", "--shard", shard, "--out",
        dir.resolve("shard-" + shard.charAt(0)).toString()));
  }

  private static List<String> runs(JsonNode report) {
    List<String> runs = new ArrayList<>();
    for (JsonNode run : report.get("runs")) {
      runs.add(run.get("scenario").asText() + " " + run.get("agent").asText() + " " + run.get("seed").asLong() + " "
          + run.get("verdict").asText());
    }
    return runs;
  }
}
