package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.history.HistoryFiles;
import dev.crashtest.history.Op;
import dev.crashtest.scenario.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --repeat 2}: two tries per scenario, each with its own seed that reproduces it alone, and pass^2. */
class RepeatIT {
  @TempDir Path out;
  @TempDir Path again;

  @Test
  void each_try_gets_a_seed_of_its_own_that_reproduces_it_and_pass_k_counts_only_scenarios_passed_every_time()
      throws Exception {
    long secondSeed = Seeds.forRepeat(42L, 1);
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "happy-path,crash-before-create-quote",
        "--agent", "naive", "--repeat", "2", "--seed", "42", "--out", out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s", run.out()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.get("repeat").asInt()).as("repeat").isEqualTo(2);
    List<String> runs = new ArrayList<>();
    report.get("runs").forEach(r -> runs.add(r.get("scenario").asText() + " try " + r.get("try").asInt() + " seed "
        + r.get("seed").asLong() + " " + r.get("verdict").asText()));
    assertThat(runs).as("runs").containsExactly("happy-path try 1 seed 42 PASS",
        "happy-path try 2 seed " + secondSeed + " PASS", "crash-before-create-quote try 1 seed 42 FAIL",
        "crash-before-create-quote try 2 seed " + secondSeed + " FAIL");
    JsonNode naive = report.get("comparison").get("agents").get(0);
    assertThat(naive.get("passK").asDouble()).as("naive pass^2: happy path every time, crash never").isEqualTo(0.5);
    assertThat(run.out()).as("console").contains("Comparison, 2 tries per scenario × agent (pass^2: every try passed)",
        "reproduce: ./crashtest run --scenario crash-before-create-quote --agent naive --seed " + secondSeed);

    Console reproduced = Console.capture(() -> CrashtestCli.execute("run", "--scenario", "happy-path",
        "--agent", "naive", "--seed", String.valueOf(secondSeed), "--out", again.toString()));

    assertThat(reproduced.code()).as("exit code; output:%n%s", reproduced.out()).isEqualTo(0);
    assertThat(submitted(again.resolve("happy-path--naive/history.jsonl"))).as("the task of the reproduced try")
        .isEqualTo(submitted(out.resolve("try-2/happy-path--naive/history.jsonl")))
        .isNotEqualTo(submitted(out.resolve("try-1/happy-path--naive/history.jsonl")));
  }

  private static String submitted(Path history) {
    Op submit = HistoryFiles.read(history).select(op -> op.operation().equals("submit_task")).get(0);
    return submit.text("taskId") + ": " + submit.text("goal");
  }
}
